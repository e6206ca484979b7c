'use strict';
// Inputs the tests share: the bundled clinic example and a generator of many
// weekday schedules (the shape the benchmarks use).

const fs = require('node:fs');
const path = require('node:path');

const clinic = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'data', 'clinic.json'), 'utf8'));

/** `n` weekday schedules (09:00-12:00 and 13:00-17:00, 30-minute slots) in a few zones. */
function schedules(n) {
  const zones = ['America/New_York', 'Europe/Lisbon', 'America/Sao_Paulo', 'Asia/Tokyo'];
  return Array.from({ length: n }, (_, i) => ({
    id: `s${String(i).padStart(5, '0')}`,
    timezone: zones[i % zones.length],
    availability: [
      { rule: 'DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '12:00' },
      { rule: 'DTSTART:20260105T130000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '17:00' },
    ],
    slot: { duration: 'PT30M', capacity: 1 + (i % 3) },
  }));
}

module.exports = { clinic, schedules };
