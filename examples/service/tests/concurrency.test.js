'use strict';
// No double booking: 50 concurrent bookings of one slot of capacity 3, spread over
// two service processes on one database, give exactly 3 successes and 47 refusals,
// and the database holds exactly 3 appointments.

const test = require('node:test');
const assert = require('node:assert/strict');
const { resetDatabase, pool, clinicSchedule, startProcess, send } = require('./helpers');

test('50 concurrent bookings for one slot of capacity 3 over two processes', async () => {
  await resetDatabase();
  const [a, b] = await Promise.all([startProcess(), startProcess()]);
  const db = pool();
  try {
    assert.equal((await send(a.url, 'PUT', '/schedules/desk', clinicSchedule(3))).status, 200);
    // The second process learns of the schedule from the database, under its lock.
    const slot = { schedule: 'desk', start: '2055-03-02T09:00:00Z', end: '2055-03-02T09:30:00Z' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send(i % 2 ? a.url : b.url, 'POST', '/appointments', { id: `c${i}`, ...slot })),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 3, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 409).length, 47, statuses.join(' '));
    for (const r of answers.filter((r) => r.status === 409)) assert.equal(r.body.reasons[0].code, 'full');
    const held = await db.query("SELECT count(*)::int AS n FROM appointments WHERE schedule_id = 'desk'");
    assert.equal(held.rows[0].n, 3);
    // Both processes now see the slot full.
    for (const p of [a, b]) {
      const r = await send(p.url, 'POST', '/appointments', { id: `late-${p.url}`, ...slot });
      assert.deepEqual([r.status, r.body.reasons[0].code], [409, 'full']);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await db.end();
  }
});
