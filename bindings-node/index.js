'use strict';
// slotwise for Node.js: the native addon (built by build.sh) and the error class it
// throws. The API and types are the same as the WASM package's (see index.d.ts).

const native = require('./slotwise.node');

/** An input the engine refused: `code` is stable, `path` names the field. */
class SlotwiseError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'SlotwiseError';
    this.code = code;
    this.path = path;
  }
}

native._registerErrorClass(SlotwiseError);

exports.SlotwiseError = SlotwiseError;
exports.Engine = native.Engine;
exports.expand = native.expand;
exports.version = native.version;
exports.tzdataVersion = native.tzdataVersion;
