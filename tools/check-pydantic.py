#!/usr/bin/env python3
"""Generates a pydantic model from the committed JSON Schema with datamodel-code-generator,
as a Python user of the format would, and checks that it agrees with casebook.

The generator runs with no option that changes what the schema means (only the output
kind and the formatter are chosen) and must print no warning. The generated model must
load every bundled example and valid fixture, and reject every fixture that
tests/fixtures/schema-expectations.json marks as structurally invalid, except those listed
in CANNOT_EXPRESS with the reason.

    python3 tools/check-pydantic.py OUT_DIR
"""

import importlib.util
import pathlib
import subprocess
import sys

from fixtures import ROOT, documents, expectations as fixture_expectations, load, verdict

# Fixtures whose problem a pydantic model cannot see, and why.
CANNOT_EXPRESS = {
    # pydantic has no constraint for a list without repeats; datamodel-code-generator's
    # --use-unique-items-as-set turns such a list into a set, which drops the repeat and
    # the order without a word, so it is left off: casebook or a JSON Schema validator
    # reports repeats.
    "duplicate-item.yaml": "lists without repeats (uniqueItems)",
}


def generate(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    model = out_dir / "case_study_model.py"
    run = subprocess.run(
        [
            sys.executable, "-m", "datamodel_code_generator",
            "--input", str(ROOT / "schema" / "case-study.schema.json"),
            "--input-file-type", "jsonschema",
            "--output-model-type", "pydantic_v2.BaseModel",
            "--formatters", "builtin",
            "--disable-timestamp",
            "--output", str(model),
        ],
        capture_output=True, text=True,
    )
    if run.returncode != 0 or run.stderr.strip():
        sys.exit(f"datamodel-codegen failed or warned:\n{run.stderr}")
    spec = importlib.util.spec_from_file_location("case_study_model", model)
    module = importlib.util.module_from_spec(spec)
    # pydantic resolves the model's names through its module.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.CaseStudy


def main():
    case_study = generate(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/generated-types"))
    expectations = fixture_expectations()
    failures, checked = [], 0

    for path in documents("examples/data") + documents("tests/fixtures/valid"):
        checked += 1
        try:
            case_study.model_validate(load(path))
        except Exception as error:  # noqa: BLE001 - the message is the point
            failures.append(f"{path.relative_to(ROOT)}: valid, but the pydantic model says: {error}")

    invalid = ROOT / "tests" / "fixtures" / "invalid"
    for name in expectations["schema_rejects"]:
        checked += 1
        try:
            case_study.model_validate(load(invalid / name))
            rejected = False
        except Exception:  # noqa: BLE001
            rejected = True
        if name in CANNOT_EXPRESS:
            if rejected:
                failures.append(f"invalid/{name}: listed as beyond pydantic, but it is rejected now; drop it from the list")
        elif not rejected:
            failures.append(f"invalid/{name}: has a structural error, but the pydantic model accepts it")
    for name in CANNOT_EXPRESS:
        if name not in expectations["schema_rejects"]:
            failures.append(f"{name}: listed in CANNOT_EXPRESS but not a structurally invalid fixture")

    return verdict("pydantic", checked, failures)


if __name__ == "__main__":
    sys.exit(main())
