// Every error code reaches JavaScript as a SlotwiseError with its code, the field's
// path and a message naming the field; a failed call changes nothing.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Engine, SlotwiseError, expand } from "../pkg/node.js";

const room = () => ({
  id: "room",
  timezone: "Europe/Lisbon",
  availability: [{ rule: "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", end: "12:00" }],
  slot: { duration: "PT30M", capacity: 1 },
});

function engineWithRoom() {
  const engine = new Engine();
  engine.addSchedule(room());
  return engine;
}

/** `f` must throw a SlotwiseError with this code and path, its message naming the path. */
function fails(f, code, path) {
  let caught;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SlotwiseError, `expected a SlotwiseError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, "SlotwiseError");
  assert.equal(caught.code, code, caught.message);
  if (path !== undefined) {
    assert.equal(caught.path, path, caught.message);
    if (path) assert.ok(caught.message.startsWith(`${path}: `), caught.message);
  }
  return caught;
}

const week = { from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" };

describe("every error code", () => {
  test("invalid_rule", () => {
    const e = fails(
      () => expand("DTSTART:20260101T090000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0", week.from, week.to),
      "invalid_rule",
    );
    assert.match(e.message, /BYMONTHDAY/);
    const engine = new Engine();
    fails(
      () => engine.addSchedule({ ...room(), availability: [{ rule: "DTSTART:20260302T090000\nRRULE:FREQ=SOMETIMES", end: "12:00" }] }),
      "invalid_rule",
      "availability[0].rule",
    );
  });

  test("unknown_timezone", () => {
    fails(() => new Engine().addSchedule({ ...room(), timezone: "Mars/Olympus" }), "unknown_timezone", "timezone");
    fails(() => expand("DTSTART;TZID=Mars/Olympus:20260101T090000\nRRULE:FREQ=DAILY", week.from, week.to), "unknown_timezone");
  });

  test("invalid_input names the field, from the engine and from host values", () => {
    const engine = new Engine();
    fails(() => engine.addSchedule({ ...room(), slot: { duration: "PT30M", step: "30 minutes", capacity: 1 } }), "invalid_input", "slot.step");
    fails(() => engine.addSchedule({ ...room(), slot: { duration: "PT30M", capacity: 0 } }), "invalid_input", "slot.capacity");
    fails(() => engine.addSchedule({ ...room(), colour: "red" }), "invalid_input", "colour");
    fails(() => engine.addSchedule({ ...room(), slot: { duration: 1500, capacity: 1 } }), "invalid_input", "slot.duration");
    engine.addSchedule(room());
    const apt = { id: "a", schedule: "room", start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" };
    fails(() => engine.addAppointment({ ...apt, start: "yesterday" }), "invalid_input", "start");
    fails(() => engine.addAppointment({ ...apt, start: new Date(NaN) }), "invalid_input", "start");
    fails(() => engine.addAppointment({ ...apt, start: {} }), "invalid_input", "start");
    fails(() => engine.addAppointment({ ...apt, end: apt.start }), "invalid_input", "end");
    fails(() => engine.addAppointment({ ...apt, seats: -1 }), "invalid_input", "seats");
    fails(() => engine.addAppointment({ ...apt, status: "maybe" }), "invalid_input", "status");
    fails(() => engine.availability({ ...week, min_notice: "soon" }), "invalid_input", "min_notice");
    fails(() => engine.reconcile(week.from, week.to, [{ key: "x", schedule: "room", start: 5, end: 1, capacity: 1 }]), "invalid_input");
    fails(() => engine.reconcile(week.from, week.to, [{ key: "room@x" }]), "invalid_input", "existing[0]");
    fails(() => engine.report(week.from, week.to, "quarter"), "invalid_input", "bucket");
    fails(() => engine.explain("room", "noon"), "invalid_input", "instant");
    fails(() => engine.removeSchedule(42), "invalid_input", "id");
    fails(() => expand(42, week.from, week.to), "invalid_input", "ical");
    fails(() => expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", week.from, week.to, -1), "invalid_input", "limit");
    fails(() => expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", Infinity, week.to), "invalid_input", "from");
    fails(() => Engine.fromJSON("{"), "invalid_input");
    fails(() => engine.availabilityPages(week, 0), "invalid_input", "pageSize");
  });

  test("invalid_window", () => {
    const engine = engineWithRoom();
    fails(() => engine.availability({ from: week.to, to: week.from }), "invalid_window", "to");
    fails(() => engine.report(week.from, week.from, "day"), "invalid_window", "to");
    // An edge past the year 9999 once in UTC is the window's fault, not the text's.
    fails(() => engine.availability({ from: week.from, to: "9999-12-31T23:00:00-05:00" }), "invalid_window", "to");
    fails(() => expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", week.to, week.from), "invalid_window");
  });

  test("unknown_schedule", () => {
    const engine = engineWithRoom();
    fails(() => engine.removeSchedule("nope"), "unknown_schedule", "id");
    fails(() => engine.replaceSchedule({ ...room(), id: "nope" }), "unknown_schedule", "id");
    fails(
      () => engine.addAppointment({ id: "a", schedule: "nope", start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" }),
      "unknown_schedule",
      "schedule",
    );
    fails(() => engine.explain("nope", "2026-03-02T09:00:00Z"), "unknown_schedule", "schedule");
    fails(() => engine.availability({ ...week, schedules: ["room", "nope"] }), "unknown_schedule", "schedules[1]");
  });

  test("duplicate_id", () => {
    const engine = engineWithRoom();
    fails(() => engine.addSchedule(room()), "duplicate_id", "id");
    const apt = { id: "a", schedule: "room", start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" };
    engine.addAppointment(apt);
    fails(() => engine.addAppointment(apt), "duplicate_id", "id");
  });

  test("limit_exceeded", () => {
    fails(
      () => expand("DTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY", "2026-01-01T00:00:00Z", "2029-01-01T00:00:00Z"),
      "limit_exceeded",
    );
  });

  test("invalid_snapshot", () => {
    fails(() => Engine.fromSnapshot(new Uint8Array([1, 2, 3])), "invalid_snapshot");
    const bytes = engineWithRoom().toSnapshot();
    bytes[bytes.length - 1] ^= 0xff;
    fails(() => Engine.fromSnapshot(bytes), "invalid_snapshot");
    fails(() => Engine.fromSnapshot("not bytes"), "invalid_input", "bytes");
  });
});

describe("a failed call changes nothing", () => {
  test("schedules and appointments stay as they were", () => {
    const engine = engineWithRoom();
    engine.addAppointment({ id: "a", schedule: "room", start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" });
    const before = engine.toJSON();
    const slots = engine.availability(week);
    fails(() => engine.replaceSchedule({ ...room(), slot: { duration: "PT0M", capacity: 1 } }), "invalid_input");
    fails(() => engine.updateAppointment({ id: "a", schedule: "nope", start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" }), "unknown_schedule");
    fails(() => engine.removeAppointment("b"), "invalid_input");
    assert.equal(engine.toJSON(), before);
    assert.deepStrictEqual(engine.availability(week), slots);
  });
});
