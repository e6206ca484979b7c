'use strict';
// Combined queries, booking limits and `first` through the native package: the cases
// every JavaScript package shares (bindings-wasm/tests/shared/combined.cjs, next to
// the shared declarations), then the async form only this package has.

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Engine, SlotwiseError } = require('..');
const { combinedTests } = require('../../bindings-wasm/tests/shared/combined.cjs');

const { panel, march10 } = combinedTests({ Engine, SlotwiseError });

test('combinedAsync resolves to what combined answers and rejects as it throws', async () => {
  const engine = panel();
  const query = { ...march10, combine: { mode: 'k_of_n', k: 2, schedules: ['a', 'b', 'c'], duration: 'PT1H' } };
  const pending = engine.combinedAsync(query);
  assert.ok(pending instanceof Promise);
  assert.deepStrictEqual(await pending, engine.combined(query));
  await assert.rejects(engine.combinedAsync({ ...query, combine: { ...query.combine, k: 4 } }), (e) =>
    e instanceof SlotwiseError && e.code === 'invalid_input' && e.path === 'combine.k');
  engine.free();
});
