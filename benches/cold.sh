#!/usr/bin/env bash
# Instructions of one call (parse, expand the window, every instance as UTC
# seconds) of slotwise and of rust-rrule, counted by callgrind in a fresh process:
# cold (the library and the zone used for the first time) and, with --warm, after
# one identical call. Instruction counts repeat on a busy machine, unlike times.
#
#   benches/cold.sh [--warm] [shape...]    (default: every shape, in its DST zone and UTC)
#
# Needs valgrind. Prints a Markdown table; the figures in benches/README.md came
# from it.
set -euo pipefail
cd "$(dirname "$0")/.."

warm=""
if [[ "${1:-}" == "--warm" ]]; then
    warm="--warm"
    shift
fi
cargo build --release -q -p slotwise-benches --bin cold
bin=target/release/cold
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Every shape of benches/lib.rs with the zone it runs in (name zone).
shapes=("$@")
if [[ ${#shapes[@]} -eq 0 ]]; then
    mapfile -t shapes < <("$bin" --list)
fi

count() { # library shape zone -> instructions inside `measured`
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
        --toggle-collect='*measured*' "$bin" "$1" "$2" "$3" $warm 2>"$out/err" >"$out/stdout"
    grep -o 'Collected : [0-9]*' "$out/err" | grep -o '[0-9]*$'
}

echo "| shape | zone | instances | slotwise Ir | rust-rrule Ir | ratio |"
echo "|---|---|---:|---:|---:|---:|"
for entry in "${shapes[@]}"; do
    read -r shape zone <<<"$entry"
    for z in "$zone" UTC; do
        ours=$(count slotwise "$shape" "$z")
        n=$(grep -o '[0-9]* instances' "$out/stdout" | grep -o '^[0-9]*')
        theirs=$(count rust-rrule "$shape" "$z")
        ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.0f", a / b }')
        printf '| %s | %s | %s | %s | %s | %s× |\n' "$shape" "$z" "$n" "$ours" "$theirs" "$ratio"
    done
done
