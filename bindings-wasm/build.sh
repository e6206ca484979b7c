#!/usr/bin/env bash
# Build the npm package into bindings-wasm/pkg: the crate for wasm32 (profile
# `wasm`), wasm-bindgen at the exact version Cargo.lock pins, wasm-opt from npm's
# binaryen, then the package's JavaScript, types and package.json.
#
#   bindings-wasm/build.sh              into bindings-wasm/pkg, every zone
#   bindings-wasm/build.sh --out DIR    into DIR
#   bindings-wasm/build.sh --zones "Europe/Berlin,America/New_York" [--out DIR]
#       only these IANA zones (and UTC): a smaller module; any other zone is
#       `unknown_timezone` (the core's `chosen-zones` feature, SLOTWISE_ZONES)
#
# Installs what it needs when missing: the wasm32 target, wasm-bindgen-cli, npm deps.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/pkg"
# wasm-opt's optimizing passes shrink the raw module but make it compress worse
# (measured: -Oz turned 332 KB gzipped into 356 KB), so by default it only strips.
WASM_OPT="${WASM_OPT:-}"
zones=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --zones) zones="$2"; shift 2 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

echo "== wasm: toolchain"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
have="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want"
fi
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

features=()
if [ -n "$zones" ]; then
  features=(--features chosen-zones)
  echo "== wasm: cargo build (profile wasm, wasm32-unknown-unknown, zones: $zones)"
else
  echo "== wasm: cargo build (profile wasm, wasm32-unknown-unknown)"
fi
SLOTWISE_ZONES="$zones" cargo build --locked -p slotwise-wasm --target wasm32-unknown-unknown \
  --profile wasm "${features[@]}" --manifest-path "$root/Cargo.toml"
wasm="$root/target/wasm32-unknown-unknown/wasm/slotwise_wasm.wasm"

echo "== wasm: wasm-bindgen and wasm-opt"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name slotwise_wasm "$wasm"
# Export the shadow stack pointer (the package restores it after a panic); this
# also drops the name section.
node "$here/scripts/export-stack-pointer.mjs" "$out/slotwise_wasm_bg.wasm" "$out/slotwise_wasm_bg.wasm"
# The features rustc enables by default for wasm32-unknown-unknown.
"$here/node_modules/.bin/wasm-opt" $WASM_OPT \
  --enable-bulk-memory --enable-multivalue --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext \
  --strip-debug --strip-producers \
  "$out/slotwise_wasm_bg.wasm" -o "$out/slotwise_wasm_bg.wasm"

cp "$here"/js/*.js "$here"/types/*.d.ts "$out/"
version="$(awk -F'"' '/^version = / { print $2; exit }' "$root/Cargo.toml")"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$here/js/package.json" > "$out/package.json"
cp "$here/README.md" "$out/README.md"
node "$here/scripts/size.mjs" "$out/slotwise_wasm_bg.wasm"
