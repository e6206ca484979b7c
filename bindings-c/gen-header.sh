#!/usr/bin/env bash
# Writes include/slotwise.h from src/ with cbindgen 0.29.4 (installed with cargo if
# missing). `gen-header.sh --check` writes nothing and fails when the committed
# header differs from a fresh generation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=0.29.4
if ! cbindgen --version 2>/dev/null | grep -qx "cbindgen $version"; then
  cargo install cbindgen --version "$version" --locked 2>/dev/null \
    || cargo install cbindgen --version "$version"
fi
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
cbindgen --quiet --config "$here/cbindgen.toml" --crate slotwise-c --output "$fresh" "$here"
if [[ "${1:-}" == "--check" ]]; then
  if ! diff -u "$here/include/slotwise.h" "$fresh"; then
    echo "include/slotwise.h is stale: run bindings-c/gen-header.sh" >&2
    exit 1
  fi
else
  cp "$fresh" "$here/include/slotwise.h"
fi
