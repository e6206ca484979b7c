// A Rust panic traps the WebAssembly call. It must surface as an Error carrying the
// panic's message, and leave the module working: other engines keep their state,
// new ones can be made, and repeated panics do not exhaust the stack or memory.

import assert from "node:assert/strict";
import { test } from "node:test";

import { Engine, SlotwiseError, __panicForTests, expand, memoryBytes } from "../pkg/node.js";

const rule = "DTSTART;TZID=Europe/Lisbon:20260301T090000\nRRULE:FREQ=DAILY;COUNT=40";
const window = ["2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"];
const room = {
  id: "room",
  timezone: "Europe/Lisbon",
  availability: [{ rule: "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", end: "12:00" }],
  slot: { duration: "PT30M", capacity: 2 },
};
const week = { from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" };

function panics(f) {
  let caught;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "expected an Error");
  assert.ok(!(caught instanceof SlotwiseError));
  assert.match(caught.message, /internal error.*a panic requested by a test/s);
  assert.ok(caught.cause instanceof WebAssembly.RuntimeError);
}

test("a panic in a free function leaves the module and every engine working", () => {
  const expected = expand(rule, ...window);
  const engine = new Engine();
  engine.addSchedule(room);
  const slots = engine.availability(week);
  panics(() => __panicForTests());
  assert.deepStrictEqual(expand(rule, ...window), expected);
  assert.deepStrictEqual(engine.availability(week), slots);
  engine.addAppointment({ id: "a", schedule: "room", start: slots[0].start, end: slots[0].end });
  assert.equal(engine.availability({ ...week, seats: 0 })[0].remaining, 1);
  engine.free();
});

test("a panic inside an engine's call loses that engine only", () => {
  const kept = new Engine();
  kept.addSchedule(room);
  const lost = new Engine();
  lost.addSchedule(room);
  const slots = kept.availability(week);
  panics(() => lost.__panicForTests());
  assert.throws(() => lost.availability(week), /lost to an internal error/);
  lost.free();
  assert.deepStrictEqual(kept.availability(week), slots);
  const fresh = new Engine();
  fresh.addSchedule(room);
  assert.deepStrictEqual(fresh.availability(week), slots);
  kept.free();
  fresh.free();
});

test("many panics do not exhaust the stack or grow memory without bound", () => {
  const expected = expand(rule, ...window);
  for (let i = 0; i < 50; i++) panics(() => __panicForTests());
  const before = memoryBytes();
  for (let i = 0; i < 2000; i++) panics(() => __panicForTests());
  assert.deepStrictEqual(expand(rule, ...window), expected);
  assert.ok(memoryBytes() - before <= 1 << 20, `memory grew by ${memoryBytes() - before} bytes`);
});
