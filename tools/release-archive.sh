#!/usr/bin/env bash
# Packs a built `casebook` binary as the release archive that `cargo binstall casebook-cli`
# looks for (see [package.metadata.binstall] in cli/Cargo.toml):
# casebook-cli-VERSION-TARGET.tar.gz holding casebook-cli-VERSION-TARGET/casebook, the
# licences and the README. Windows targets get a .zip with casebook.exe.
#
#     tools/release-archive.sh TARGET BINARY OUT_DIR
set -euo pipefail
target=$1 binary=$2 out=$3
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n1)
name="casebook-cli-$version-$target"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/$name" "$out"
case "$target" in
  *windows*) cp "$binary" "$staging/$name/casebook.exe" ;;
  *) cp "$binary" "$staging/$name/casebook" ;;
esac
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$root/cli/README.md" "$staging/$name/"
out=$(cd "$out" && pwd)
case "$target" in
  *windows*) (cd "$staging" && python3 -m zipfile -c "$out/$name.zip" "$name") && echo "$out/$name.zip" ;;
  *) tar -czf "$out/$name.tar.gz" -C "$staging" "$name" && echo "$out/$name.tar.gz" ;;
esac
