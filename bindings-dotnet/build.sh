#!/usr/bin/env bash
# Builds what the .NET binding needs under Mono: the C ABI (release cdylib in
# target/release) and target/dotnet/Slotwise.dll compiled with mcs (C# 7). Installs
# Mono's compiler, runtime and the reference assemblies with apt when missing.
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

cargo build --release --locked -p slotwise-c
mkdir -p target/dotnet
mcs -nologo -warnaserror -target:library -langversion:7 -unsafe -optimize \
  -r:System.Runtime.Serialization -r:System.Xml \
  -out:target/dotnet/Slotwise.dll \
  bindings-c/include/SlotwiseNative.cs bindings-dotnet/src/*.cs bindings-dotnet/src/Model/*.cs
