#!/usr/bin/env bash
# Run every fuzz target for a while (default 30 seconds each), starting from the
# committed seeds; fail on the first finding (a crash, a failed check, a timeout or
# running out of memory). Needs the nightly toolchain; installs cargo-fuzz if missing.
#   scripts/fuzz-smoke.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse_rule expand engine_json from_snapshot)
fi

cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2
cargo +nightly fuzz build
for target in "${targets[@]}"; do
    echo "== fuzz $target for ${seconds}s"
    mkdir -p "corpus/$target"
    # A single input that takes over 10 s is a hang: the engine bounds every call.
    cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
