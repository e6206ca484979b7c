// The build with only chosen zones (build.sh --zones, into pkg-zones/ by test.sh):
// its zones answer exactly as the every-zone build does, a zone left out is
// `unknown_timezone` naming the field, and it is smaller.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import * as every from "../pkg/node.js";
import { sizes } from "../scripts/size.mjs";

// test.sh builds it with these zones (keep the two lists the same).
export const CHOSEN = ["Europe/Berlin", "America/New_York"];
const dir = new URL("../pkg-zones/", import.meta.url);
const skip = !existsSync(new URL("node.js", dir)) && "pkg-zones/ is not built (test.sh builds it)";

const schedule = (id, timezone) => ({
  id,
  timezone,
  availability: [{ rule: "DTSTART:20260301T090000\nRRULE:FREQ=DAILY", end: "12:00" }],
  slot: { duration: "PT1H", capacity: 1 },
});
const spring = { from: "2026-03-06T00:00:00Z", to: "2026-04-02T00:00:00Z" };

test("chosen zones answer as the every-zone build; a zone left out is unknown_timezone", { skip }, async () => {
  const chosen = await import(new URL("node.js", dir).href);
  assert.equal(chosen.tzdataVersion(), every.tzdataVersion());
  for (const zone of [...CHOSEN, "UTC"]) {
    const answers = [chosen, every].map((pkg) => {
      const engine = new pkg.Engine();
      engine.addSchedule(schedule("s", zone));
      const slots = engine.availability(spring);
      engine.free();
      return slots;
    });
    assert.ok(answers[0].length > 20, zone);
    assert.deepStrictEqual(answers[0], answers[1], zone);
  }
  const rule = "DTSTART;TZID=America/New_York:20260301T013000\nRRULE:FREQ=HOURLY;COUNT=60";
  assert.deepStrictEqual(chosen.expand(rule, spring.from, spring.to), every.expand(rule, spring.from, spring.to));

  const engine = new chosen.Engine();
  for (const zone of ["America/Sao_Paulo", "Europe/London", "US/Eastern"]) {
    assert.throws(() => engine.addSchedule(schedule("x", zone)), (e) => {
      assert.ok(e instanceof chosen.SlotwiseError, String(e));
      assert.equal(e.code, "unknown_timezone");
      assert.equal(e.path, "timezone");
      assert.match(e.message, /^timezone: .*chosen at build time/);
      return true;
    });
  }
  assert.throws(() => chosen.expand("DTSTART;TZID=Asia/Tokyo:20260301T090000\nRRULE:FREQ=DAILY", spring.from, spring.to),
    (e) => e.code === "unknown_timezone");
  // The every-zone build knows them.
  const full = new every.Engine();
  full.addSchedule(schedule("x", "America/Sao_Paulo"));
  full.free();
  engine.free();
});

test("the chosen-zones module is smaller than the every-zone one", { skip }, () => {
  const small = sizes(readFileSync(new URL("slotwise_wasm_bg.wasm", dir)));
  const big = sizes(readFileSync(new URL("../pkg/slotwise_wasm_bg.wasm", import.meta.url)));
  console.log(`chosen zones: gzip ${small.gzip} B; every zone: gzip ${big.gzip} B`);
  assert.ok(small.gzip < big.gzip - 50 * 1024, `${small.gzip} vs ${big.gzip}`);
});
