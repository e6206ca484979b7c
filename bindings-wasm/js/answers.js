// Big answers from their columns: the module hands instants and slots over as typed
// arrays (one copy each); the strings and slot objects are made here, where the JS
// engine makes them fast. The shapes are the engine's JSON forms.

const DAY = 86_400;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
// The date part of the last day formatted: answers come in order, many on one day.
let lastDay = NaN;
let lastDate = "";

/** Epoch milliseconds (whole seconds, years 0001-9999) as RFC 3339 UTC text. */
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
export function instantsText(ms) {
  const out = new Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = instantText(ms[i]);
  return out;
}

/** Slot objects `{key, schedule, start, end, capacity, booked, remaining}` of columns. */
export function slotsOf(c) {
  const out = new Array(c.length);
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
  for (let i = 0; i < c.length; i++) {
    const schedule = c.ids[c.schedule[i]];
    const start = text(c.start[i]);
    out[i] = {
      key: `${schedule}@${start}`,
      schedule,
      start,
      end: text(c.end[i]),
      capacity: c.capacity[i],
      booked: c.booked[i],
      remaining: c.remaining[i],
    };
  }
  return out;
}
