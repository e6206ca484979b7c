#!/usr/bin/env bash
# Builds what the .NET binding needs under Mono: the C ABI (release cdylib in
# target/release) and target/dotnet/Slotwise.dll compiled with mcs from the sources
# and settings of Slotwise.csproj (C# 7.2, the newest mcs knows; the project says
# 7.3). Installs Mono's compiler, runtime and the reference assemblies with apt when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

gac=/usr/lib/mono/4.5
missing=()
command -v mcs >/dev/null || missing+=(mono-mcs)
command -v mono >/dev/null || missing+=(mono-runtime)
[[ -e $gac/System.Runtime.Serialization.dll ]] || missing+=(libmono-system-runtime-serialization4.0-cil)
[[ -e $gac/System.Json.dll ]] || missing+=(libmono-system-json4.0-cil)
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Built with the UniFFI library: one release core for both (see bindings-c/test.sh).
cargo build --release --locked -p slotwise-c -p slotwise-uniffi
mkdir -p target/dotnet
# No .NET SDK here: compile exactly the sources and settings Slotwise.csproj names
# (project.py reads them from it and checks the project first).
python3 bindings-dotnet/project.py check
mapfile -t sources < <(python3 bindings-dotnet/project.py sources)
read -ra flags <<< "$(python3 bindings-dotnet/project.py flags)"
mcs -nologo -target:library -optimize "${flags[@]}" \
  -r:System.Runtime.Serialization -r:System.Xml \
  -out:target/dotnet/Slotwise.dll \
  "${sources[@]}"
