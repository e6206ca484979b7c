'use strict';
// Bad input gives a SlotwiseError with the engine's code and the field's path, at
// every entry point, and changes nothing; a panic is an Error, never a crash.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, expand, SlotwiseError } = require('..');
const native = require('../slotwise.node');
const { clinic } = require('./fixtures');
const { load } = require('./documents');

/** Assert `f` throws a SlotwiseError with `code` and `path`. */
function refuses(f, code, path) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof SlotwiseError, `not a SlotwiseError: ${e && e.stack}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path, e.message);
    return true;
  });
}

const schedule = clinic.schedules[0];
const window = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };

test('SlotwiseError is an Error with name, code, path and a message naming the field', () => {
  try {
    new Engine().addSchedule({ ...schedule, slot: { ...schedule.slot, step: '30 minutes' } });
    assert.fail('accepted a bad step');
  } catch (e) {
    assert.ok(e instanceof Error);
    assert.ok(e instanceof SlotwiseError);
    assert.equal(e.name, 'SlotwiseError');
    assert.equal(e.code, 'invalid_input');
    assert.equal(e.path, 'slot.step');
    assert.match(e.message, /^slot\.step: /);
    assert.match(e.stack, /errors\.test\.js/);
  }
});

test('expand: rule, window, limit and argument types', () => {
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;BYMONTHDAY=0', window.from, window.to), 'invalid_rule', '');
  refuses(() => expand('DTSTART;TZID=Mars/Olympus:20260101T090000\nRRULE:FREQ=DAILY', window.from, window.to), 'unknown_timezone', '');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', window.to, window.from), 'invalid_window', '');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', 'yesterday', window.to), 'invalid_input', 'from');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', new Date(NaN), window.to), 'invalid_input', 'from');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', window.from, {}), 'invalid_input', 'to');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', window.from, window.to, -1), 'invalid_input', 'limit');
  refuses(() => expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', window.from, window.to, 1.5), 'invalid_input', 'limit');
  refuses(() => expand(42, window.from, window.to), 'invalid_input', 'ical');
  refuses(
    () => expand('DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'),
    'limit_exceeded',
    '',
  );
});

test('schedules: field paths from the schedule object', () => {
  const engine = new Engine();
  refuses(() => engine.addSchedule({ ...schedule, timezone: 'Mars/Olympus' }), 'unknown_timezone', 'timezone');
  refuses(() => engine.addSchedule({ ...schedule, slot: { ...schedule.slot, capacity: 0 } }), 'invalid_input', 'slot.capacity');
  refuses(() => engine.addSchedule({ ...schedule, slot: { ...schedule.slot, capacity: -1 } }), 'invalid_input', 'slot.capacity');
  refuses(() => engine.addSchedule({ ...schedule, availability: [{ rule: 'RRULE:FREQ=DAILY', end: '12:00' }] }), 'invalid_rule', 'availability[0].rule');
  refuses(() => engine.addSchedule({ ...schedule, colour: 'red' }), 'invalid_input', 'colour');
  refuses(() => engine.addSchedule({ ...schedule, id: undefined }), 'invalid_input', '');
  refuses(() => engine.addSchedule('dr-ana'), 'invalid_input', '');
  refuses(() => engine.addSchedule(null), 'invalid_input', '');
  engine.addSchedule(schedule);
  refuses(() => engine.addSchedule(schedule), 'duplicate_id', 'id');
  refuses(() => engine.replaceSchedule({ ...schedule, id: 'nobody' }), 'unknown_schedule', 'id');
  refuses(() => engine.removeSchedule('nobody'), 'unknown_schedule', 'id');
  refuses(() => engine.removeSchedule(7), 'invalid_input', 'id');
});

test('appointments, queries, bookings, explain, reconcile, report', () => {
  const engine = load(Engine, clinic);
  const apt = { id: 'new', schedule: 'dr-ana', start: '2026-03-02T12:00:00Z', end: '2026-03-02T12:30:00Z' };
  refuses(() => engine.addAppointment({ ...apt, schedule: 'nobody' }), 'unknown_schedule', 'schedule');
  refuses(() => engine.addAppointment({ ...apt, end: apt.start }), 'invalid_input', 'end');
  refuses(() => engine.addAppointment({ ...apt, start: 'noon' }), 'invalid_input', 'start');
  refuses(() => engine.addAppointment({ ...apt, status: 'maybe' }), 'invalid_input', 'status');
  refuses(() => engine.addAppointment({ ...apt, id: clinic.appointments[0].id }), 'duplicate_id', 'id');
  refuses(() => engine.updateAppointment({ ...apt, id: 'nobody' }), 'invalid_input', 'id');
  refuses(() => engine.removeAppointment('nobody'), 'invalid_input', 'id');
  refuses(() => engine.availability({ from: window.to, to: window.from }), 'invalid_window', 'to');
  refuses(() => engine.availability({ ...window, seats: -1 }), 'invalid_input', 'seats');
  refuses(() => engine.availability({ ...window, min_notice: 'soon' }), 'invalid_input', 'min_notice');
  refuses(() => engine.availability({ ...window, schedules: ['nobody'] }), 'unknown_schedule', 'schedules[0]');
  refuses(() => engine.availabilityColumns({ ...window, to: 5n ** 40n }), 'invalid_input', 'to');
  refuses(() => engine.checkBooking({ ...apt, schedule: 'nobody' }), 'unknown_schedule', 'schedule');
  refuses(() => engine.checkBooking(apt, { min_notice: 'soon' }), 'invalid_input', 'rules.min_notice');
  refuses(() => engine.explain('nobody', window.from), 'unknown_schedule', 'schedule');
  refuses(() => engine.explain('dr-ana', 'noon'), 'invalid_input', 'instant');
  const existing = [{ key: 'dr-ana@2026-03-02T12:00:00Z', schedule: 'dr-ana', start: '2026-03-02T12:00:00Z', end: '2026-03-02T12:30:00Z', capacity: 1 }];
  refuses(() => engine.reconcile(window.from, window.to, [existing[0], existing[0]]), 'invalid_input', 'existing[1].key');
  refuses(() => engine.reconcile(window.from, window.to, [{ ...existing[0], start: 'noon' }]), 'invalid_input', 'existing[0].start');
  refuses(() => engine.reconcile(window.from, window.to, 'none'), 'invalid_input', 'existing');
  refuses(() => engine.reconcile(window.to, window.from, []), 'invalid_window', 'to');
  refuses(() => engine.report(window.from, window.to, 'fortnight'), 'invalid_input', 'bucket');
  refuses(() => engine.report(window.from, '2026-13-01T00:00:00Z', 'day'), 'invalid_input', 'to');
});

test('snapshots and JSON: damaged or mistyped input', () => {
  const bytes = load(Engine, clinic).toSnapshot();
  refuses(() => Engine.fromSnapshot(bytes.subarray(0, bytes.length - 7)), 'invalid_snapshot', '');
  refuses(() => Engine.fromSnapshot(new Uint8Array(0)), 'invalid_snapshot', '');
  refuses(() => Engine.fromSnapshot('engine.bin'), 'invalid_input', 'bytes');
  refuses(() => Engine.fromSnapshot(new Float64Array(4)), 'invalid_input', 'bytes');
  refuses(() => Engine.fromSnapshot(new Uint8Array(bytes).buffer), 'invalid_input', 'bytes');
  refuses(() => Engine.fromJSON('{"version": 1, "schedules": [{}]}'), 'invalid_input', 'schedules[0]');
  refuses(() => Engine.fromJSON('not json'), 'invalid_input', '');
  refuses(() => Engine.fromJSON(undefined), 'invalid_input', 'text');
});

test('hostile values: cycles, deep nesting, functions, symbols, bigints and NaN are refused', () => {
  const engine = new Engine();
  const cyclic = { ...schedule };
  cyclic.self = cyclic;
  assert.throws(() => engine.addSchedule(cyclic), SlotwiseError);
  let deep = {};
  for (let i = 0; i < 10000; i += 1) deep = { deep };
  assert.throws(() => engine.addSchedule(deep), SlotwiseError);
  // As JSON.stringify reads them: a member holding a function or a symbol is absent.
  refuses(() => engine.addSchedule({ ...schedule, id: () => 'x' }), 'invalid_input', '');
  refuses(() => engine.addSchedule({ ...schedule, id: Symbol('x') }), 'invalid_input', '');
  refuses(() => engine.addSchedule({ ...schedule, slot: { ...schedule.slot, capacity: 2n } }), 'invalid_input', 'slot.capacity');
  refuses(() => engine.addSchedule({ ...schedule, slot: { ...schedule.slot, capacity: NaN } }), 'invalid_input', 'slot.capacity');
  assert.equal(JSON.parse(engine.toJSON()).schedules.length, 0);
});

test('a refused write changes nothing', () => {
  const engine = load(Engine, clinic);
  const before = engine.toJSON();
  assert.throws(() => engine.addSchedule({ ...schedule, id: 'x', timezone: 'Nowhere' }), SlotwiseError);
  assert.throws(() => engine.replaceSchedule({ ...schedule, slot: { ...schedule.slot, duration: 'PT0M' } }), SlotwiseError);
  assert.throws(() => engine.updateAppointment({ ...clinic.appointments[0], schedule: 'nobody' }), SlotwiseError);
  assert.throws(() => engine.removeAppointment('nobody'), SlotwiseError);
  assert.equal(engine.toJSON(), before);
});

test('a panic inside the addon is an Error, and the process and engines carry on', async () => {
  const engine = load(Engine, clinic);
  const slots = engine.availability(window);
  assert.throws(() => native._panicForTest(), (e) => {
    assert.ok(e instanceof Error);
    assert.ok(!(e instanceof SlotwiseError));
    assert.match(e.message, /internal error/);
    return true;
  });
  await assert.rejects(native._panicAsyncForTest(), /internal error/);
  assert.deepEqual(engine.availability(window), slots);
});
