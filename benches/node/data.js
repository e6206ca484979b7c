'use strict';
// The availability data set of core/benches/availability.rs, in JavaScript: 1,000
// schedules (09:00-12:00 and 13:00-18:00 daily, 30-minute slots, capacity 1-3,
// buffers on every other one, three day exclusions each, four zones) and 100,000
// appointments (every tenth cancelled) spread over 90 days from 2026-04-01.

const SCHEDULES = 1000;
const APPOINTMENTS = 100_000;
const DAY = 86_400_000;
const ZONES = ['America/Sao_Paulo', 'Europe/Lisbon', 'America/New_York', 'UTC'];
const FROM = Date.parse('2026-04-01T00:00:00Z');

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function schedule(i) {
  return {
    id: `schedule-${String(i).padStart(4, '0')}`,
    timezone: ZONES[i % ZONES.length],
    availability: [
      { rule: 'DTSTART:20260101T090000\nRRULE:FREQ=DAILY', end: '12:00' },
      { rule: 'DTSTART:20260101T130000\nRRULE:FREQ=DAILY', end: '18:00' },
    ],
    slot: { duration: 'PT30M', capacity: 1 + (i % 3), buffer_after: i % 2 === 0 ? 'PT10M' : 'PT0S' },
    exclusions: [0, 1, 2].map((k) => ({ kind: 'day', date: isoDate(FROM + ((i * 7 + k * 29) % 90) * DAY) })),
  };
}

function* appointments() {
  let x = 0x9e3779b9;
  for (let n = 0; n < APPOINTMENTS; n += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const start = FROM + (x % (90 * 48)) * 1_800_000;
    yield {
      id: `apt-${n}`,
      schedule: `schedule-${String(n % SCHEDULES).padStart(4, '0')}`,
      start: new Date(start).toISOString().replace('.000Z', 'Z'),
      end: new Date(start + 1_800_000).toISOString().replace('.000Z', 'Z'),
      status: n % 10 === 0 ? 'cancelled' : 'booked',
    };
  }
}

/** An engine of package `pkg` holding the data set. */
function load(pkg) {
  const engine = new pkg.Engine();
  for (let i = 0; i < SCHEDULES; i += 1) engine.addSchedule(schedule(i));
  for (const a of appointments()) engine.addAppointment(a);
  return engine;
}

const query = {
  from: new Date(FROM).toISOString().replace('.000Z', 'Z'),
  to: new Date(FROM + 90 * DAY).toISOString().replace('.000Z', 'Z'),
};

module.exports = { load, query, SCHEDULES, APPOINTMENTS };
