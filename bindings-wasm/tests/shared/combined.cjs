"use strict";
// Teams, pools, booking limits and the first free slots from JavaScript: the worked
// examples of docs/semantics.md ("Combined queries", booking limits, `first`), and
// every error of a combined query by code and field path. Every JavaScript package
// runs these same cases on its own exports (they share one API, types/slotwise.d.ts):
// the WASM package from tests/combined.test.mjs, the Node package from its
// tests/combined.test.js. CommonJS, so both ES modules and CommonJS can load it.

const assert = require("node:assert/strict");
const { describe, test } = require("node:test");

/**
 * Define the shared tests against one package's `Engine` and `SlotwiseError`.
 * Returns the helpers a package's own extra cases may use.
 */
function combinedTests({ Engine, SlotwiseError }) {
  const daily = (start, end) => [{ rule: `DTSTART:20260302T${start.replace(":", "")}00\nRRULE:FREQ=DAILY`, end }];

  function engineOf(schedules, appointments = []) {
    const engine = new Engine();
    for (const s of schedules) engine.addSchedule(s);
    for (const a of appointments) engine.addAppointment(a);
    return engine;
  }

  /** A doctor (one seat) and a room (two seats) in New York. */
  function clinic(appointments = []) {
    return engineOf(
      [
        { id: "dr-ana", timezone: "America/New_York", availability: daily("09:00", "12:00"), slot: { duration: "PT15M", capacity: 1 } },
        { id: "room-2", timezone: "America/New_York", availability: daily("10:00", "13:00"), slot: { duration: "PT15M", capacity: 2 } },
      ],
      appointments,
    );
  }

  const team = { mode: "all", schedules: ["room-2", "dr-ana"], duration: "PT45M", step: 15 * 60_000 };

  /** Interviewers a, b (09:00-12:00 UTC) and c (10:00-12:00), b booked 11:00-12:00 on 2026-03-10. */
  function panel() {
    const one = (id, start) => ({ id, timezone: "UTC", availability: daily(start, "12:00"), slot: { duration: "PT1H", capacity: 1 } });
    return engineOf([one("a", "09:00"), one("b", "09:00"), one("c", "10:00")], [
      { id: "b1", schedule: "b", start: "2026-03-10T11:00:00Z", end: "2026-03-10T12:00:00Z" },
    ]);
  }
  const march10 = { from: "2026-03-10T00:00:00Z", to: "2026-03-11T00:00:00Z" };

  function rejects(f, code, path) {
    assert.throws(f, (e) => {
      assert.ok(e instanceof SlotwiseError, String(e));
      assert.equal(e.code, code, e.message);
      assert.equal(e.path, path, e.message);
      assert.ok(e.message.startsWith(path ? `${path}: ` : ""), e.message);
      return true;
    });
  }

  describe("combined", () => {
    test("all: a doctor and a room both free, across the spring-forward day", () => {
      const rows = (engine, from, to) => engine.combined({ from, to, combine: team });
      const engine = clinic();
      // 2026-03-07 (EST): both open 10:00-12:00 local, 45 minutes every 15.
      const saturday = rows(engine, "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z");
      assert.deepStrictEqual(saturday.map((r) => r.start), ["15:00", "15:15", "15:30", "15:45", "16:00", "16:15"].map((t) => `2026-03-07T${t}:00Z`));
      for (const r of saturday) {
        assert.deepStrictEqual(r.schedules, ["dr-ana", "room-2"]);
        assert.equal(r.remaining, 1);
        assert.equal(Date.parse(r.end) - Date.parse(r.start), 45 * 60_000);
      }
      engine.free();
      // 2026-03-08 (EDT): the room's two seats booked 10:30-11:00 local leave 11:00 and 11:15.
      const booked = clinic([
        { id: "r1", schedule: "room-2", start: "2026-03-08T14:30:00Z", end: "2026-03-08T15:00:00Z", seats: 2 },
      ]);
      const sunday = rows(booked, new Date("2026-03-08T05:00:00Z"), Date.parse("2026-03-09T04:00:00Z"));
      assert.deepStrictEqual(sunday, [
        { start: "2026-03-08T15:00:00Z", end: "2026-03-08T15:45:00Z", schedules: ["dr-ana", "room-2"], remaining: 1 },
        { start: "2026-03-08T15:15:00Z", end: "2026-03-08T16:00:00Z", schedules: ["dr-ana", "room-2"], remaining: 1 },
      ]);
      booked.free();
    });

    test("k_of_n: at least k interviewers free", () => {
      const engine = panel();
      const combine = { mode: "k_of_n", k: 2, schedules: ["a", "b", "c"], duration: "PT1H" };
      const row = (h, schedules) => ({ start: `2026-03-10T${h}:00:00Z`, end: `2026-03-10T${Number(h) + 1}:00:00Z`, schedules, remaining: schedules.length });
      const two = [row("09", ["a", "b"]), row("10", ["a", "b", "c"]), row("11", ["a", "c"])];
      assert.deepStrictEqual(engine.combined({ ...march10, combine }), two);
      assert.deepStrictEqual(engine.combined({ ...march10, combine: { ...combine, k: 3 } }), [two[1]]);
      assert.deepStrictEqual(engine.combined({ ...march10, combine: { ...combine, k: 1 } }), two);
      // first: the first rows only, and `to` may be left out.
      assert.deepStrictEqual(engine.combined({ from: march10.from, first: 2, combine }), two.slice(0, 2));
      engine.free();
    });

    test("any: a pool of nurses in two zones, fairest first", () => {
      const nurse = (id, timezone, start, end) => ({ id, timezone, availability: daily(start, end), slot: { duration: "PT1H", capacity: 1 } });
      const engine = engineOf(
        [nurse("nurse-a", "Europe/Lisbon", "09:00", "11:00"), nurse("nurse-b", "Europe/Madrid", "10:00", "12:00")],
        [{ id: "x", schedule: "nurse-a", start: "2026-03-10T10:00:00Z", end: "2026-03-10T11:00:00Z" }],
      );
      assert.deepStrictEqual(engine.combined({ ...march10, combine: { mode: "any", schedules: ["nurse-a", "nurse-b"] } }), [
        { start: "2026-03-10T09:00:00Z", end: "2026-03-10T10:00:00Z", schedules: ["nurse-b", "nurse-a"], remaining: 2 },
        { start: "2026-03-10T10:00:00Z", end: "2026-03-10T11:00:00Z", schedules: ["nurse-b"], remaining: 1 },
      ]);
      engine.free();
    });

    test("the caller's query is not changed; a freed engine refuses", () => {
      const engine = panel();
      const query = { ...march10, combine: { mode: "k_of_n", k: 2, schedules: ["a", "b", "c"], duration: 3_600_000 } };
      const copy = structuredClone(query);
      assert.equal(engine.combined(query).length, 3);
      assert.deepStrictEqual(query, copy);
      engine.free();
      assert.throws(() => engine.combined(query), /freed/);
    });

    test("every bad combined query is a SlotwiseError naming its field", () => {
      const engine = clinic();
      const q = (combine, extra = {}) => ({ from: "2026-03-07T00:00:00Z", to: "2026-03-09T00:00:00Z", combine, ...extra });
      rejects(() => engine.combined(q({ ...team, schedules: ["dr-ana", "dr-bo"] })), "unknown_schedule", "combine.schedules[1]");
      rejects(() => engine.combined(q({ ...team, schedules: ["dr-ana"] })), "invalid_input", "combine.schedules");
      rejects(() => engine.combined(q({ ...team, schedules: ["dr-ana", "dr-ana"] })), "invalid_input", "combine.schedules[1]");
      rejects(() => engine.combined(q({ ...team, mode: "k_of_n" })), "invalid_input", "combine.k");
      rejects(() => engine.combined(q({ ...team, k: 1 })), "invalid_input", "combine.k");
      rejects(() => engine.combined(q({ ...team, mode: "k_of_n", k: 3 })), "invalid_input", "combine.k");
      rejects(() => engine.combined(q({ mode: "all", schedules: team.schedules })), "invalid_input", "combine.duration");
      rejects(() => engine.combined(q({ ...team, duration: "soon" })), "invalid_input", "combine.duration");
      rejects(() => engine.combined(q({ mode: "any", schedules: team.schedules, step: "PT15M" })), "invalid_input", "combine.step");
      rejects(() => engine.combined(q({ ...team, mode: "most" })), "invalid_input", "combine.mode");
      rejects(() => engine.combined(q({ ...team, colour: "red" })), "invalid_input", "combine.colour");
      rejects(() => engine.combined(q(team, { first: 0 })), "invalid_input", "first");
      rejects(() => engine.combined(q(team, { to: "2026-03-06T00:00:00Z" })), "invalid_window", "to");
      rejects(() => engine.combined({ from: "2026-03-07T00:00:00Z", to: "2026-03-09T00:00:00Z" }), "invalid_input", "combine");
      rejects(() => engine.availability(q(team)), "invalid_input", "combine");
      rejects(() => engine.combined(q(team, { from: 1.5e20 })), "invalid_input", "from");
      engine.free();
    });
  });

  describe("booking limits and first", () => {
    /** One appointment a local day in New York, hourly slots 09:00-12:00. */
    function limited() {
      return engineOf(
        [{
          id: "dr-ana",
          timezone: "America/New_York",
          availability: daily("09:00", "12:00"),
          slot: { duration: "PT1H", capacity: 1 },
          limits: [{ period: "week", max_minutes: 600 }, { period: "day", max_appointments: 1 }],
        }],
        [{ id: "a1", schedule: "dr-ana", start: "2026-03-10T13:00:00Z", end: "2026-03-10T14:00:00Z" }],
      );
    }

    test("a day at its limit offers nothing more; checkBooking says limit_reached", () => {
      const engine = limited();
      const day = { from: "2026-03-10T04:00:00Z", to: "2026-03-11T04:00:00Z" };
      assert.deepStrictEqual(engine.availability(day), []);
      const all = engine.availability({ ...day, seats: 0 });
      assert.deepStrictEqual(all.map((s) => [s.start, s.booked, s.remaining]), [
        ["2026-03-10T13:00:00Z", 1, 0],
        ["2026-03-10T14:00:00Z", 0, 0],
        ["2026-03-10T15:00:00Z", 0, 0],
      ]);
      const check = engine.checkBooking({ id: "a2", schedule: "dr-ana", start: "2026-03-10T14:00:00Z", end: "2026-03-10T15:00:00Z" });
      assert.equal(check.fits, false);
      assert.deepStrictEqual(check.reasons, [{
        code: "limit_reached", index: 1, period: "day", period_start: "2026-03-10",
        max_appointments: 1, appointments: 1, minutes: 60,
      }]);
      // The next day is free again; explain names the limit too.
      assert.equal(engine.availability({ from: "2026-03-11T04:00:00Z", to: "2026-03-12T04:00:00Z" }).length, 3);
      const why = engine.explain("dr-ana", "2026-03-10T14:30:00Z");
      assert.equal(why.bookable, false);
      assert.equal(why.slots[0].reasons[0].code, "limit_reached");
      engine.free();
    });

    test("first: the answer's first n slots, with or without `to`", () => {
      const engine = limited();
      const from = "2026-03-10T00:00:00Z";
      const month = engine.availability({ from, to: "2026-04-10T00:00:00Z" });
      assert.deepStrictEqual(engine.availability({ from, first: 5 }), month.slice(0, 5));
      assert.deepStrictEqual(engine.availability({ from, to: "2026-04-10T00:00:00Z", first: 4 }), month.slice(0, 4));
      assert.deepStrictEqual([...engine.availabilityPages({ from, first: 7 }, 3)].map((p) => p.length), [3, 3, 1]);
      const c = engine.availabilityColumns({ from, first: 2 });
      assert.deepStrictEqual([...c.start], month.slice(0, 2).map((s) => Date.parse(s.start)));
      rejects(() => engine.availability({ from, first: 0 }), "invalid_input", "first");
      rejects(() => engine.availability({ from, first: "3" }), "invalid_input", "first");
      rejects(() => engine.availability({ from }), "invalid_input", "to");
      engine.free();
    });

    test("a bad limit names its field", () => {
      const engine = new Engine();
      const base = { id: "x", timezone: "UTC", availability: daily("09:00", "12:00"), slot: { duration: "PT1H", capacity: 1 } };
      rejects(() => engine.addSchedule({ ...base, limits: [{ period: "year", max_appointments: 1 }] }), "invalid_input", "limits[0].period");
      rejects(() => engine.addSchedule({ ...base, limits: [{ period: "day" }] }), "invalid_input", "limits[0]");
      engine.free();
    });
  });

  return { panel, march10 };
}

module.exports = { combinedTests };
