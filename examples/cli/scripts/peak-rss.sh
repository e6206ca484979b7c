#!/usr/bin/env bash
# Peak memory of the CLI on a long answer: a 24/7 schedule of one-minute slots over
# 19 years by default (2026-01-01 .. 2045-01-01: 9,993,600 slots), printed by availability
# (table and JSON), reconcile (every slot to create) and report (a row a day). The
# CLI prints as the engine produces, so the peak must stay far below the answer's
# size: each run must stay under LIMIT_MB (default 200). Measured with GNU time's
# "Maximum resident set size"; installs Debian's `time` when it is missing.
#
#   examples/cli/scripts/peak-rss.sh            # builds the release CLI first
#   LIMIT_MB=100 examples/cli/scripts/peak-rss.sh
#   YEARS=1 PROFILE=dev LIMIT_MB=50 examples/cli/scripts/peak-rss.sh   # scripts/test.sh's quick form
set -euo pipefail
cd "$(dirname "$0")/../../.."

limit_mb=${LIMIT_MB:-200}
years=${YEARS:-19}
profile=${PROFILE:-release}
end=$((2026 + years))
if [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --profile "$profile" --locked -q -p slotwise-cli
if [ "$profile" = dev ]; then bin=target/debug/slotwise; else bin=target/$profile/slotwise; fi
dir=target/peak-rss
mkdir -p "$dir"

schedule='{"id": "always", "timezone": "UTC",
  "availability": [{"rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", "duration": "P1D"}],
  "slot": {"duration": "PT1M", "capacity": 2}}'
window="{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"$end-01-01T00:00:00Z\"}"
printf '{"schedules": [%s], "query": %s}\n' "$schedule" "$window" > "$dir/availability.json"
printf '{"schedules": [%s], "window": %s}\n' "$schedule" "$window" > "$dir/reconcile.json"
printf '{"schedules": [%s], "window": %s, "bucket": "day"}\n' "$schedule" "$window" > "$dir/report.json"

failed=0
# run NAME COUNT-PATTERN ARGS...: the peak RSS of `slotwise ARGS`, its output piped
# into a count of the lines matching COUNT-PATTERN (nothing is kept).
run() {
    local name=$1 pattern=$2
    shift 2
    local count
    count=$(/usr/bin/time -v -o "$dir/run.time" "$bin" "$@" | grep -c -e "$pattern" || true)
    local kb mb
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/run.time")
    mb=$((kb / 1024))
    printf '%-24s peak RSS %4d MB, %9d answers out\n' "$name" "$mb" "$count"
    if [ "$mb" -ge "$limit_mb" ]; then
        echo "  over the limit of $limit_mb MB"
        failed=$((failed + 1))
    fi
    if [ "$count" -ne "$expected" ]; then
        echo "  expected $expected"
        failed=$((failed + 1))
    fi
}
days=$(( ($(date -ud "$end-01-01" +%s) - $(date -ud 2026-01-01 +%s)) / 86400 ))
echo "a 24/7 schedule of one-minute slots, 2026-01-01 .. $end-01-01: $((days * 1440)) slots"
expected=$((days * 1440))
run "availability (table)" '^20' availability "$dir/availability.json"
run "availability --json" '"key"' availability "$dir/availability.json" --json
run "reconcile (table)" '^create ' reconcile "$dir/reconcile.json"
run "reconcile --json" '"key"' reconcile "$dir/reconcile.json" --json
expected=$days
run "report --json (by day)" '"bucket_start"' report "$dir/report.json" --json
echo "$((5 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
