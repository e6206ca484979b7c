#!/usr/bin/env bash
# The .NET binding under Mono: builds the C ABI and Slotwise.dll (build.sh), the
# tests with mcs, and runs them: every file of tests/vectors through the JSON and the
# typed API, error paths, snapshots, threads. Prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== bindings-dotnet: C# library and tests under Mono"
# The P/Invoke declarations name exactly the functions of the C header.
functions() { grep -oE "$1" "$2" | grep -oE 'slotwise_[a-z_]+\(' | sort; }
if ! diff <(functions '^[A-Za-z].*\bslotwise_[a-z_]+\(' bindings-c/include/slotwise.h) \
          <(functions 'extern .* slotwise_[a-z_]+\(' bindings-c/include/SlotwiseNative.cs); then
  echo "bindings-c/include/SlotwiseNative.cs and slotwise.h declare different functions" >&2
  exit 1
fi
bindings-dotnet/build.sh
mcs -nologo -warnaserror -target:exe -langversion:7 \
  -r:target/dotnet/Slotwise.dll -r:System.Json -r:System.Runtime.Serialization \
  -out:target/dotnet/Slotwise.Tests.exe bindings-dotnet/tests/*.cs
SLOTWISE_ROOT="$PWD" LD_LIBRARY_PATH="$PWD/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  mono --debug target/dotnet/Slotwise.Tests.exe "$@"
