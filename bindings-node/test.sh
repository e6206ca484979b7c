#!/usr/bin/env bash
# The Node package's checks, self-contained: npm ci (skipped when node_modules is
# current), the release addon built in the workspace's target dir, its Rust unit
# tests (release), tsc --strict over the declarations, then node --test over every
# test file.
set -euo pipefail
cd "$(dirname "$0")"

echo "== node: npm ci"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  # A fresh Debian machine (CI): Debian 12's Node.js 18 is enough.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nodejs npm
  else
    echo "node and npm are required (Node.js 18 or later)" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is current"
fi

echo "== node: build the addon (release)"
./build.sh

echo "== node: Rust unit tests (release, reusing the addon's build)"
cargo test --release --locked --manifest-path ../Cargo.toml -p slotwise-node --lib

echo "== node: tsc --strict"
npx --no-install tsc -p tsconfig.json

echo "== node: node --test"
node --test tests/*.test.js
