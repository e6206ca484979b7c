'use strict';
// Shared by the service tests: a clean database, schedules to load, and service
// processes started the way `npm start` starts them.

const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { Pool } = require('pg');

const root = path.join(__dirname, '..');

/** Empty every table (the schema stays). */
async function resetDatabase() {
  const { startService } = require('../dist/service.js');
  const service = await startService();
  await service.pool.query('TRUNCATE schedules, appointments, slots, slot_conflicts, report_rows');
  await service.close();
}

/** A pool on DATABASE_URL, for looking at the tables. */
function pool() {
  return new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
}

/** Weekdays 09:00-12:00 in Lisbon, 30-minute slots of `capacity` seats. */
function clinicSchedule(capacity = 3) {
  return {
    timezone: 'Europe/Lisbon',
    availability: [{ rule: 'DTSTART:20550104T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '12:00' }],
    slot: { duration: 'PT30M', capacity },
    exclusions: [{ kind: 'day', date: '2055-03-05', reason: 'closed' }],
  };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `node dist/server.js` on a free port; resolves once /health answers. */
async function startProcess() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/** `node dist/worker-main.js` over `window`; resolves with its exit and output. */
function runWorkerProcess(window, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'worker-main.js')], {
      env: { ...process.env, SLOT_WINDOW_FROM: window.from, SLOT_WINDOW_TO: window.to, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code, signal) => resolve({ code, signal, run: code === 0 ? JSON.parse(out) : null }));
  });
}

async function send(url, method, route, body) {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

module.exports = { resetDatabase, pool, clinicSchedule, startProcess, runWorkerProcess, send };
