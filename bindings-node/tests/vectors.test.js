'use strict';
// Every file of tests/vectors through this package, compared exactly with the
// expected answers the Rust runners check.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, expand, SlotwiseError } = require('..');
const { vectors, read } = require('./vector-files');
const { load, answer } = require('./documents');

/** Assert `f()` gives `expected`, or throws the SlotwiseError `expectedError`. */
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

test('every expand vector', () => {
  let n = 0;
  for (const { name, vector: cases } of vectors('expand')) {
    cases.forEach((c, i) => {
      n += 1;
      check(() => expand(c.ical, c.from, c.to, c.limit), c.expected, c.expected_error, `${name}[${i}] ${c.description}`);
    });
  }
  assert.ok(n > 100, `only ${n} expand vectors found`);
});

for (const kind of ['availability', 'reconcile', 'report']) {
  test(`every ${kind} vector`, () => {
    const files = vectors(kind);
    assert.ok(files.length >= 3, `vectors missing for ${kind}`);
    for (const { name, vector } of files) {
      check(() => answer(Engine, kind, vector.input), vector.expected, vector.expected_error, `${kind}/${name}`);
    }
  });
}

test('the snapshot vector opens and answers as the clinic built from JSON', () => {
  const clinic = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '../../examples/data/clinic.json'), 'utf8'));
  const opened = Engine.fromSnapshot(read('snapshot/clinic-v1.bin'));
  const built = load(Engine, clinic);
  const query = { ...clinic.query, seats: 0 };
  const slots = opened.availability(query);
  assert.ok(slots.length > 0);
  assert.deepEqual(slots, built.availability(query));
  assert.deepEqual(JSON.parse(opened.toJSON()), JSON.parse(built.toJSON()));
});
