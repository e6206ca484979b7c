'use strict';
// The shared vectors of tests/vectors (format: tests/vectors/README.md): every
// `<kind>/*.json` is an array of cases `{kind, description, input, expected}` or
// `{kind, description, input, error: {code, path?}}`.

const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', 'tests', 'vectors');

/** Every case of tests/vectors/<kind>, files sorted by name: [{label, case}]. */
function vectors(kind) {
  const dir = path.join(root, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const cases = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      if (!Array.isArray(cases)) throw new Error(`${kind}/${name}: not an array of cases`);
      return cases.map((c, i) => {
        if (c.kind !== kind || !('input' in c) || ('expected' in c) === ('error' in c)) {
          throw new Error(`${kind}/${name}[${i}]: not a ${kind} case`);
        }
        return { label: `${kind}/${name}[${i}] ${c.description}`, case: c };
      });
    });
}

/** A file of tests/vectors as bytes or, with an encoding, text. */
function read(relative, encoding) {
  return fs.readFileSync(path.join(root, relative), encoding);
}

module.exports = { root, vectors, read };
