#!/usr/bin/env bash
# Every test of the project. This is the README's test command; .ci/run calls it.
# On a fresh machine it installs what each part needs (rustup target, venvs,
# wasm-bindgen-cli, chromium, mono, maven, postgresql) and skips what is there.
# Each part prints how long it took (nothing is benchmarked here).
set -euo pipefail
cd "$(dirname "$0")/.."

part_start=$SECONDS
took() {
    echo "-- took $((SECONDS - part_start)) s"
    part_start=$SECONDS
}
trap took EXIT

echo "== rust: cargo test (workspace, less the bindings whose scripts test them)"
# bindings-wasm and bindings-python have no Rust tests, and bindings-node/test.sh runs
# its Rust tests in release: building them here too (pyo3, arrow, wasm-bindgen, napi:
# 69 of 224 packages) would only be a second, debug build. Clippy still lints them.
# bindings-uniffi/test.sh builds uniffi-bindgen with the same selection, so features
# resolve the same and it reuses what this step built.
cargo test --workspace --locked --exclude slotwise-wasm --exclude slotwise-python --exclude slotwise-node
took

echo "== rust: recurrence benches in test mode (each shape once, slotwise and rust-rrule must agree; nothing timed)"
cargo test -p slotwise-benches --benches --locked
took

echo "== rust: core without default features (the single-threaded path)"
cargo test -p slotwise --no-default-features --locked
took

echo "== rust: core for wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
cargo build -p slotwise --target wasm32-unknown-unknown --locked
took

echo "== rust: JSON Schemas regenerated from the types and compared (schemas/)"
cargo test --locked -p slotwise --features schema --test schemas
took

echo "== python: venv for the cross-checks (target/venv)"
venv=target/venv
if [ ! -x "$venv/bin/pip" ]; then
    python3 -m venv "$venv" 2>/dev/null || {
        # Debian ships venv support (ensurepip) separately.
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv --clear "$venv"
    }
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r scripts/requirements.txt
took

echo "== python: schemas validate every bundled document (jsonschema)"
"$venv/bin/python" schemas/validate.py
took

echo "== python: expansion vectors against python-dateutil"
# The tz database of the pinned tzdata package, not the host's.
export PYTHONTZPATH=
"$venv/bin/python" tests/dateutil/gen_vectors.py --check
"$venv/bin/python" tests/dateutil/check_rfc_examples.py tests/vectors/expand/rfc5545.json
cargo test --locked -q -p slotwise --test rfc5545_examples -- --ignored --nocapture dump \
    | "$venv/bin/python" tests/dateutil/check_rfc_examples.py
took

echo "== cli: peak memory of streamed answers (a year of one-minute slots, under 50 MB)"
# The full check, 19 years and ten million slots under 200 MB in release, is
# examples/cli/scripts/peak-rss.sh without arguments.
YEARS=1 PROFILE=dev LIMIT_MB=50 examples/cli/scripts/peak-rss.sh
took

# The bindings: each script installs its own tools and prints its own stages.
for part in \
    bindings-c/test.sh \
    bindings-dotnet/test.sh \
    examples/dotnet/run.sh \
    bindings-uniffi/test.sh \
    bindings-wasm/test.sh \
    bindings-python/test.sh \
    bindings-node/test.sh \
    examples/service/test.sh; do
    # bindings-node's parity test compares with the WASM package built above.
    "$part"
    took
done
trap - EXIT
