#!/usr/bin/env bash
# Every test of the WebAssembly package (no benchmark): build the package, check the
# TypeScript declarations, run the Node tests (every vector, every error code,
# panics, memory, size budget), then the booking page in
# headless Chromium (Debian's; installed with apt when missing, never downloaded).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

./build.sh
# The build with only chosen zones (tests/zones.test.mjs names the same zones).
./build.sh --zones "Europe/Berlin,America/New_York" --out "$here/pkg-zones"

echo "== wasm: the core's chosen-zones feature (cargo test, debug)"
SLOTWISE_ZONES="Europe/Berlin,America/New_York" cargo test --locked -p slotwise \
  --features chosen-zones --test chosen_zones --manifest-path "$here/../Cargo.toml"

echo "== wasm: tsc --noEmit --strict (types/slotwise.d.ts, types/index.d.ts)"
node_modules/.bin/tsc -p tests/types/tsconfig.json

echo "== wasm: node --test (vectors, combined, errors, API, pages, panics, memory, zones, size)"
node --test tests/*.test.mjs

echo "== wasm: booking page in Chromium (Playwright)"
if [ -z "${CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
node --test tests/browser/*.test.mjs
echo "screenshot (CI artefact): bindings-wasm/test-results/booking.png"
