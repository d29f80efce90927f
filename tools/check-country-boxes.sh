#!/usr/bin/env bash
# Checks that src/codes/tables/boxes.rs is what tools/gen-country-boxes.py writes from the
# sources pinned in tools/country-boxes-requirements.txt: installs pycountry (by hash,
# without dependencies) into target/country-boxes-venv, downloads the source distribution
# of country-bounding-boxes (the script checks its hash), regenerates the table into a
# temporary file and compares it with the committed one. With --write, rewrites it.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/country-boxes-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
pycountry=$(mktemp)
trap 'rm -f "$pycountry"' EXIT
grep '^pycountry==' tools/country-boxes-requirements.txt >"$pycountry"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes \
  -r "$pycountry"
sdist_dir=target/country-boxes-sdist
pin=$(grep '^country-bounding-boxes==' tools/country-boxes-requirements.txt | cut -d' ' -f1)
"$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
  -d "$sdist_dir" "$pin"
sdist="$sdist_dir/country-bounding-boxes-${pin#*==}.tar.gz"

committed=src/codes/tables/boxes.rs
if [ "${1:-}" = "--write" ]; then
  "$venv/bin/python" tools/gen-country-boxes.py --sdist "$sdist" --out "$committed"
  exit 0
fi
generated=$(mktemp)
trap 'rm -f "$generated" "$pycountry"' EXIT
"$venv/bin/python" tools/gen-country-boxes.py --sdist "$sdist" --out "$generated"
if ! cmp -s "$generated" "$committed"; then
  diff -u "$committed" "$generated" | head -40 || true
  echo "$committed is not what tools/gen-country-boxes.py writes; run tools/check-country-boxes.sh --write and commit it" >&2
  exit 1
fi
echo "$committed is up to date"
