'use strict';
// Node: the native package vs the WASM package vs rrule.js on expansion, and native
// vs WASM on availability for 1,000 schedules x 90 days. One run, a few seconds per
// case; figures go to benches/README.md by hand. Not part of any test.
//
//   bindings-node/build.sh && bindings-wasm/build.sh && node benches/node/bench.js
//
// Without a built WASM package (bindings-wasm/pkg) its columns are left out.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { performance } = require('node:perf_hooks');

const root = path.join(__dirname, '..', '..');
const native = require(path.join(root, 'bindings-node'));
const { RRule, rrulestr } = require(path.join(root, 'bindings-node', 'node_modules', 'rrule'));
const data = require('./data');

/**
 * Time per call of `f` in ms: the median over `batches` batches of about
 * `budgetMs` (wall), and the process's CPU time (every thread, user + system) per
 * call over those batches. On a machine other jobs share, wall times stretch with
 * the load while CPU time mostly does not; the native package's parallel work
 * shows in wall time only.
 */
function time(f, { batches = 5, budgetMs = 300 } = {}) {
  f();
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) f();
    const dt = performance.now() - t0;
    if (dt > budgetMs / 4 || n > 1e6) break;
    n *= 2;
  }
  const runs = [];
  const cpu0 = process.cpuUsage();
  for (let b = 0; b < batches; b += 1) {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) f();
    runs.push((performance.now() - t0) / n);
  }
  const cpu = process.cpuUsage(cpu0);
  runs.sort((a, b) => a - b);
  return { wall: runs[Math.floor(runs.length / 2)], cpu: (cpu.user + cpu.system) / 1000 / (n * batches) };
}

async function timeAsync(f, repeat = 5) {
  await f();
  const runs = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < repeat; i += 1) {
    const t0 = performance.now();
    await f();
    runs.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  runs.sort((a, b) => a - b);
  return { wall: runs[Math.floor(runs.length / 2)], cpu: (cpu.user + cpu.system) / 1000 / repeat };
}

const fmt = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`);
const ratio = (a, b) => (a && b ? `${(b / a).toFixed(1)}×` : '-');
const wall = (t) => (t ? fmt(t.wall) : '-');
const cpu = (t) => (t ? fmt(t.cpu) : '-');

const cases = [
  {
    name: 'weekday hours (WEEKLY MO-FR, BYHOUR 9-16, BYMINUTE 0,30), New York, 1 year',
    ical: 'DTSTART;TZID=America/New_York:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,30',
    from: '2026-01-01T00:00:00Z',
    to: '2027-01-01T00:00:00Z',
  },
  {
    name: 'last weekday of the month (MONTHLY, BYSETPOS=-1), UTC, 50 years',
    ical: 'DTSTART:20000131T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    from: '2000-01-01T00:00:00Z',
    to: '2050-01-01T00:00:00Z',
  },
  {
    name: 'DAILY, New York, 30 years',
    ical: 'DTSTART;TZID=America/New_York:20000101T090000\nRRULE:FREQ=DAILY',
    from: '2000-01-01T00:00:00Z',
    to: '2030-01-01T00:00:00Z',
  },
];

async function main() {
  const wasmEntry = path.join(process.env.SLOTWISE_WASM_PKG || path.join(root, 'bindings-wasm', 'pkg'), 'node.js');
  const wasm = fs.existsSync(wasmEntry) ? await import(pathToFileURL(wasmEntry).href) : null;
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0].model}), load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(wasm ? `WASM package: ${wasmEntry}` : 'WASM package not built: its figures are left out');

  // Both packages warm first: the WASM module's optimizing compile runs on background
  // threads, whose CPU time would otherwise land on the first rows.
  const warm = performance.now();
  while (performance.now() - warm < 2000) {
    for (const c of cases) {
      native.expand(c.ical, c.from, c.to);
      if (wasm) wasm.expand(c.ical, c.from, c.to);
    }
  }

  console.log('\n## Expansion (RFC 3339 strings out; rrule.js gives Dates)\n');
  console.log('| case | instances | native | WASM | rrule.js | native vs WASM | native vs rrule.js | CPU: native | WASM | rrule.js |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const n = native.expand(c.ical, c.from, c.to).length;
    const rule = rrulestr(c.ical.replace('\n', '\n'));
    const rFrom = new Date(c.from);
    const rTo = new Date(Date.parse(c.to) - 1000);
    const rn = rule.between(rFrom, rTo, true).length;
    const tNative = time(() => native.expand(c.ical, c.from, c.to));
    const tWasm = wasm ? time(() => wasm.expand(c.ical, c.from, c.to)) : null;
    const tRrule = time(() => rule.between(rFrom, rTo, true), { batches: 3 });
    const count = rn === n ? `${n}` : `${n} (rrule.js: ${rn})`;
    console.log(`| ${c.name} | ${count} | ${wall(tNative)} | ${wall(tWasm)} | ${wall(tRrule)} | ${ratio(tNative.wall, tWasm?.wall)} | ${ratio(tNative.wall, tRrule.wall)} | ${cpu(tNative)} | ${cpu(tWasm)} | ${cpu(tRrule)} |`);
  }

  console.log(`\n## Availability: ${data.SCHEDULES} schedules x 90 days, ${data.APPOINTMENTS} appointments\n`);
  /** Wall and CPU ms of one call of `f`, and its answer. */
  const once = (f) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const value = f();
    const used = process.cpuUsage(cpu0);
    return { value, wall: performance.now() - t0, cpu: (used.user + used.system) / 1000 };
  };
  const loadNative = once(() => data.load(native));
  const ne = loadNative.value;
  const loadWasm = wasm ? once(() => data.load(wasm)) : null;
  const we = loadWasm?.value;
  const all = { ...data.query, seats: 0 };
  const slots = ne.availabilityColumns(all).length;
  if (we && we.availabilityColumns(all).length !== slots) throw new Error('the packages disagree');
  const free = ne.availabilityColumns(data.query).length;
  console.log(`${slots} slots (seats 0), ${free} with a seat free (the query below)\n`);
  console.log('| call | native | WASM | native vs WASM | CPU: native | WASM |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const row = (label, a, b) => console.log(`| ${label} | ${wall(a)} | ${wall(b)} | ${ratio(a.wall, b?.wall)} | ${cpu(a)} | ${cpu(b)} |`);
  row('load: addSchedule x1,000 + addAppointment x100,000', loadNative, loadWasm);
  const empty = { ...data.query, seats: 10 };
  row('the walk alone (seats 10: every slot visited, none answered)', time(() => ne.availabilityColumns(empty), { batches: 5, budgetMs: 1000 }), we ? time(() => we.availabilityColumns(empty), { batches: 5, budgetMs: 1000 }) : null);
  row('availabilityColumns (typed arrays)', time(() => ne.availabilityColumns(data.query), { batches: 5, budgetMs: 1500 }), we ? time(() => we.availabilityColumns(data.query), { batches: 5, budgetMs: 1500 }) : null);
  row('availabilityAsync (Promise, objects)', await timeAsync(() => ne.availabilityAsync(data.query), 3), null);
  row('availability (an object per slot)', time(() => ne.availability(data.query), { batches: 3, budgetMs: 3000 }), we ? time(() => we.availability(data.query), { batches: 3, budgetMs: 3000 }) : null);
  const paged = (e) => () => {
    let n = 0;
    for (const page of e.availabilityPages(data.query)) n += page.length;
    return n;
  };
  row('availabilityPages (10,000 objects a page, all pages)', time(paged(ne), { batches: 3, budgetMs: 3000 }), we ? time(paged(we), { batches: 3, budgetMs: 3000 }) : null);
  const week = { from: '2026-05-01T00:00:00Z', to: '2026-05-08T00:00:00Z', schedules: ['schedule-0042'] };
  row('one schedule, one week (objects)', time(() => ne.availability(week)), we ? time(() => we.availability(week)) : null);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
