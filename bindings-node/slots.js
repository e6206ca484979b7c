'use strict';
// Slot objects from the engine's columnar answer. The addon hands availability
// answers over as columns (typed arrays) and this builds the objects: creating them
// in JavaScript is many times faster than setting each property through napi.
// Instants are written once per distinct value (RFC 3339 UTC, whole seconds) and the
// key is the engine's `{schedule}@{start}`.

/** RFC 3339 UTC text of epoch milliseconds (whole seconds): `2026-03-02T12:00:00Z`. */
function instantText(ms) {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The slots of a columnar answer, in its order. */
function slotsFromColumns(c) {
  const { ids, schedule, start, end, capacity, booked, remaining } = c;
  const n = c.length;
  const texts = new Map();
  const text = (ms) => {
    let t = texts.get(ms);
    if (t === undefined) {
      t = instantText(ms);
      texts.set(ms, t);
    }
    return t;
  };
  const out = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const id = ids[schedule[i]];
    const s = text(start[i]);
    out[i] = {
      key: `${id}@${s}`,
      schedule: id,
      start: s,
      end: text(end[i]),
      capacity: capacity[i],
      booked: booked[i],
      remaining: remaining[i],
    };
  }
  return out;
}

module.exports = { slotsFromColumns };
