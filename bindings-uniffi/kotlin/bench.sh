#!/usr/bin/env bash
# Times availability answers crossing into Kotlin (records vs columns vs JSON query);
# not part of CI. Usage: bindings-uniffi/kotlin/bench.sh [COPIES] [DAYS]
# (COPIES copies of the clinic's three schedules, DAYS days; default 100 and 90).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
cargo build --locked --release -p slotwise-uniffi
cd "$here"
mvn -B -q -Dstyle.color=never test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.slotwise.BenchKt -Dexec.args="${1:-100} ${2:-90}" \
  -Djna.library.path="$root/target/release" -Dslotwise.repo="$root"
