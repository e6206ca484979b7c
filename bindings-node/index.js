'use strict';
// slotwise for Node.js: the native addon (built by build.sh), the error class it
// throws, and the few methods written in JavaScript. The API and types are the same
// as the WASM package's (slotwise.d.ts); index.d.ts adds the async forms.

const native = require('./slotwise.node');
const { textsOf, slotsFromColumns } = require('./answers');

/** Every error of the engine: `code` is stable, `path` names the field at fault. */
class SlotwiseError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'SlotwiseError';
    this.code = code;
    this.path = path;
  }
}

native._register(SlotwiseError, slotsFromColumns);

const { Engine } = native;

/** The slots a query selects, `pageSize` (default 10,000) at a time. */
Engine.prototype.availabilityPages = function availabilityPages(query, pageSize = 10_000) {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 0xffffffff) {
    throw new SlotwiseError('invalid_input', 'pageSize', 'pageSize: must be a whole number >= 1');
  }
  return readPages(this._availabilityPages(query), pageSize);
};

function* readPages(pages, pageSize) {
  for (;;) {
    const page = pages.next(pageSize);
    if (page.length === 0) return;
    yield page;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Engine.prototype[Symbol.dispose] = Engine.prototype.free;
}

exports.SlotwiseError = SlotwiseError;
exports.Engine = Engine;
/** The instants of iCalendar text in `[from, to)`, as RFC 3339 UTC strings. */
exports.expand = function expand(ical, from, to, limit) {
  return textsOf(native._expandText(ical, from, to, limit));
};
/** Like `expand`, as epoch milliseconds in a Float64Array. */
exports.expandEpochMs = native.expandEpochMs;
exports.version = native.version;
exports.tzdataVersion = native.tzdataVersion;
