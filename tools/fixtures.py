"""What the Python checks of the schema share: where the repository is, and how a fixture
is read the way JSON tools read YAML and TOML (PyYAML, tomllib), with native dates written
as their ISO text, which is how casebook reads them too."""

import datetime
import json
import pathlib
import tomllib

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


def verdict(label, checked, failures):
    """Prints each failure and the closing count; the exit status of a check."""
    for failure in failures:
        print(failure)
    print(f"{label}: {checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def expectations():
    return json.loads((ROOT / "tests" / "fixtures" / "schema-expectations.json").read_text(encoding="utf-8"))


def main(out):
    """Writes every example and fixture that a generated type must accept or reject as
    JSON, for checkers in other languages, with `manifest.json` saying which is which."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for path in documents("examples/data") + documents("tests/fixtures/valid"):
        name = f"{path.parent.name}-{path.name}.json"
        (out / name).write_text(json.dumps(load(path), ensure_ascii=False, indent=2), encoding="utf-8")
        manifest[name] = {"source": str(path.relative_to(ROOT)), "valid": True}
    for fixture in expectations()["schema_rejects"]:
        path = ROOT / "tests" / "fixtures" / "invalid" / fixture
        name = f"invalid-{fixture}.json"
        (out / name).write_text(json.dumps(load(path), ensure_ascii=False, indent=2), encoding="utf-8")
        manifest[name] = {"source": str(path.relative_to(ROOT)), "valid": False, "fixture": fixture}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    print(f"wrote {len(manifest)} documents to {out}")


if __name__ == "__main__":
    import sys

    main(pathlib.Path(sys.argv[1]))
