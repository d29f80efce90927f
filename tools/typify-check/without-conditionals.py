#!/usr/bin/env python3
"""Writes the schema without its `if`/`then` conditionals, for cargo-typify 0.8.0, which
does not implement them (it panics with "not implemented: if/then/else schemas are not
supported"). The schema uses them only for the grammar of each place identifier by its
scheme; this script fails if any other construct would be removed, so that nothing else
is hidden from the check.

    python3 tools/typify-check/without-conditionals.py SCHEMA OUT
"""

import json
import sys


def strip(node, path, removed):
    if isinstance(node, dict):
        if "allOf" in node:
            kept = [item for item in node["allOf"] if not (isinstance(item, dict) and "if" in item)]
            if len(kept) != len(node["allOf"]):
                removed.append(path)
                if kept:
                    node["allOf"] = kept
                else:
                    del node["allOf"]
        for key, value in node.items():
            strip(value, f"{path}/{key}", removed)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            strip(value, f"{path}/{index}", removed)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    removed = []
    strip(schema, "", removed)
    if removed != ["/$defs/PlaceIdentifier"]:
        sys.exit(f"expected to remove the conditionals of /$defs/PlaceIdentifier only, removed: {removed}")
    json.dump(schema, open(sys.argv[2], "w", encoding="utf-8"), indent=2)


if __name__ == "__main__":
    main()
