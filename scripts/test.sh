#!/usr/bin/env bash
# Every test of the project. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: cargo test (workspace)"
cargo test --workspace --locked

echo "== rust: core without default features (the single-threaded path)"
cargo test -p slotwise --no-default-features --locked

echo "== rust: core for wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
cargo build -p slotwise --target wasm32-unknown-unknown --locked

bindings-c/test.sh
bindings-dotnet/test.sh
examples/dotnet/run.sh

bindings-node/test.sh
examples/service/test.sh
