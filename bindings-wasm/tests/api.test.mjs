// The binding surface over the clinic example: host value forms, the columnar and
// paged forms against the plain answer, snapshots, JSON, explain, free/dispose.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import init, { Engine, SlotwiseError, expand, expandEpochMs, tzdataVersion, version } from "../pkg/node.js";
import { repoFile } from "./vector_files.mjs";

const clinic = JSON.parse(repoFile("examples/data/clinic.json", "utf8"));

function clinicEngine() {
  const engine = new Engine();
  for (const s of clinic.schedules) engine.addSchedule(s);
  for (const a of clinic.appointments) engine.addAppointment(a);
  return engine;
}

const ms = (text) => Date.parse(text);

describe("module", () => {
  test("the browser entry asks for init() first, then works (init with bytes)", async () => {
    // A fresh instance of the entry module (the query makes it another module).
    const entry = await import("../pkg/index.js?before-init");
    assert.throws(() => entry.version(), /call `await init\(\)` first/);
    assert.throws(() => new entry.Engine(), /call `await init\(\)` first/);
    await entry.init(repoFile("bindings-wasm/pkg/slotwise_wasm_bg.wasm"));
    assert.equal(entry.version(), version());
    await entry.default();
    // Every form init and initSync take: a URL string, a wrapped argument, a module.
    const other = await import("../pkg/index.js?init-forms");
    await other.init({ module_or_path: repoFile("bindings-wasm/pkg/slotwise_wasm_bg.wasm") });
    assert.equal(other.tzdataVersion(), tzdataVersion());
    const third = await import("../pkg/index.js?init-sync");
    third.initSync(new WebAssembly.Module(repoFile("bindings-wasm/pkg/slotwise_wasm_bg.wasm")));
    assert.equal(third.version(), version());
  });

  test("init resolves at once in Node, versions are reported", async () => {
    await init();
    assert.match(version(), /^\d+\.\d+\.\d+/);
    assert.match(tzdataVersion(), /^\d{4}[a-z]$/);
  });
});

describe("instants and durations", () => {
  const rule = "DTSTART;TZID=America/New_York:20260306T090000\nRRULE:FREQ=DAILY;COUNT=4";

  test("Date, epoch ms and RFC 3339 with any offset give the same answer", () => {
    const byText = expand(rule, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
    assert.deepStrictEqual(byText, [
      "2026-03-06T14:00:00Z",
      "2026-03-07T14:00:00Z",
      "2026-03-08T13:00:00Z",
      "2026-03-09T13:00:00Z",
    ]);
    assert.deepStrictEqual(expand(rule, new Date("2026-03-01T00:00:00Z"), ms("2026-04-01T00:00:00Z")), byText);
    assert.deepStrictEqual(expand(rule, "2026-02-28T21:00:00-03:00", "2026-04-01T00:00:00.999Z"), byText);
    assert.deepStrictEqual([...expandEpochMs(rule, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")], byText.map(ms));
    assert.deepStrictEqual(expand(rule, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", 2), byText.slice(0, 2));
  });

  test("inside objects: Dates and ms for instants, ms for durations", () => {
    const asText = new Engine();
    asText.addSchedule(clinic.schedules[0]);
    asText.addAppointment(clinic.appointments.find((a) => a.schedule === clinic.schedules[0].id));
    const asHost = new Engine();
    const s = structuredClone(clinic.schedules[0]);
    s.slot = { ...s.slot, duration: 30 * 60_000, buffer_after: 10 * 60_000 };
    asHost.addSchedule(s);
    const a = clinic.appointments.find((x) => x.schedule === s.id);
    asHost.addAppointment({ ...a, start: new Date(a.start), end: ms(a.end) });
    assert.equal(asHost.toJSON(), asText.toJSON());
    const q = { from: "2026-03-23T00:00:00Z", to: "2026-03-30T00:00:00Z", now: "2026-03-24T12:00:00Z", min_notice: "PT2H" };
    const hostQ = { from: new Date(q.from), to: ms(q.to), now: new Date(q.now), min_notice: 2 * 3_600_000 };
    const answer = asText.availability(q);
    assert.ok(answer.length > 10);
    assert.ok(answer.every((slot) => ms(slot.start) >= ms(q.now) + 2 * 3_600_000));
    assert.deepStrictEqual(asHost.availability(hostQ), answer);
    // The caller's objects are not changed.
    assert.equal(typeof hostQ.to, "number");
    assert.ok(hostQ.from instanceof Date);
  });
});

describe("availability in three forms", () => {
  const query = { from: "2026-03-16T00:00:00Z", to: "2026-04-13T00:00:00Z", seats: 0 };

  test("columns hold the same slots as the plain answer", () => {
    const engine = clinicEngine();
    const slots = engine.availability(query);
    const c = engine.availabilityColumns(query);
    assert.ok(slots.length > 300);
    assert.equal(c.length, slots.length);
    assert.ok(c.start instanceof Float64Array && c.end instanceof Float64Array);
    assert.ok(c.schedule instanceof Uint32Array && c.remaining instanceof Uint32Array);
    assert.deepStrictEqual([...c.ids].sort(), clinic.schedules.map((s) => s.id).sort());
    slots.forEach((slot, i) => {
      assert.equal(c.ids[c.schedule[i]], slot.schedule);
      assert.equal(c.start[i], ms(slot.start));
      assert.equal(c.end[i], ms(slot.end));
      assert.equal(c.capacity[i], slot.capacity);
      assert.equal(c.booked[i], slot.booked);
      assert.equal(c.remaining[i], slot.remaining);
    });
    engine.free();
  });

  test("pages concatenate to the plain answer", () => {
    const engine = clinicEngine();
    const slots = engine.availability(query);
    const pages = [...engine.availabilityPages(query, 100)];
    assert.equal(pages.length, Math.ceil(slots.length / 100));
    assert.ok(pages.slice(0, -1).every((p) => p.length === 100));
    assert.deepStrictEqual(pages.flat(), slots);
    // Breaking out early is fine, and the engine keeps answering.
    for (const page of engine.availabilityPages(query)) {
      assert.equal(page.length, slots.length);
      break;
    }
    assert.deepStrictEqual([...engine.availabilityPages({ ...query, to: query.from.replace("16", "17") })].flat(),
      engine.availability({ ...query, to: query.from.replace("16", "17") }));
    engine.free();
  });
});

describe("engine", () => {
  test("booking a free slot drops its remaining seats; checkBooking and explain say why", () => {
    const engine = clinicEngine();
    const query = { from: "2026-03-23T00:00:00Z", to: "2026-03-30T00:00:00Z", schedules: ["dr-bruno"] };
    const slot = engine.availability(query).find((s) => s.remaining >= 2);
    assert.ok(slot);
    const booking = { id: "new", schedule: slot.schedule, start: slot.start, end: slot.end, seats: slot.remaining };
    assert.equal(engine.checkBooking(booking).fits, true);
    engine.addAppointment(booking);
    const after = engine.availability({ ...query, seats: 0 }).find((s) => s.key === slot.key);
    assert.equal(after.remaining, 0);
    assert.equal(engine.availability(query).some((s) => s.key === slot.key), false);
    const check = engine.checkBooking({ ...booking, id: "another", seats: 1 });
    assert.equal(check.fits, false);
    assert.deepStrictEqual(check.reasons.map((r) => r.code), ["full"]);
    assert.deepStrictEqual(check.reasons[0].appointments, ["new"]);
    const why = engine.explain(slot.schedule, new Date(ms(slot.start) + 60_000));
    assert.equal(why.bookable, false);
    assert.ok(why.summary.length > 0);
    engine.updateAppointment({ ...booking, status: "cancelled" });
    assert.equal(engine.availability(query).find((s) => s.key === slot.key).remaining, slot.remaining);
    engine.removeAppointment("new");
    engine.removeSchedule("dr-bruno");
    assert.deepStrictEqual(engine.availability({ ...query, schedules: undefined }).filter((s) => s.schedule === "dr-bruno"), []);
    const notice = engine.checkBooking(
      { id: "x", schedule: "dr-ana", start: "2026-03-23T12:00:00Z", end: "2026-03-23T12:30:00Z" },
      { now: "2026-03-23T11:00:00Z", min_notice: "PT2H" },
    );
    assert.ok(notice.reasons.some((r) => r.code === "before_minimum_notice"));
    engine.free();
  });

  test("snapshot and JSON round trips answer the same", () => {
    const engine = clinicEngine();
    const query = { from: "2026-03-16T00:00:00Z", to: "2026-04-13T00:00:00Z" };
    const bytes = engine.toSnapshot();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), "SLOTWISE");
    const opened = Engine.fromSnapshot(bytes);
    const parsed = Engine.fromJSON(engine.toJSON());
    assert.deepStrictEqual(opened.availability(query), engine.availability(query));
    assert.deepStrictEqual(parsed.availability(query), engine.availability(query));
    assert.equal(opened.toJSON(), engine.toJSON());
    assert.deepStrictEqual(opened.report(query.from, query.to, "week"), engine.report(query.from, query.to, "week"));
    for (const e of [engine, opened, parsed]) e.free();
  });

  test("reconcile: applying the plan and reconciling again gives an empty plan", () => {
    const engine = clinicEngine();
    const [from, to] = ["2026-03-16T00:00:00Z", "2026-03-30T00:00:00Z"];
    const plan = engine.reconcile(from, to, []);
    assert.ok(plan.create.length > 0);
    const again = engine.reconcile(from, to, plan.create);
    assert.deepStrictEqual(again, { create: [], update: [], delete: [], conflicts: [], unchanged: plan.create.length });
    engine.free();
  });

  test("free and Symbol.dispose", () => {
    const engine = clinicEngine();
    engine.free();
    engine.free();
    assert.throws(() => engine.availability({ from: "2026-03-16T00:00:00Z", to: "2026-03-17T00:00:00Z" }), /freed/);
    const disposed = new Engine();
    assert.equal(typeof Symbol.dispose, "symbol");
    disposed[Symbol.dispose]();
    assert.throws(() => disposed.toJSON(), /freed/);
    assert.ok(!(new Engine() instanceof SlotwiseError));
  });
});

describe("answers made in JavaScript", () => {
  test("RFC 3339 text of instants agrees with Date's over the years 0001 to 9999", async () => {
    const { instantsText } = await import("../pkg/answers.js");
    const ms = [-62_135_596_800_000, 253_402_300_799_000, 0, 951_782_400_000, 951_868_800_000];
    for (let t = -62_135_596_800_000; t < 253_402_300_800_000; t += 86_400_000 * 37 + 3_723_000) ms.push(t);
    const got = instantsText(Float64Array.from(ms));
    ms.forEach((t, i) => assert.equal(got[i], `${new Date(t).toISOString().slice(0, 19)}Z`));
  });
});
