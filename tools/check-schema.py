#!/usr/bin/env python3
"""Checks the committed JSON Schema with Python's `jsonschema`, a validator independent of
the Rust crate: the schema against the draft 2020-12 meta-schema, every valid document
against the schema (format checking on), and every invalid fixture as
tests/fixtures/schema-expectations.json says.

YAML and TOML files are read the way JSON tools read them (PyYAML, tomllib), with native
dates written as their ISO text, which is how casebook reads them too.

    python3 tools/check-schema.py
"""

import datetime
import json
import pathlib
import sys
import tomllib

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def plain(value):
    """Dates as ISO text; mapping keys as text (YAML 1.1 reads `on:` as a boolean)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key).lower() if isinstance(key, bool) else str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def load(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix in (".yaml", ".yml"):
        return plain(yaml.safe_load(text))
    if path.suffix == ".toml":
        return plain(tomllib.loads(text))
    raise ValueError(f"not a document: {path}")


def documents(folder):
    return sorted(p for p in (ROOT / folder).iterdir() if p.suffix in (".json", ".yaml", ".yml", ".toml"))


def main():
    schema = json.loads((ROOT / "schema" / "case-study.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    expectations = json.loads((ROOT / "tests" / "fixtures" / "schema-expectations.json").read_text())
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

    for failure in failures:
        print(failure)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
