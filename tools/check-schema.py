#!/usr/bin/env python3
"""Checks the committed JSON Schema with Python's `jsonschema`, a validator independent of
the Rust crate: the schema against the draft 2020-12 meta-schema, every valid document
against the schema (format checking on), every invalid fixture as
tests/fixtures/schema-expectations.json says, and the schema's partial-date pattern
against every example of tests/fixtures/edtf-examples.json, with Python's `re`.

YAML and TOML files are read the way JSON tools read them (PyYAML, tomllib), with native
dates written as their ISO text, which is how casebook reads them too.

    python3 tools/check-schema.py
"""

import json
import re
import sys

import jsonschema

from fixtures import ROOT, documents, expectations as fixture_expectations, load, verdict


def main():
    schema = json.loads((ROOT / "schema" / "case-study.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    expectations = fixture_expectations()
    failures = []
    checked = 0

    for path in documents("examples/data") + documents("tests/fixtures/valid"):
        errors = list(validator.iter_errors(load(path)))
        checked += 1
        if errors:
            failures.append(f"{path.relative_to(ROOT)}: valid, but the schema says: {errors[0].message}")

    invalid = ROOT / "tests" / "fixtures" / "invalid"
    other_readings = set(expectations["other_yaml_tools_reject"])
    for name in other_readings:
        # PyYAML (YAML 1.1) reads `NO` as false and `2018` as a number: the schema rejects
        # what casebook reads as text and warns about (yaml-implicit-type).
        checked += 1
        if validator.is_valid(load(invalid / name)):
            failures.append(f"invalid/{name}: PyYAML reads it as casebook does; its warning is wrong")
    for name in expectations["schema_accepts"]:
        if name in other_readings:
            continue
        errors = list(validator.iter_errors(load(invalid / name)))
        checked += 1
        if errors:
            failures.append(f"invalid/{name}: its problems are beyond the schema, but the schema says: {errors[0].message}")
    for name in expectations["schema_rejects"]:
        checked += 1
        if validator.is_valid(load(invalid / name)):
            failures.append(f"invalid/{name}: has a structural error, but the schema accepts it")

    # Partial dates: Python's `re`, through the schema's own PartialDate, agrees with
    # casebook on every example of the EDTF specification (tests/edtf.rs checks the crate).
    dates = json.loads((ROOT / "tests" / "fixtures" / "edtf-examples.json").read_text(encoding="utf-8"))
    partial_date = jsonschema.Draft202012Validator(schema["$defs"]["PartialDate"])
    pattern = re.compile(schema["$defs"]["PartialDate"]["pattern"])
    for text in dates["accepted"]:
        checked += 1
        if not (partial_date.is_valid(text) and pattern.search(text)):
            failures.append(f"edtf-examples.json: casebook accepts {text!r}, the schema's pattern does not")
    for entry in dates["refused"] + dates["also_refused"]:
        checked += 1
        if partial_date.is_valid(entry["text"]) or pattern.search(entry["text"]):
            failures.append(f"edtf-examples.json: casebook refuses {entry['text']!r} ({entry['why']}), the schema's pattern accepts it")

    return verdict("jsonschema", checked, failures)


if __name__ == "__main__":
    sys.exit(main())
