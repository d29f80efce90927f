#!/usr/bin/env bash
# Checks that src/codes/tables/iso.rs is what tools/gen-code-tables.py writes from the
# packages pinned in tools/code-tables-requirements.txt: installs them (by hash, without
# their dependencies) into target/code-tables-venv, regenerates the tables into a temporary
# file and compares it with the committed one. With --write, rewrites the committed file.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/code-tables-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || {
    # Debian's python3 keeps venv in a separate package.
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  }
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes \
  -r tools/code-tables-requirements.txt

committed=src/codes/tables/iso.rs
if [ "${1:-}" = "--write" ]; then
  "$venv/bin/python" tools/gen-code-tables.py --out "$committed"
  exit 0
fi
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
"$venv/bin/python" tools/gen-code-tables.py --out "$generated"
if ! cmp -s "$generated" "$committed"; then
  diff -u "$committed" "$generated" | head -40 || true
  echo "$committed is not what tools/gen-code-tables.py writes; run tools/check-code-tables.sh --write and commit it" >&2
  exit 1
fi
echo "$committed is up to date"
