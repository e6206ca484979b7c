'use strict';
// The async forms answer as the sync ones, off the event loop, from the engine as
// it was when called; bad arguments reject with a SlotwiseError.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, SlotwiseError } = require('..');
const { clinic, schedules } = require('./fixtures');
const { load } = require('./documents');

const window = { from: '2026-03-02T00:00:00Z', to: '2026-04-01T00:00:00Z' };

test('availabilityAsync, availabilityColumnsAsync, reportAsync and reconcileAsync answer as the sync calls', async () => {
  const engine = load(Engine, clinic);
  const query = { ...window, seats: 0 };
  const slots = engine.availability(query);
  assert.ok(slots.length > 100);
  assert.deepEqual(await engine.availabilityAsync(query), slots);
  const columns = await engine.availabilityColumnsAsync(query);
  assert.ok(columns.start instanceof Float64Array);
  assert.deepEqual(columns, engine.availabilityColumns(query));
  for (const bucket of ['day', 'week', 'month']) {
    assert.deepEqual(await engine.reportAsync(window.from, window.to, bucket), engine.report(window.from, window.to, bucket));
  }
  const existing = slots.slice(0, 40).map((s, i) => ({ ...s, capacity: i % 2 ? s.capacity : s.capacity + 1 }));
  const plan = engine.reconcile(window.from, window.to, existing);
  assert.ok(plan.update.length > 0 && plan.create.length > 0);
  assert.deepEqual(await engine.reconcileAsync(window.from, window.to, existing), plan);
});

test('errors reject the Promise with a SlotwiseError', async () => {
  const engine = load(Engine, clinic);
  const refused = (code, path) => (e) => e instanceof SlotwiseError && e.code === code && e.path === path;
  await assert.rejects(engine.availabilityAsync({ from: window.to, to: window.from }), refused('invalid_window', 'to'));
  await assert.rejects(engine.availabilityAsync({ ...window, seats: 'two' }), refused('invalid_input', 'seats'));
  await assert.rejects(engine.availabilityColumnsAsync({ ...window, seats: -1 }), refused('invalid_input', 'seats'));
  await assert.rejects(engine.reportAsync(window.from, window.to, 'year'), refused('invalid_input', 'bucket'));
  await assert.rejects(engine.reconcileAsync('soon', window.to, []), refused('invalid_input', 'from'));
  await assert.rejects(engine.reconcileAsync(window.from, window.to, [{}]), refused('invalid_input', 'existing[0]'));
});

test('an async call sees the engine as it was when called', async () => {
  const engine = load(Engine, clinic);
  const query = { ...window, schedules: ['dr-ana'] };
  const before = engine.availability(query);
  const pending = engine.availabilityAsync(query);
  engine.removeSchedule('dr-ana');
  assert.deepEqual(await pending, before);
  assert.throws(() => engine.availability(query), SlotwiseError);
});

test('timers keep firing while a large availabilityAsync runs', async () => {
  const engine = new Engine();
  for (const s of schedules(1000)) engine.addSchedule(s);
  // 1,000 schedules x 90 days; `seats` above every capacity keeps the answer empty,
  // so the time goes into the walk on the thread pool, not into building objects.
  const query = { from: '2026-03-02T00:00:00Z', to: '2026-05-31T00:00:00Z', seats: 10 };
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 0);
  let settled = false;
  const pending = engine.availabilityAsync(query).finally(() => {
    settled = true;
  });
  // While the query runs, the event loop turns: immediates and timers run.
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    turns += 1;
  }
  clearInterval(timer);
  const slots = await pending;
  assert.deepEqual(slots, []);
  assert.ok(turns > 1 && ticks > 0, `the loop turned ${turns} times and the timer fired ${ticks} times`);
  // The empty answer is the engine's: a schedule with three seats does offer slots.
  const some = await engine.availabilityAsync({ ...query, seats: 3, schedules: ['s00002'] });
  assert.ok(some.length > 0);
});
