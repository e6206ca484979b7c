'use strict';
// The shared vectors of tests/vectors/<kind>/*.json, read as the Rust runners read
// them: expand files hold arrays of cases; the others one document each with an
// `input` and an `expected` answer or an `expected_error` {code, path}.

const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', 'tests', 'vectors');

/** Every `*.json` of tests/vectors/<kind>, sorted by name: [{name, vector}]. */
function vectors(kind) {
  const dir = path.join(root, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, vector: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) }));
}

/** A file of tests/vectors as bytes or, with an encoding, text. */
function read(relative, encoding) {
  return fs.readFileSync(path.join(root, relative), encoding);
}

module.exports = { root, vectors, read };
