#!/usr/bin/env bash
# The C ABI: the committed header matches a fresh cbindgen run, then the C test
# program and the vector runner (every case of tests/vectors, compared by
# tests/vectors.py) are built with gcc against the release cdylib and run under
# valgrind, which fails on any memory error or leak. Installs gcc and valgrind with
# apt if missing (python3 drives the vector runner).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== bindings-c: header, C tests and vectors under valgrind"
missing=()
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

bindings-c/gen-header.sh --check
# The C ABI and the UniFFI library are built in one selection (here, in
# bindings-dotnet/build.sh and in bindings-uniffi/test.sh): uniffi's macros enable
# more of syn's features, so built apart they would each build the release core.
cargo build --release --locked -p slotwise-c -p slotwise-uniffi

out=target/bindings-c
mkdir -p "$out"
for program in test_slotwise vectors; do
  gcc -std=c11 -Wall -Wextra -Werror -g -O1 -Ibindings-c/include \
    "bindings-c/tests/$program.c" -Ltarget/release -lslotwise_c \
    -Wl,-rpath,"$PWD/target/release" -lpthread -o "$out/$program"
done
# The suppressions cover two process-wide caches that live until exit (the time
# zone transition cache and rayon's worker threads), nothing a call hands out, and
# one known false positive of optimised iterator code (see the file).
memcheck=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1
  --suppressions=bindings-c/tests/valgrind.supp)
"${memcheck[@]}" "$out/test_slotwise"
python3 bindings-c/tests/vectors.py --wrap "${memcheck[@]}" -- "$out/vectors"
