// availabilityPages streams from the core: a window of millions of slots is read a
// page at a time while WebAssembly memory stays flat (the whole answer, 28 bytes a
// slot as columns, is never held), and the pages read the engine as it was asked.

import assert from "node:assert/strict";
import { test } from "node:test";

import { Engine, SlotwiseError, memoryBytes } from "../pkg/node.js";
import { repoFile } from "./vector_files.mjs";

// Open around the clock in one-minute slots: four years are 2,103,840 slots.
const kiosk = {
  id: "kiosk",
  timezone: "Europe/Lisbon",
  availability: [{ rule: "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", end: "00:00" }],
  slot: { duration: "PT1M", capacity: 1 },
};
const years = { from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z" };
const SLOTS = 1461 * 1440;

test("millions of slots page by page: memory stays flat", () => {
  const engine = new Engine();
  engine.addSchedule(kiosk);
  let count = 0;
  let last = null;
  let after = 0;
  let most = 0;
  for (const page of engine.availabilityPages(years, 10_000)) {
    if (count === 0) {
      after = memoryBytes();
      assert.deepStrictEqual(page[0], {
        key: "kiosk@2026-01-01T00:00:00Z", schedule: "kiosk", start: "2026-01-01T00:00:00Z",
        end: "2026-01-01T00:01:00Z", capacity: 1, booked: 0, remaining: 1,
      });
    }
    assert.ok(page.length === 10_000 || count + page.length === SLOTS, `page of ${page.length}`);
    count += page.length;
    last = page[page.length - 1];
    most = Math.max(most, memoryBytes());
  }
  assert.equal(count, SLOTS);
  assert.equal(last.start, "2029-12-31T23:59:00Z");
  // The answer as columns would be 59 MB; the pages leave memory where the first left it.
  assert.ok(most - after <= 1 << 20, `memory grew by ${most - after} B while paging (first page at ${after} B)`);
  // The measure sees a whole answer: the same window as columns grows memory by tens of MB.
  assert.equal(engine.availabilityColumns(years).length, SLOTS);
  assert.ok(memoryBytes() - most > 40 << 20, `columns: ${memoryBytes() - most} B more`);
  engine.free();
});

test("pages read the engine as it was asked; the engine may change or be freed meanwhile", () => {
  const clinic = JSON.parse(repoFile("examples/data/clinic.json", "utf8"));
  const engine = new Engine();
  for (const s of clinic.schedules) engine.addSchedule(s);
  const query = { from: "2026-03-16T00:00:00Z", to: "2026-04-13T00:00:00Z" };
  const before = engine.availability(query);
  const pages = engine.availabilityPages(query, 50);
  const first = pages.next().value;
  // Book every slot of the rest of the answer, then remove a schedule: the pages
  // still read the answer as it was when they were asked.
  const later = before[before.length - 1];
  engine.addAppointment({ id: "late", schedule: later.schedule, start: later.start, end: later.end, seats: later.capacity });
  engine.removeSchedule(clinic.schedules[0].id);
  const rest = [...pages].flat();
  assert.deepStrictEqual([...first, ...rest], before);
  assert.notDeepStrictEqual(engine.availability(query), before);
  // Freeing the engine leaves an open reader working.
  const again = engine.availabilityPages(query, 10);
  const one = again.next().value;
  engine.free();
  assert.ok(one.length === 10 && again.next().value.length > 0);
  again.return();
});

test("a bad query throws when the pages are asked, not when read", () => {
  const engine = new Engine();
  engine.addSchedule(kiosk);
  assert.throws(() => engine.availabilityPages({ ...years, schedules: ["nobody"] }), (e) =>
    e instanceof SlotwiseError && e.code === "unknown_schedule" && e.path === "schedules[0]");
  assert.throws(() => engine.availabilityPages({ ...years, combine: { mode: "any", schedules: ["a", "b"] } }), (e) =>
    e instanceof SlotwiseError && e.code === "invalid_input" && e.path === "combine");
  engine.free();
});
