#!/usr/bin/env bash
# Builds and runs the .NET example under Mono (the library via bindings-dotnet/build.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== examples/dotnet: clinic week and reconcile under Mono"
bindings-dotnet/build.sh
mcs -nologo -warnaserror -target:exe -langversion:7 \
  -r:target/dotnet/Slotwise.dll -r:System.Runtime.Serialization \
  -out:target/dotnet/clinic.exe examples/dotnet/Program.cs
LD_LIBRARY_PATH="$PWD/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  mono target/dotnet/clinic.exe examples/data/clinic.json examples/dotnet/stored-slots.json
