#!/usr/bin/env bash
# Every test of the project. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: cargo test (workspace)"
cargo test --workspace --locked

bindings-node/test.sh
