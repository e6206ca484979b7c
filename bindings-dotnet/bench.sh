#!/usr/bin/env bash
# Times how the .NET binding hands over a big availability answer (JSON text,
# columns, Slot objects) under Mono. Not part of CI. Usage: bench.sh [SCHEDULES] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/.."
bindings-dotnet/build.sh
mcs -nologo -warnaserror -target:exe -langversion:7 -optimize \
  -r:target/dotnet/Slotwise.dll -r:System.Runtime.Serialization \
  -out:target/dotnet/Slotwise.Bench.exe bindings-dotnet/bench/Bench.cs
LD_LIBRARY_PATH="$PWD/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  mono target/dotnet/Slotwise.Bench.exe "$@"
