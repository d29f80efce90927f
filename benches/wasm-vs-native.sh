#!/usr/bin/env bash
# Validation throughput of the WebAssembly build in Node.js against the same code built
# natively, on the same 1,000 generated documents, side by side in one run (issue 15).
# Needs tools/build-wasm.sh to have run. Prints both figures and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
docs="$CARGO_TARGET_DIR/wasm-bench/docs"
passes="${PASSES:-3}"
if [ ! -f "$docs/case-001000.json" ]; then
  cargo run -q -p casebook-test-support --bin gen-corpus -- --count 1000 --out "$docs" --seed 2026 --invalid-share 0.1
fi
cargo build -q --release -p casebook-wasm --example throughput
native=$("$CARGO_TARGET_DIR/release/examples/throughput" "$docs" "$passes")
wasm=$(node benches/wasm-throughput.mjs "$docs" "$passes")
echo "native: $native"
echo "wasm:   $wasm"
python3 - "$native" "$wasm" <<'PY'
import json, sys
native, wasm = (json.loads(arg) for arg in sys.argv[1:])
assert native["findings"] == wasm["findings"], "the two builds found different things"
print(f"wasm time / native time: {wasm['seconds_per_pass'] / native['seconds_per_pass']:.2f}"
      f" (goal: at most 2.5); {native['documents']} documents, {native['bytes'] / 1e6:.1f} MB")
PY
