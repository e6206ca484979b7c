'use strict';
// Big answers from their columns. The addon hands instants and slots over as typed
// arrays (each vector moved, not copied, into its array); the strings and slot
// objects are made here, where the JavaScript engine makes them many times faster
// than napi property calls. The shapes are the engine's JSON forms: instants as
// RFC 3339 UTC text with whole seconds, slot keys `{schedule}@{start}`.

const DAY = 86_400;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// The date part of the last day written: answers come in order, many on one day.
let lastDay = NaN;
let lastDate = '';

/** Epoch milliseconds (whole seconds, years 0001-9999) as `2026-03-02T12:00:00Z`. */
function instantText(ms) {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / DAY);
  if (day !== lastDay) {
    lastDay = day;
    lastDate = new Date(day * DAY * 1000).toISOString().slice(0, 11);
  }
  let rest = seconds - day * DAY;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  return `${lastDate}${TWO[h]}:${TWO[m]}:${TWO[rest - m * 60]}Z`;
}

/** A Float64Array of epoch milliseconds as RFC 3339 UTC strings. */
function instantsText(ms) {
  const out = new Array(ms.length);
  for (let i = 0; i < ms.length; i += 1) out[i] = instantText(ms[i]);
  return out;
}

/** The slots of a columnar answer, in its order. */
function slotsFromColumns(c) {
  const { ids, schedule, start, end, capacity, booked, remaining } = c;
  const n = c.length;
  // Slots of many schedules share their instants: one string each.
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

module.exports = { instantsText, slotsFromColumns };
