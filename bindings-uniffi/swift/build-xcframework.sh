#!/usr/bin/env bash
# Builds SlotwiseFFI.xcframework (run on a Mac with Xcode and rustup): the engine as
# a static library for iOS devices, the iOS simulator (arm64 + x86_64) and macOS
# (arm64 + x86_64), each with Headers/ (SlotwiseFFI.h and module.modulemap, the
# committed output of ../generate.sh). Then `swift test` runs the XCTest tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
  # A static library only for Apple targets; the crate's cdylib serves Kotlin.
  cargo rustc --locked --release -p slotwise-uniffi --lib --crate-type staticlib --target "$t"
done

lib=libslotwise_uniffi.a
out="$root/target/xcframework"
rm -rf "$out" "$here/SlotwiseFFI.xcframework"
mkdir -p "$out/ios" "$out/ios-simulator" "$out/macos"
cp "target/aarch64-apple-ios/release/$lib" "$out/ios/$lib"
lipo -create "target/aarch64-apple-ios-sim/release/$lib" "target/x86_64-apple-ios/release/$lib" \
  -output "$out/ios-simulator/$lib"
lipo -create "target/aarch64-apple-darwin/release/$lib" "target/x86_64-apple-darwin/release/$lib" \
  -output "$out/macos/$lib"

xcodebuild -create-xcframework \
  -library "$out/ios/$lib" -headers "$here/Headers" \
  -library "$out/ios-simulator/$lib" -headers "$here/Headers" \
  -library "$out/macos/$lib" -headers "$here/Headers" \
  -output "$here/SlotwiseFFI.xcframework"
echo "built $here/SlotwiseFFI.xcframework"
