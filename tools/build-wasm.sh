#!/usr/bin/env bash
# Builds casebook for WebAssembly: the crate bindings/wasm, its JavaScript glue for the npm
# package (bindings/wasm/npm/generated) and the static validator page (target/web, from
# web/ with the .wasm embedded, so that it works from disk too). Installs what it needs,
# pinned: the wasm32 target (rustup), wasm-bindgen-cli at the crate's wasm-bindgen version
# (cargo install, into target/tools). No wasm-opt: Debian's binaryen (108) is older than
# this output's features, and the module it writes fails to instantiate (the externref
# table); the size figures in benches/README.md are without it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

# The version wasm-bindgen-cli must have: the one bindings/wasm/Cargo.toml pins.
bindgen_version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' bindings/wasm/Cargo.toml)
tools="$CARGO_TARGET_DIR/tools"
bindgen="$tools/bin/wasm-bindgen"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ ! -x "$bindgen" ] || [ "$("$bindgen" --version)" != "wasm-bindgen $bindgen_version" ]; then
  # Not --locked: the lock file of wasm-bindgen-cli names a webpki-roots release that the
  # registry here does not have; the tool's own version is pinned all the same.
  cargo install --quiet --force wasm-bindgen-cli --version "$bindgen_version" --root "$tools"
fi

cargo build --quiet --locked --target wasm32-unknown-unknown --profile wasm-release -p casebook-wasm
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/casebook_wasm.wasm"

npm_out=bindings/wasm/npm/generated
web_out="$CARGO_TARGET_DIR/web"
rm -rf "$npm_out" "$web_out"
# ESM glue for the npm package (Node.js and browsers); a classic script for the page, which
# must run from file://, where module scripts are refused.
"$bindgen" --target web --no-typescript --remove-name-section --out-dir "$npm_out" --out-name casebook_wasm "$wasm"
"$bindgen" --target no-modules --no-typescript --remove-name-section --out-dir "$web_out" --out-name casebook_wasm "$wasm"

cp web/index.html web/app.js web/style.css "$web_out/"
{
  printf '// casebook compiled to WebAssembly, embedded so that the page needs no fetch.\n'
  printf 'var CASEBOOK_WASM_BASE64 = "'
  base64 -w0 "$web_out/casebook_wasm_bg.wasm"
  printf '";\n'
} >"$web_out/casebook_wasm_bytes.js"
rm "$web_out/casebook_wasm_bg.wasm"

raw=$(stat -c %s "$npm_out/casebook_wasm_bg.wasm")
gz=$(gzip -9 -c "$npm_out/casebook_wasm_bg.wasm" | wc -c)
echo "casebook_wasm_bg.wasm: $raw bytes, $gz bytes gzipped; page in $web_out"
