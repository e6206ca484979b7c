// Big answers from their columns: the module hands instants and slots over as typed
// arrays (one copy each); the strings and slot objects are made here, where the JS
// engine makes them fast. The shapes are the engine's JSON forms.

const DAY = 86_400;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
// The date part of the last day formatted: answers come in order, many on one day.
let lastDay = NaN;
let lastDate = "";

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01), proleptic Gregorian. */
function dateText(days) {
  // H. Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${TWO[m]}-${TWO[d]}T`;
}

/** Epoch milliseconds (whole seconds, years 0001-9999) as RFC 3339 UTC text. */
function instantText(ms) {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / DAY);
  if (day !== lastDay) {
    lastDay = day;
    lastDate = dateText(day);
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

// Texts of 20 ASCII bytes each (`YYYY-MM-DDTHH:MM:SSZ`), decoded this many at a
// time: each chunk's string (40 KB) stays out of V8's large-object space, and the
// strings cut from it are slices of it.
const WIDTH = 20;
const CHUNK = 2048;
const decoder = new TextDecoder();

/** The RFC 3339 strings of a byte array of 20-byte instant texts, back to back. */
export function fixedTexts(bytes) {
  const n = bytes.length / WIDTH;
  const out = new Array(n);
  for (let first = 0; first < n; first += CHUNK) {
    const count = Math.min(CHUNK, n - first);
    const chunk = decoder.decode(bytes.subarray(first * WIDTH, (first + count) * WIDTH));
    for (let i = 0; i < count; i++) out[first + i] = chunk.substring(i * WIDTH, i * WIDTH + WIDTH);
  }
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
