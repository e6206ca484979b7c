// Repeating a query must not grow WebAssembly memory: after a warm-up, 10,000 more
// queries in every form leave the memory's size where it was.

import assert from "node:assert/strict";
import { test } from "node:test";

import { Engine, expand, memoryBytes } from "../pkg/node.js";
import { repoFile } from "./vector_files.mjs";

const clinic = JSON.parse(repoFile("examples/data/clinic.json", "utf8"));
const query = { from: "2026-03-23T00:00:00Z", to: "2026-03-30T00:00:00Z", seats: 0 };

function run(engine, i) {
  switch (i % 4) {
    case 0:
      return engine.availability(query).length;
    case 1:
      return engine.availabilityColumns(query).length;
    case 2:
      return engine.explain("dr-ana", new Date(Date.parse(query.from) + (i % 500) * 600_000)).slots.length;
    default:
      return expand("DTSTART;TZID=America/Sao_Paulo:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE", query.from, query.to).length;
  }
}

test("10,000 queries: memory stops growing", () => {
  const engine = new Engine();
  for (const s of clinic.schedules) engine.addSchedule(s);
  for (const a of clinic.appointments) engine.addAppointment(a);
  let total = 0;
  for (let i = 0; i < 1000; i++) total += run(engine, i);
  const warm = memoryBytes();
  for (let i = 0; i < 10_000; i++) total += run(engine, i);
  assert.ok(total > 0);
  assert.equal(memoryBytes(), warm, `memory grew from ${warm} to ${memoryBytes()} bytes`);
  engine.free();
});

test("engines made and freed 10,000 times: memory stops growing", () => {
  const make = () => {
    const engine = new Engine();
    engine.addSchedule(clinic.schedules[0]);
    const n = engine.availability(query).length;
    engine.free();
    return n;
  };
  for (let i = 0; i < 500; i++) make();
  const warm = memoryBytes();
  for (let i = 0; i < 10_000; i++) assert.ok(make() > 0);
  assert.equal(memoryBytes(), warm);
});
