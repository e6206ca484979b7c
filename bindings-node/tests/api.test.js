'use strict';
// The binding surface as a host uses it: host forms of instants and durations,
// every write, the columnar and paged answers, snapshots, JSON and free().

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, expand, expandEpochMs, version, tzdataVersion, SlotwiseError } = require('..');
const { clinic } = require('./fixtures');
const { load } = require('./documents');

const week = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };
const rule = 'DTSTART;TZID=America/New_York:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6';

test('version and tzdataVersion', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  assert.match(tzdataVersion(), /^\d{4}[a-z]$/);
});

test('instants as RFC 3339 with any offset, Date or epoch ms give the same answer; fractions are floored', () => {
  const text = expand(rule, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
  assert.equal(text.length, 6);
  assert.equal(text[2], '2026-03-09T13:00:00Z'); // 09:00 in New York after the DST change
  assert.deepEqual(expand(rule, new Date('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z')), text);
  assert.deepEqual(expand(rule, '2026-02-28T19:00:00-05:00', '2026-04-01T00:00:00.000Z'), text);
  assert.deepEqual(expand(rule, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 2), text.slice(0, 2));
  const ms = expandEpochMs(rule, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
  assert.ok(ms instanceof Float64Array);
  assert.deepEqual(Array.from(ms), text.map((t) => Date.parse(t)));
  // 13:00:00.999 is floored to 13:00:00, which the half-open window then leaves out.
  const first = Date.parse(text[0]);
  assert.deepEqual(expand(rule, first + 999, '2026-04-01T00:00:00Z'), text);
  assert.deepEqual(expand(rule, first + 1000, '2026-04-01T00:00:00Z'), text.slice(1));
});

test('expand writes every year 0001-9999 as Date does (four-digit years, leap days)', () => {
  const yearly = 'DTSTART:00010228T235959Z\nRRULE:FREQ=YEARLY;BYMONTH=2,3,12;BYMONTHDAY=1,28,29,31;BYHOUR=0,23;BYMINUTE=0,59;BYSECOND=0,59';
  const text = expand(yearly, '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z');
  const ms = expandEpochMs(yearly, '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z');
  assert.ok(text.length > 100_000, String(text.length));
  assert.equal(text.length, ms.length);
  const byDate = Array.from(ms, (t) => new Date(t).toISOString().replace('.000Z', 'Z'));
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== byDate[i]) assert.fail(`instant ${i}: ${text[i]} vs ${byDate[i]}`);
  }
  assert.equal(text[0], '0001-02-28T23:59:59Z');
  assert.ok(text.includes('2024-02-29T00:00:00Z') && !text.includes('2023-02-29T00:00:00Z'));
  assert.deepEqual(expand(yearly, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z'), []);
});

test('nested instants and durations: Date, epoch ms and milliseconds of durations', () => {
  const [schedule] = clinic.schedules;
  const text = new Engine();
  text.addSchedule(schedule);
  const host = new Engine();
  host.addSchedule({ ...schedule, slot: { ...schedule.slot, duration: 30 * 60_000, buffer_after: 600_000 } });
  const at = '2026-03-02T12:00:00Z';
  text.addAppointment({ id: 'a', schedule: schedule.id, start: at, end: '2026-03-02T12:30:00Z' });
  host.addAppointment({ id: 'a', schedule: schedule.id, start: new Date(at), end: Date.parse(at) + 1_800_000 });
  assert.equal(host.toJSON(), text.toJSON());
  const query = { from: Date.parse(week.from), to: new Date(week.to), now: Date.parse(at), min_notice: 3_600_000 };
  const slots = host.availability(query);
  assert.deepEqual(slots, text.availability({ ...week, now: at, min_notice: 'PT1H' }));
  assert.ok(slots.length > 0 && slots.every((s) => Date.parse(s.start) >= Date.parse(at) + 3_600_000));
  assert.throws(() => host.availability({ ...week, min_notice: 1500 }), (e) => e.code === 'invalid_input' && e.path === 'min_notice');
});

test('writes: replace, update, remove', () => {
  const engine = load(Engine, clinic);
  const [ana] = clinic.schedules;
  const apt = { id: 'n1', schedule: ana.id, start: '2026-03-02T12:00:00Z', end: '2026-03-02T12:30:00Z' };
  const free = () => engine.availability({ ...week, schedules: [ana.id] });
  const before = free();
  assert.equal(engine.checkBooking(apt).fits, true);
  engine.addAppointment(apt);
  assert.equal(free().length, before.length - 1);
  const check = engine.checkBooking({ ...apt, id: 'n2' });
  assert.equal(check.fits, false);
  assert.equal(check.reasons[0].code, 'full');
  assert.deepEqual(check.reasons[0].appointments, ['n1']);
  engine.updateAppointment({ ...apt, status: 'cancelled' });
  assert.deepEqual(free(), before);
  engine.removeAppointment('n1');
  assert.deepEqual(free(), before);
  engine.replaceSchedule({ ...ana, slot: { ...ana.slot, capacity: 3 } });
  assert.ok(free().every((s) => s.capacity === 3));
  const explained = engine.explain(ana.id, new Date(apt.start));
  assert.equal(explained.bookable, true);
  assert.equal(explained.slots[0].slot.key, `${ana.id}@${apt.start}`);
  engine.removeSchedule(ana.id);
  assert.throws(() => free(), SlotwiseError);
});

test('slot objects carry their own start and end when schedules\' slots differ in length and step', () => {
  const engine = new Engine();
  for (let i = 0; i < 12; i += 1) {
    engine.addSchedule({
      id: `room-${i}`,
      timezone: ['America/New_York', 'Europe/Lisbon', 'Asia/Kolkata', 'UTC'][i % 4],
      availability: [{ rule: 'DTSTART:20260301T080000\nRRULE:FREQ=DAILY', end: '18:00' }],
      slot: { duration: `PT${15 + 5 * i}M`, step: `PT${10 + 5 * (i % 3)}M`, capacity: 1 + (i % 2) },
    });
  }
  engine.addAppointment({ id: 'x', schedule: 'room-3', start: '2026-03-09T12:00:00Z', end: '2026-03-09T12:30:00Z' });
  const query = { from: '2026-03-06T00:00:00Z', to: '2026-03-12T00:00:00Z', seats: 0 };
  const slots = engine.availability(query);
  const c = engine.availabilityColumns(query);
  assert.ok(slots.length > 2000, String(slots.length));
  assert.equal(slots.length, c.length);
  const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
  for (let i = 0; i < c.length; i += 1) {
    const s = slots[i];
    const want = `${c.ids[c.schedule[i]]}@${iso(c.start[i])} ${iso(c.end[i])} ${c.booked[i]}`;
    if (`${s.key} ${s.end} ${s.booked}` !== want || s.start !== iso(c.start[i])) assert.fail(`row ${i}: ${JSON.stringify(s)} vs ${want}`);
  }
  assert.ok(slots.some((s) => s.booked === 1));
});

test('dropped columnar answers are freed within a synchronous loop (no wait for the event loop)', () => {
  const engine = new Engine();
  for (let i = 0; i < 40; i += 1) {
    engine.addSchedule({
      id: `desk-${i}`,
      timezone: 'UTC',
      availability: [{ rule: 'DTSTART:20260101T000000\nRRULE:FREQ=DAILY', end: '23:59' }],
      slot: { duration: 'PT5M', capacity: 1 },
    });
  }
  const query = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
  const rows = engine.availabilityColumns(query).length;
  assert.ok(rows > 350_000, String(rows)); // 11+ MB of columns an answer
  const before = process.memoryUsage().rss;
  let seen = 0;
  for (let i = 0; i < 40; i += 1) seen += engine.availabilityColumns(query).length;
  assert.equal(seen, 40 * rows);
  // 40 answers held until the loop ends would be over 450 MB.
  const grown = (process.memoryUsage().rss - before) / 1e6;
  assert.ok(grown < 120, `rss grew ${grown.toFixed(0)} MB`);
});

test('availabilityColumns and availabilityPages hold the same slots as availability', () => {
  const engine = load(Engine, clinic);
  const query = { ...week, seats: 0 };
  const slots = engine.availability(query);
  assert.ok(slots.length > 50);
  const c = engine.availabilityColumns(query);
  assert.equal(c.length, slots.length);
  assert.ok(c.start instanceof Float64Array && c.capacity instanceof Uint32Array);
  const rows = Array.from({ length: c.length }, (_, i) => ({
    key: `${c.ids[c.schedule[i]]}@${new Date(c.start[i]).toISOString().replace('.000Z', 'Z')}`,
    schedule: c.ids[c.schedule[i]],
    start: new Date(c.start[i]).toISOString().replace('.000Z', 'Z'),
    end: new Date(c.end[i]).toISOString().replace('.000Z', 'Z'),
    capacity: c.capacity[i],
    booked: c.booked[i],
    remaining: c.remaining[i],
  }));
  assert.deepEqual(rows, slots);
  const pages = [...engine.availabilityPages(query, 7)];
  assert.equal(pages.length, Math.ceil(slots.length / 7));
  assert.ok(pages.slice(0, -1).every((p) => p.length === 7));
  assert.deepEqual(pages.flat(), slots);
  assert.deepEqual([...engine.availabilityPages(query)].flat(), slots);
  assert.throws(() => engine.availabilityPages(query, 0), (e) => e.code === 'invalid_input' && e.path === 'pageSize');
  assert.throws(() => engine.availabilityPages({ from: week.to, to: week.from }), (e) => e.code === 'invalid_window');
  // Pages are streamed from the engine as it was when they were asked for: a booking
  // made between two pages shows in a new answer, not in theirs.
  const reading = engine.availabilityPages(query, 7);
  const first = reading.next().value;
  const [slot] = slots.slice(-1);
  engine.addAppointment({ id: 'mid-read', schedule: slot.schedule, start: slot.start, end: slot.end });
  assert.deepEqual([first, ...reading].flat(), slots);
  const after = engine.availability(query);
  assert.equal(after.at(-1).booked, slot.booked + 1);
  assert.deepEqual([...engine.availabilityPages(query, 7)].flat(), after);
});

test('snapshots and JSON carry the whole engine', () => {
  const engine = load(Engine, clinic);
  const query = { ...week, seats: 0 };
  const bytes = engine.toSnapshot();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 100);
  const opened = Engine.fromSnapshot(bytes);
  assert.deepEqual(opened.availability(query), engine.availability(query));
  assert.deepEqual(Engine.fromSnapshot(new Uint8Array(bytes)).availability(query), engine.availability(query));
  const copy = Engine.fromJSON(engine.toJSON());
  assert.equal(copy.toJSON(), engine.toJSON());
  assert.deepEqual(copy.report(week.from, week.to, 'day'), engine.report(week.from, week.to, 'day'));
});

test('free() releases the engine; later calls throw, a second free() is harmless', () => {
  const engine = load(Engine, clinic);
  engine.free();
  engine.free();
  assert.throws(() => engine.availability(week), (e) => e instanceof Error && !(e instanceof SlotwiseError) && /freed/.test(e.message));
  assert.throws(() => engine.addSchedule(clinic.schedules[0]), /freed/);
  if (typeof Symbol.dispose === 'symbol') assert.equal(Engine.prototype[Symbol.dispose], Engine.prototype.free);
});
