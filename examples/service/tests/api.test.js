'use strict';
// The API's happy and error paths, through one service built in-process.

const test = require('node:test');
const assert = require('node:assert/strict');
const { startService } = require('../dist/service.js');
const { resetDatabase, clinicSchedule } = require('./helpers');

const day = { from: '2055-03-01T00:00:00Z', to: '2055-03-08T00:00:00Z' };
const slot = { start: '2055-03-02T09:00:00Z', end: '2055-03-02T09:30:00Z' };

test('the API answers and refuses as documented', async () => {
  await resetDatabase();
  const service = await startService();
  const call = async (method, url, payload) => {
    const r = await service.app.inject({ method, url, payload });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
  };
  try {
    // Schedules
    let r = await call('PUT', '/schedules/room', clinicSchedule(2));
    assert.equal(r.status, 200);
    assert.equal(r.body.id, 'room');
    r = await call('PUT', '/schedules/bad', { ...clinicSchedule(), availability: [{ rule: 'DTSTART:20550104T090000\nRRULE:FREQ=WEEKLY;BYMONTHDAY=0', end: '12:00' }] });
    assert.equal(r.status, 400);
    assert.deepEqual([r.body.code, r.body.path], ['invalid_rule', 'availability[0].rule']);
    assert.match(r.body.message, /BYMONTHDAY/);
    r = await call('PUT', '/schedules/bad', { ...clinicSchedule(), timezone: 'Mars/Base' });
    assert.deepEqual([r.status, r.body.code, r.body.path], [400, 'unknown_timezone', 'timezone']);
    r = await call('PUT', '/schedules/bad', { ...clinicSchedule(), id: 'other' });
    assert.deepEqual([r.status, r.body.path], [400, 'id']);
    r = await call('PUT', '/schedules/bad', [1, 2]);
    assert.equal(r.status, 400);
    r = await call('GET', '/health');
    assert.deepEqual(r.body, { status: 'ok', schedules: 1, appointments: 0 });

    // Availability, explain, reports
    r = await call('GET', `/availability?from=${day.from}&to=${day.to}&schedule=room`);
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 4 * 6); // four open weekdays (Friday is excluded), six slots each
    r = await call('GET', `/availability?from=${day.to}&to=${day.from}`);
    assert.deepEqual([r.status, r.body.code, r.body.path], [400, 'invalid_window', 'to']);
    r = await call('GET', `/availability?from=${day.from}&to=${day.to}&seats=x`);
    assert.deepEqual([r.status, r.body.path], [400, 'seats']);
    r = await call('GET', `/availability?from=${day.from}&to=${day.to}&schedule=nobody`);
    assert.deepEqual([r.status, r.body.code], [404, 'unknown_schedule']);
    r = await call('GET', `/explain?schedule=room&at=${slot.start}`);
    assert.deepEqual([r.status, r.body.bookable], [200, true]);
    r = await call('GET', `/explain?schedule=nobody&at=${slot.start}`);
    assert.equal(r.status, 404);

    // Bookings: 201, then refusals with the engine's reasons
    r = await call('POST', '/appointments', { id: 'a1', schedule: 'room', ...slot });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, { id: 'a1', schedule: 'room', ...slot, seats: 1, status: 'booked' });
    r = await call('POST', '/appointments', { id: 'a2', schedule: 'room', ...slot, seats: 2 });
    assert.equal(r.status, 409);
    assert.equal(r.body.reasons[0].code, 'full');
    r = await call('POST', '/appointments', { id: 'a3', schedule: 'room', start: '2055-03-02T14:00:00Z', end: '2055-03-02T14:30:00Z' });
    assert.deepEqual([r.status, r.body.reasons[0].code], [409, 'outside_availability']);
    r = await call('POST', '/appointments', { id: 'a4', schedule: 'room', start: '2055-03-05T09:00:00Z', end: '2055-03-05T09:30:00Z' });
    assert.deepEqual([r.status, r.body.reasons[0].code], [409, 'excluded']);
    r = await call('POST', '/appointments', { id: 'a1', schedule: 'room', start: '2055-03-03T09:00:00Z', end: '2055-03-03T09:30:00Z' });
    assert.deepEqual([r.status, r.body.code], [409, 'duplicate_id']);
    r = await call('POST', '/appointments', { id: 'a5', schedule: 'room', start: 'tomorrow', end: slot.end });
    assert.deepEqual([r.status, r.body.code, r.body.path], [400, 'invalid_input', 'start']);
    r = await call('POST', '/appointments', { id: 'a6', schedule: 'nobody', ...slot });
    assert.equal(r.status, 404);
    r = await call('GET', `/availability?from=${day.from}&to=${day.to}&schedule=room&seats=2`);
    assert.equal(r.body.length, 4 * 6 - 1);

    // Status changes
    r = await call('PATCH', '/appointments/a1', { status: 'no_show' });
    assert.deepEqual([r.status, r.body.status], [200, 'no_show']);
    r = await call('PATCH', '/appointments/a1', { status: 'gone' });
    assert.deepEqual([r.status, r.body.path], [400, 'status']);
    r = await call('PATCH', '/appointments/nobody', { status: 'attended' });
    assert.equal(r.status, 404);
    r = await call('PATCH', '/appointments/a1', { status: 'cancelled' });
    assert.deepEqual([r.status, r.body.status], [200, 'cancelled']);
    r = await call('PATCH', '/appointments/a1', { status: 'attended' });
    assert.deepEqual([r.status, r.body.code], [409, 'cancelled']);
    r = await call('PATCH', '/appointments/a1', { status: 'booked' });
    assert.deepEqual([r.status, r.body.path], [400, 'status']);
    r = await call('GET', `/availability?from=${day.from}&to=${day.to}&schedule=room&seats=2`);
    assert.equal(r.body.length, 4 * 6);
    r = await call('GET', `/reports?from=${day.from}&to=${day.to}&bucket=week`);
    assert.equal(r.status, 200);
    assert.equal(r.body[0].appointments.cancelled, 1);
    r = await call('GET', `/reports?from=${day.from}&to=${day.to}&bucket=year`);
    assert.deepEqual([r.status, r.body.path], [400, 'bucket']);

    // The OpenAPI document, then removal
    r = await call('GET', '/docs');
    assert.ok(r.body.openapi && r.body.paths['/appointments'] && r.body.paths['/availability']);
    r = await call('DELETE', '/schedules/room');
    assert.equal(r.status, 204);
    r = await call('DELETE', '/schedules/room');
    assert.equal(r.status, 404);
  } finally {
    await service.close();
  }
});

test('a restart answers availability identically', async () => {
  await resetDatabase();
  let service = await startService();
  const inject = (s, method, url, payload) => s.app.inject({ method, url, payload });
  await inject(service, 'PUT', '/schedules/a', clinicSchedule(2));
  await inject(service, 'PUT', '/schedules/b', { ...clinicSchedule(1), timezone: 'America/New_York' });
  for (const [i, start] of ['2055-03-02T09:00:00Z', '2055-03-02T09:30:00Z', '2055-03-03T10:00:00Z'].entries()) {
    const end = new Date(Date.parse(start) + 1_800_000).toISOString().replace('.000Z', 'Z');
    const r = await inject(service, 'POST', '/appointments', { id: `x${i}`, schedule: 'a', start, end });
    assert.equal(r.statusCode, 201);
  }
  await inject(service, 'PATCH', '/appointments/x1', { status: 'cancelled' });
  const url = `/availability?from=${day.from}&to=${day.to}&seats=0`;
  const before = (await inject(service, 'GET', url)).body;
  assert.ok(JSON.parse(before).some((s) => s.booked > 0));
  await service.close();
  service = await startService();
  try {
    assert.equal((await inject(service, 'GET', url)).body, before);
  } finally {
    await service.close();
  }
});
