'use strict';
// The slot worker: two workers started together give the slots table one gives, a
// second run's plan is empty, a worker killed while applying a plan leaves the
// table as before (never half), and the next run finishes it.

const test = require('node:test');
const assert = require('node:assert/strict');
const { startService } = require('../dist/service.js');
const { resetDatabase, pool, clinicSchedule, runWorkerProcess } = require('./helpers');

const window = { from: '2055-03-01T00:00:00Z', to: '2055-03-29T00:00:00Z' };

async function seed() {
  await resetDatabase();
  const service = await startService();
  try {
    for (const [id, capacity] of [['a', 1], ['b', 2], ['c', 3]]) {
      const r = await service.app.inject({ method: 'PUT', url: `/schedules/${id}`, payload: clinicSchedule(capacity) });
      assert.equal(r.statusCode, 200);
    }
    const r = await service.app.inject({ method: 'POST', url: '/appointments', payload: { id: 'x', schedule: 'b', start: '2055-03-02T09:00:00Z', end: '2055-03-02T09:30:00Z' } });
    assert.equal(r.statusCode, 201);
  } finally {
    await service.close();
  }
}

async function table(db) {
  const slots = await db.query("SELECT key, schedule_id, to_char(start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') AS start, capacity FROM slots ORDER BY key");
  const reports = await db.query('SELECT schedule_id, bucket, bucket_start::text, body FROM report_rows ORDER BY 1, 2, 3');
  return { slots: slots.rows, reports: reports.rows };
}

test('two workers started together make the table one makes; a second run changes nothing', async () => {
  const db = pool();
  try {
    await seed();
    const [one, two] = await Promise.all([runWorkerProcess(window), runWorkerProcess(window)]);
    assert.equal(one.code, 0);
    assert.equal(two.code, 0);
    // Each schedule was reconciled by one of them; the other found nothing to do.
    assert.equal(one.run.created + two.run.created, 3 * 19 * 6);
    const together = await table(db);
    assert.equal(together.slots.length, 3 * 19 * 6); // 19 open weekdays in the window, 6 slots each
    assert.ok(together.reports.length > 0);

    await db.query('TRUNCATE slots, report_rows');
    const alone = await runWorkerProcess(window);
    assert.equal(alone.code, 0);
    assert.deepEqual(await table(db), together);

    const again = await runWorkerProcess(window);
    assert.deepEqual([again.run.created, again.run.updated, again.run.deleted, again.run.unchanged], [0, 0, 0, 3 * 19 * 6]);
    assert.deepEqual(await table(db), together);
  } finally {
    await db.end();
  }
});

test('a worker killed while applying a plan leaves the table as before; the next run finishes it', async () => {
  const db = pool();
  try {
    await seed();
    const killed = await runWorkerProcess(window, { SLOTWISE_WORKER_DIE_MIDWAY: '1' });
    assert.equal(killed.signal, 'SIGKILL');
    // It died inside the first schedule's transaction, after writing slots to it.
    assert.deepEqual((await table(db)).slots, []);
    const next = await runWorkerProcess(window);
    assert.equal(next.code, 0);
    assert.equal(next.run.created, 3 * 19 * 6);
    const after = await table(db);
    // The same table as a clean run over a fresh copy gives.
    await db.query('TRUNCATE slots, report_rows');
    await runWorkerProcess(window);
    assert.deepEqual(await table(db), after);
  } finally {
    await db.end();
  }
});

test('a shrunk schedule: stale unbooked slots are deleted, booked ones kept as conflicts', async () => {
  const db = pool();
  const service = await startService();
  try {
    await seed();
    assert.equal((await runWorkerProcess(window)).code, 0);
    // Schedule b now opens at 10:00: its 09:00-10:00 slots go, but the booked 09:00 stays.
    const r = await service.app.inject({ method: 'PUT', url: '/schedules/b', payload: { ...clinicSchedule(2), availability: [{ rule: 'DTSTART:20550104T100000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', end: '12:00' }] } });
    assert.equal(r.statusCode, 200);
    const run = (await runWorkerProcess(window)).run;
    assert.equal(run.deleted, 19 * 2 - 1);
    assert.equal(run.conflicts, 1);
    const conflicts = await db.query('SELECT key, appointments FROM slot_conflicts');
    assert.deepEqual(conflicts.rows, [{ key: 'b@2055-03-02T09:00:00Z', appointments: ['x'] }]);
    assert.equal((await db.query("SELECT count(*)::int AS n FROM slots WHERE key = 'b@2055-03-02T09:00:00Z'")).rows[0].n, 1);
  } finally {
    await service.close();
    await db.end();
  }
});
