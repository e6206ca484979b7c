// The build that keeps only chosen zones (build.sh --zones): those zones and UTC
// work, any other is unknown_timezone, and the module is smaller.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { sizes } from "../../scripts/size.mjs";

const dir = new URL(`../../${process.env.SLOTWISE_WASM_PKG ?? "pkg-zones"}/`, import.meta.url);
const { Engine, SlotwiseError, expand } = await import(new URL("node.js", dir));

test("the chosen zones and UTC answer, others are unknown_timezone", () => {
  const window = ["2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"];
  assert.deepStrictEqual(
    expand("DTSTART;TZID=Europe/Lisbon:20260328T090000\nRRULE:FREQ=DAILY;COUNT=2", ...window),
    ["2026-03-28T09:00:00Z", "2026-03-29T08:00:00Z"],
  );
  assert.equal(expand("DTSTART:20260301T090000Z\nRRULE:FREQ=DAILY;COUNT=2", ...window).length, 2);
  const engine = new Engine();
  engine.addSchedule({
    id: "sp",
    timezone: "America/Sao_Paulo",
    availability: [{ rule: "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", end: "10:00" }],
    slot: { duration: "PT30M", capacity: 1 },
  });
  assert.equal(engine.availability({ from: window[0], to: "2026-03-03T00:00:00Z" })[0].start, "2026-03-02T12:00:00Z");
  assert.throws(
    () => engine.addSchedule({ id: "ny", timezone: "America/New_York", slot: { duration: "PT30M", capacity: 1 } }),
    (e) => e instanceof SlotwiseError && e.code === "unknown_timezone" && e.path === "timezone",
  );
});

test("it is smaller than the build with every zone", () => {
  const zones = sizes(readFileSync(new URL("slotwise_wasm_bg.wasm", dir)));
  const all = sizes(readFileSync(new URL("../../pkg/slotwise_wasm_bg.wasm", import.meta.url)));
  console.log(`chosen zones: raw ${zones.raw} B, gzip ${zones.gzip} B, brotli ${zones.brotli} B`);
  assert.ok(zones.gzip < all.gzip);
});
