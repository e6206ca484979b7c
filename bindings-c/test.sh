#!/usr/bin/env bash
# The C ABI: the committed header matches a fresh cbindgen run, then the C test
# program (built with gcc against the release cdylib) runs under valgrind, which
# fails on any memory error or leak. Installs gcc and valgrind with apt if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== bindings-c: header, C tests under valgrind"
missing=()
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v valgrind >/dev/null || missing+=(valgrind)
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

bindings-c/gen-header.sh --check
cargo build --release --locked -p slotwise-c

out=target/bindings-c
mkdir -p "$out"
gcc -std=c11 -Wall -Wextra -Werror -g -O1 -Ibindings-c/include \
  bindings-c/tests/test_slotwise.c -Ltarget/release -lslotwise_c \
  -Wl,-rpath,"$PWD/target/release" -lpthread -o "$out/test_slotwise"
# The suppressions cover two process-wide caches that live until exit (the time
# zone transition cache and rayon's worker threads), nothing a call hands out.
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
  --suppressions=bindings-c/tests/valgrind.supp "$out/test_slotwise"
