'use strict';
// The native package and the WASM package are interchangeable: both export every
// name of the shared declarations (slotwise.d.ts), and give the same answers and
// the same errors (code, path, message) for the same calls. The comparison with the
// WASM package runs when it is built (bindings-wasm/build.sh, into
// bindings-wasm/pkg, or SLOTWISE_WASM_PKG=DIR) and is skipped otherwise. Answers,
// error classes, codes and paths must be identical.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { pathToFileURL } = require('node:url');
const native = require('..');
const { clinic } = require('./fixtures');
const { vectors } = require('./vector-files');
const { answer } = require('./documents');

const shared = fs.readFileSync(path.join(__dirname, '..', 'slotwise.d.ts'), 'utf8');
const wasmDir = process.env.SLOTWISE_WASM_PKG || path.join(__dirname, '..', '..', 'bindings-wasm', 'pkg');
const wasmEntry = path.join(wasmDir, 'node.js');
const skip = fs.existsSync(wasmEntry)
  ? false
  : `the WASM package is not built (no ${wasmEntry}); run bindings-wasm/build.sh to compare with it`;

/** The names the shared declarations export, and Engine's methods and statics. */
function declared() {
  const top = [...shared.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]);
  const body = shared.slice(shared.indexOf('export declare class Engine'));
  const block = body.slice(0, body.indexOf('\n}'));
  const methods = [...block.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]).filter((n) => n !== 'constructor');
  const statics = [...block.matchAll(/^ {2}static (\w+)\(/gm)].map((m) => m[1]);
  return { top, methods, statics };
}

test('the native package exports every name of the shared declarations', () => {
  const { top, methods, statics } = declared();
  assert.ok(top.includes('Engine') && top.includes('expand') && top.includes('SlotwiseError'), top.join());
  assert.ok(methods.length >= 15 && statics.length === 2, `${methods} / ${statics}`);
  for (const name of top) assert.equal(typeof native[name], 'function', name);
  for (const name of methods) assert.equal(typeof native.Engine.prototype[name], 'function', `Engine.${name}`);
  for (const name of statics) assert.equal(typeof native.Engine[name], 'function', `Engine.${name}`);
});

test('the shared declarations are the WASM package\'s own', { skip: !fs.existsSync(path.join(__dirname, '..', '..', 'bindings-wasm', 'types', 'slotwise.d.ts')) && 'bindings-wasm/types is not in this tree' }, () => {
  const theirs = fs.readFileSync(path.join(__dirname, '..', '..', 'bindings-wasm', 'types', 'slotwise.d.ts'), 'utf8');
  assert.equal(shared, theirs, 'bindings-node/slotwise.d.ts differs: run bindings-node/build.sh to copy it');
});

test('the WASM package exports the same shared names', { skip }, async () => {
  const wasm = await import(pathToFileURL(wasmEntry).href);
  const { top, methods, statics } = declared();
  for (const name of top) assert.equal(typeof wasm[name], 'function', `wasm ${name}`);
  for (const name of methods) assert.equal(typeof wasm.Engine.prototype[name], 'function', `wasm Engine.${name}`);
  for (const name of statics) assert.equal(typeof wasm.Engine[name], 'function', `wasm Engine.${name}`);
  // Beyond the shared names each package has only what it documents as its own.
  const nativeOnly = Object.keys(native).filter((n) => !(n in wasm));
  assert.deepEqual(nativeOnly, []);
});

/**
 * What a call gives: its answer, or its error's kind, code and path. Messages are
 * for people and only checked to lead with the path (`slot.step: ...`).
 */
function outcome(f) {
  try {
    return { ok: f() };
  } catch (e) {
    assert.ok(typeof e.message === 'string' && e.message.length > 0, String(e));
    if (e.path) assert.ok(e.message.includes(`${e.path.replace(/^.*?(\w+(\[\d+\])?)$/, '$1')}: `), e.message);
    return { error: e.name, code: e.code, path: e.path };
  }
}

test('both packages answer every vector the same and refuse bad input the same way', { skip }, async () => {
  const wasm = await import(pathToFileURL(wasmEntry).href);
  const differ = [];
  const same = (label, f) => {
    const a = outcome(() => f(native));
    const b = outcome(() => f(wasm));
    if (!util.isDeepStrictEqual(a, b)) {
      differ.push(`${label}\n  native: ${JSON.stringify(a).slice(0, 300)}\n  wasm:   ${JSON.stringify(b).slice(0, 300)}`);
    }
  };
  for (const kind of ['expand', 'availability', 'reconcile', 'report', 'combined']) {
    for (const { label, case: c } of vectors(kind)) same(label, (p) => answer(p, kind, c.input));
  }
  const [s] = clinic.schedules;
  const apt = { id: 'x', schedule: s.id, start: '2026-03-02T12:00:00Z', end: '2026-03-02T12:30:00Z' };
  const week = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };
  const calls = {
    'expand bad limit': (p) => p.expand('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 0, Date.UTC(2026, 1), -1),
    'expand limit not a number': (p) => p.expand('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 0, Date.UTC(2026, 1), '3'),
    'expand ical not a string': (p) => p.expand(null, 0, 1),
    'expand bad Date': (p) => p.expand('DTSTART:20260101T000000Z', new Date('x'), 1),
    'expand NaN ms': (p) => p.expand('DTSTART:20260101T000000Z', NaN, 1),
    'expand object instant': (p) => p.expand('DTSTART:20260101T000000Z', {}, 1),
    'expandEpochMs': (p) => Array.from(p.expandEpochMs('DTSTART;TZID=America/New_York:20260301T013000\nRRULE:FREQ=HOURLY;COUNT=50', 0, Date.UTC(2027, 0))),
    'expandEpochMs bad rule': (p) => p.expandEpochMs('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;BYHOUR=25', 0, 1),
    'expand ms window': (p) => p.expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;COUNT=3', 0, Date.UTC(2027, 0)),
    'schedule bad step': (p) => new p.Engine().addSchedule({ ...s, slot: { ...s.slot, step: 'soon' } }),
    'schedule ms step not whole seconds': (p) => new p.Engine().addSchedule({ ...s, slot: { ...s.slot, step: 1500 } }),
    'schedule unknown field': (p) => new p.Engine().addSchedule({ ...s, colour: 'red' }),
    'schedule not an object': (p) => new p.Engine().addSchedule('x'),
    'schedule id a function': (p) => new p.Engine().addSchedule({ ...s, id: () => 'x' }),
    'schedule NaN capacity': (p) => new p.Engine().addSchedule({ ...s, slot: { ...s.slot, capacity: NaN } }),
    'schedule undefined member': (p) => { const e = new p.Engine(); e.addSchedule({ ...s, exclusions: undefined }); return e.availability(week); },
    'exclusion list with a hole': (p) => new p.Engine().addSchedule({ ...s, exclusions: [undefined] }),
    'schedule bad zone': (p) => new p.Engine().addSchedule({ ...s, timezone: 'Nowhere/Land' }),
    'remove unknown': (p) => new p.Engine().removeSchedule('x'),
    'remove id not a string': (p) => new p.Engine().removeSchedule(3),
    'appointment unknown schedule': (p) => new p.Engine().addAppointment(apt),
    'appointment bad Date': (p) => { const e = new p.Engine(); e.addSchedule(s); e.addAppointment({ ...apt, start: new Date(NaN) }); },
    'query reversed': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availability({ from: week.to, to: week.from }); },
    'query ms and Dates': (p) => { const e = new p.Engine(); e.addSchedule(s); e.addAppointment({ ...apt, start: new Date(apt.start) }); return e.availability({ from: Date.parse(week.from), to: new Date(week.to), now: Date.parse(apt.start), min_notice: 3_600_000, seats: 0 }); },
    'query unknown schedule': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availability({ ...week, schedules: ['x'] }); },
    'columns': (p) => { const e = new p.Engine(); e.addSchedule(s); const c = e.availabilityColumns(week); return { ...c, schedule: [...c.schedule], start: [...c.start], end: [...c.end], capacity: [...c.capacity], booked: [...c.booked], remaining: [...c.remaining] }; },
    'pages': (p) => { const e = new p.Engine(); e.addSchedule(s); return [...e.availabilityPages(week, 5)]; },
    'pages bad size': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availabilityPages(week, 0); },
    'check booking with rules': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.checkBooking(apt, { now: Date.parse(apt.start), min_notice: 'PT1H' }); },
    'check booking bad rules': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.checkBooking(apt, { min_notice: 'soon' }); },
    'explain': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.explain(s.id, new Date(apt.start)); },
    'explain bad instant': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.explain(s.id, 'noon'); },
    'reconcile bad existing': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.reconcile(week.from, week.to, [{ key: 'k', schedule: s.id, start: 'noon', end: apt.end, capacity: 1 }]); },
    'report bad bucket': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.report(week.from, week.to, 'year'); },
    'snapshot garbage': (p) => p.Engine.fromSnapshot(new Uint8Array([1, 2, 3])),
    'snapshot not bytes': (p) => p.Engine.fromSnapshot('x'),
    'snapshot as an ArrayBuffer': (p) => p.Engine.fromSnapshot(new ArrayBuffer(8)),
    'snapshot as an Int8Array': (p) => p.Engine.fromSnapshot(new Int8Array(8)),
    'snapshot round trip': (p) => { const e = new p.Engine(); e.addSchedule(s); return p.Engine.fromSnapshot(e.toSnapshot()).availability(week); },
    'JSON garbage': (p) => p.Engine.fromJSON('{'),
    'freed engine': (p) => { const e = new p.Engine(); e.free(); return e.availability(week); },
    'combined pool': (p) => { const e = new p.Engine(); for (const x of clinic.schedules) e.addSchedule(x); return e.combined({ ...week, combine: { mode: 'any', schedules: clinic.schedules.map((x) => x.id) } }); },
    'combined team, first': (p) => { const e = new p.Engine(); for (const x of clinic.schedules) e.addSchedule(x); return e.combined({ from: week.from, first: 3, combine: { mode: 'k_of_n', k: 1, schedules: clinic.schedules.map((x) => x.id), duration: 1_800_000 } }); },
    'combined unknown id': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.combined({ ...week, combine: { mode: 'any', schedules: [s.id, 'x'] } }); },
    'combined bad duration': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.combined({ ...week, combine: { mode: 'all', schedules: [s.id, 'x'], duration: 'soon' } }); },
    'combined without combine': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.combined(week); },
    'availability with combine': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availability({ ...week, combine: { mode: 'any', schedules: [s.id, 'x'] } }); },
    'first without to': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availability({ from: week.from, first: 4 }); },
    'first zero': (p) => { const e = new p.Engine(); e.addSchedule(s); return e.availability({ ...week, first: 0 }); },
    'bad limit period': (p) => new p.Engine().addSchedule({ ...s, limits: [{ period: 'year', max_appointments: 1 }] }),
  };
  for (const [label, call] of Object.entries(calls)) same(label, call);
  assert.equal(differ.length, 0, `the packages differ:\n${differ.join('\n')}`);
});
