#!/usr/bin/env bash
# Regenerates the Kotlin and Swift sources from the built library, with the
# in-workspace uniffi-bindgen (the same uniffi version as the library):
#   kotlin/src/main/kotlin/dev/slotwise/slotwise.kt
#   swift/Sources/Slotwise/Slotwise.swift
#   swift/Headers/SlotwiseFFI.h, swift/Headers/module.modulemap
# Usage: bindings-uniffi/generate.sh [LIBRARY]   (default: target/release/libslotwise_uniffi.so;
# build it first: cargo build --release -p slotwise-uniffi && cargo build -p uniffi-bindgen).
# The output depends only on the Rust sources, so CI regenerates and diffs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

lib="${1:-target/release/libslotwise_uniffi.so}"
bindgen="${UNIFFI_BINDGEN:-target/debug/uniffi-bindgen}"
[ -f "$lib" ] || { echo "generate.sh: $lib not found (cargo build --release -p slotwise-uniffi)" >&2; exit 1; }
[ -x "$bindgen" ] || { echo "generate.sh: $bindgen not found (cargo build -p uniffi-bindgen)" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for language in kotlin swift; do
  "$bindgen" generate --library "$lib" --language "$language" --no-format \
    --out-dir "$out/$language" >/dev/null
done

kotlin_dir="$here/kotlin/src/main/kotlin/dev/slotwise"
mkdir -p "$kotlin_dir" "$here/swift/Sources/Slotwise" "$here/swift/Headers"
cp "$out/kotlin/dev/slotwise/slotwise_uniffi.kt" "$kotlin_dir/slotwise.kt"
cp "$out/swift/Slotwise.swift" "$here/swift/Sources/Slotwise/Slotwise.swift"
cp "$out/swift/SlotwiseFFI.h" "$here/swift/Headers/SlotwiseFFI.h"
cp "$out/swift/SlotwiseFFI.modulemap" "$here/swift/Headers/module.modulemap"
echo "generated Kotlin and Swift from $lib"
