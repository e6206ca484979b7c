'use strict';
// Load: requests per second and p99 latency of availability and booking requests
// against one service process on 127.0.0.1 with 1,000 schedules loaded, each load
// bounded in time (autocannon, 10 connections, DURATION seconds, default 10).
//
//   npm run build && ./run-with-db.sh node load.js
//
// Not a test: figures go to benches/README.md by hand.

const os = require('node:os');
const autocannon = require('autocannon');
const { startService } = require('./dist/service.js');
const { startProcess } = require('./tests/helpers');

const SCHEDULES = 1000;
const DURATION = Number(process.env.DURATION ?? 10);
const ZONES = ['America/Sao_Paulo', 'Europe/Lisbon', 'America/New_York', 'UTC'];

function schedule(i) {
  return {
    id: `s${String(i).padStart(4, '0')}`,
    timezone: ZONES[i % ZONES.length],
    availability: [
      { rule: 'DTSTART:20550104T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '12:00' },
      { rule: 'DTSTART:20550104T130000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '18:00' },
    ],
    slot: { duration: 'PT30M', capacity: 1 + (i % 3) },
  };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 10, duration: DURATION, ...options }, (e, result) => (e ? reject(e) : resolve(result)));
  });
}

async function main() {
  const seed = await startService();
  await seed.pool.query('TRUNCATE schedules, appointments, slots, slot_conflicts, report_rows');
  await seed.pool.query('INSERT INTO schedules (id, body) SELECT b->>\'id\', b FROM jsonb_array_elements($1::jsonb) AS b', [
    JSON.stringify(Array.from({ length: SCHEDULES }, (_, i) => schedule(i))),
  ]);
  await seed.close();
  const server = await startProcess();
  console.log(`${os.cpus().length} cores (${os.cpus()[0].model}), ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; node ${process.version}`);
  try {
    let n = 0;
    const availability = await run({
      url: server.url,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/availability?from=2055-03-01T00:00:00Z&to=2055-03-08T00:00:00Z&schedule=s${String(n++ % SCHEDULES).padStart(4, '0')}` }) }],
    });
    let k = 0;
    const booking = await run({
      url: server.url,
      requests: [{
        method: 'POST',
        path: '/appointments',
        setupRequest: (req) => {
          k += 1;
          const day = 1 + Math.floor(k / SCHEDULES) % 20;
          const start = Date.UTC(2055, 2, 1 + day, 12, 0, 0);
          return {
            ...req,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id: `load-${k}`, schedule: `s${String(k % SCHEDULES).padStart(4, '0')}`, start: new Date(start).toISOString(), end: new Date(start + 1_800_000).toISOString() }),
          };
        },
      }],
    });
    const codes = (r) => Object.entries(r.statusCodeStats).map(([c, s]) => `${s.count} ${c}`).join(', ');
    const line = (label, r) => `| ${label} | ${Math.round(r.requests.average)} | ${r.latency.p99} ms | ${codes(r)} |`;
    console.log(`\n| ${DURATION} s, 10 connections | requests/s | p99 | answers |\n|---|---:|---:|---|`);
    console.log(line('GET /availability (one schedule, one week)', availability));
    console.log(line('POST /appointments (booking, row lock, engine check)', booking));
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
