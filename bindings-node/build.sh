#!/usr/bin/env bash
# Build the addon in the workspace's target dir and put it where index.js loads it
# (bindings-node/slotwise.node). Release by default; PROFILE=debug for a quick build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${PROFILE:-release}"
flag=()
[ "$profile" = release ] && flag=(--release)
[ "$profile" != release ] && [ "$profile" != debug ] && flag=(--profile "$profile")
cargo build --manifest-path "$root/Cargo.toml" -p slotwise-node --locked "${flag[@]}"
target="${CARGO_TARGET_DIR:-$root/target}/$profile"
case "$(uname -s)" in
  Darwin) lib="$target/libslotwise_node.dylib" ;;
  MINGW*|MSYS*|CYGWIN*) lib="$target/slotwise_node.dll" ;;
  *) lib="$target/libslotwise_node.so" ;;
esac
# Copy to a temporary name and rename, so a running process never sees half a file.
cp "$lib" "$here/slotwise.node.tmp"
mv -f "$here/slotwise.node.tmp" "$here/slotwise.node"
echo "built $here/slotwise.node ($profile)"
# The value shapes and the shared API are one file for every JavaScript package:
# take the WASM package's when the repository has it (tests check they match).
shared="$root/bindings-wasm/types/slotwise.d.ts"
if [ -f "$shared" ] && ! cmp -s "$shared" "$here/slotwise.d.ts"; then
  cp "$shared" "$here/slotwise.d.ts"
  echo "updated slotwise.d.ts from bindings-wasm/types"
fi
