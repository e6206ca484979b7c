'use strict';
// Every file of tests/vectors through this package, compared exactly with the
// expected answers the Rust runners check.

const test = require('node:test');
const assert = require('node:assert/strict');
const pkg = require('..');

const { Engine, SlotwiseError } = pkg;
const { vectors, read } = require('./vector-files');
const { load, answer } = require('./documents');
const { clinic } = require('./fixtures');

/** Assert `f()` gives `expected`, or throws the SlotwiseError `expectedError`
 * (its path compared when the vector gives one). */
function check(f, expected, expectedError, label) {
  if (expectedError) {
    assert.throws(f, (e) => {
      assert.ok(e instanceof SlotwiseError, `${label}: not a SlotwiseError: ${e}`);
      assert.equal(e.code, expectedError.code, `${label}: ${e.message}`);
      if ('path' in expectedError) assert.equal(e.path, expectedError.path, `${label}: ${e.message}`);
      return true;
    });
  } else {
    assert.deepEqual(f(), expected, label);
  }
}

const minimum = { expand: 100, availability: 20, reconcile: 3, report: 3, combined: 3 };

for (const kind of Object.keys(minimum)) {
  test(`every ${kind} vector`, () => {
    const cases = vectors(kind);
    assert.ok(cases.length >= minimum[kind], `only ${cases.length} ${kind} vectors found`);
    for (const { label, case: c } of cases) check(() => answer(pkg, kind, c.input), c.expected, c.error, label);
  });
}

for (const file of ['clinic-v1.bin', 'clinic-v2.bin']) {
  test(`the snapshot vector ${file} opens and answers as the clinic built from JSON`, () => {
    const opened = Engine.fromSnapshot(read(`snapshot/${file}`));
    const built = load(Engine, clinic);
    const query = { ...clinic.query, seats: 0 };
    const slots = opened.availability(query);
    assert.ok(slots.length > 0);
    assert.deepEqual(slots, built.availability(query));
    assert.deepEqual(JSON.parse(opened.toJSON()), JSON.parse(built.toJSON()));
    // A write to an opened snapshot works as on a built engine.
    const [a] = clinic.appointments;
    opened.removeAppointment(a.id);
    built.removeAppointment(a.id);
    assert.deepEqual(opened.availability(query), built.availability(query));
  });
}
