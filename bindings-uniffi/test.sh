#!/usr/bin/env bash
# The Kotlin/Swift bindings (UniFFI), self-contained for CI: builds the library
# (release) and uniffi-bindgen once, regenerates the Kotlin and Swift sources and fails
# if they differ from the committed ones, runs the Kotlin tests (JUnit, Maven) and the
# Kotlin example. Installs Java and Maven from Debian when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  echo "== uniffi: install Java and Maven (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jdk-headless maven >/dev/null
fi

echo "== uniffi: cargo build (release library, uniffi-bindgen)"
# Built with the C ABI: one release core for both (see bindings-c/test.sh).
cargo build --locked --release -p slotwise-uniffi -p slotwise-c
# With the package selection of scripts/test.sh's `cargo test` step, features resolve
# the same, so the debug dependencies that step built are reused.
cargo build --locked --workspace --exclude slotwise-wasm --exclude slotwise-python \
  --exclude slotwise-node --bin uniffi-bindgen

echo "== uniffi: generated Kotlin and Swift match the Rust"
generated=(bindings-uniffi/kotlin/src/main bindings-uniffi/swift/Sources bindings-uniffi/swift/Headers)
bindings-uniffi/generate.sh target/release/libslotwise_uniffi.so
if [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
  git status --short -- "${generated[@]}"
  git --no-pager diff --stat -- "${generated[@]}"
  echo "generated sources are stale: run bindings-uniffi/generate.sh and commit them" >&2
  exit 1
fi
# Doc comments of the Rust items reach the generated Kotlin and Swift.
for f in bindings-uniffi/kotlin/src/main/kotlin/dev/slotwise/slotwise.kt bindings-uniffi/swift/Sources/Slotwise/Slotwise.swift; do
  grep -q "Safe to share between threads: queries run concurrently" "$f" || { echo "no doc comments in $f" >&2; exit 1; }
done

native="$root/target/release"
echo "== uniffi: Kotlin tests (mvn test)"
(cd bindings-uniffi/kotlin && rm -rf target/surefire-reports && mvn -B -q -Dstyle.color=never test -Dnative.dir="$native")
# Maven's quiet mode prints no summary: count what surefire ran.
python3 - bindings-uniffi/kotlin/target/surefire-reports <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests")); skipped += int(suite.get("skipped", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
if tests == 0:
    sys.exit("no Kotlin test ran")
print(f"kotlin: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY

echo "== uniffi: Kotlin example (examples/kotlin)"
(cd examples/kotlin && mvn -B -q -Dstyle.color=never compile exec:java -Djna.library.path="$native" \
  -Dexec.args="$root/tests/vectors/snapshot/clinic-v2.bin --schedule dr-ana --now 2026-03-23T08:00:00Z --zone America/Sao_Paulo --count 3") \
  | tee "$root/target/uniffi-example.txt"
grep -q '^Booked ' "$root/target/uniffi-example.txt"
