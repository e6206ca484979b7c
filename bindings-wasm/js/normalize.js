// Host values to the engine's text forms: a Date or epoch milliseconds becomes
// RFC 3339 text, milliseconds of a duration become ISO 8601 text, and input objects
// cross into the module as JSON text. Everything else passes as it is; the engine
// checks it and names the field when it is wrong.

import { invalidInput } from "./errors.js";

// Fields that hold an instant or a duration in the engine's input shapes.
const INSTANT_FIELDS = new Set(["start", "end", "from", "to", "now"]);
const DURATION_FIELDS = new Set([
  "duration",
  "step",
  "buffer_before",
  "buffer_after",
  "min_notice",
  "max_advance",
]);

/** Epoch milliseconds as RFC 3339 UTC text (whole seconds; a fraction is dropped). */
function millisText(ms, path) {
  if (!Number.isFinite(ms)) {
    throw invalidInput(path, `${ms} is not an instant`);
  }
  const seconds = Math.floor(ms / 1000);
  let text;
  try {
    text = new Date(seconds * 1000).toISOString();
  } catch {
    throw invalidInput(path, `${ms} ms is outside the years 0001 to 9999`);
  }
  return text.replace(".000Z", "Z");
}

/** An instant argument (`Date`, epoch ms or RFC 3339 text) as RFC 3339 text. */
export function instantText(value, path) {
  if (typeof value === "string") return value;
  if (typeof value === "number") return millisText(value, path);
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidInput(path, "is an invalid Date");
    return millisText(ms, path);
  }
  throw invalidInput(path, "must be a Date, epoch milliseconds or an RFC 3339 string");
}

/** A duration (ISO 8601 text, or milliseconds of whole seconds) as ISO 8601 text. */
export function durationText(value, path) {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value) || value % 1000 !== 0) {
    throw invalidInput(path, `${value} ms is not a whole number of seconds`);
  }
  return `${value < 0 ? "-" : ""}PT${Math.abs(value) / 1000}S`;
}

function join(path, key) {
  return path ? `${path}.${key}` : key;
}

/**
 * A copy of an input object with Dates and milliseconds in their text forms. The
 * caller's object is never changed.
 */
export function normalize(value, path = "") {
  if (value instanceof Date) return instantText(value, path);
  if (Array.isArray(value)) {
    return value.map((item, i) => normalize(item, `${path}[${i}]`));
  }
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) {
    return value;
  }
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const at = join(path, key);
    if (typeof item === "number" && INSTANT_FIELDS.has(key)) {
      out[key] = millisText(item, at);
    } else if (typeof item === "number" && DURATION_FIELDS.has(key)) {
      out[key] = durationText(item, at);
    } else {
      out[key] = normalize(item, at);
    }
  }
  return out;
}

/**
 * The JSON text of an input object, Dates and milliseconds in their text forms:
 * what the module reads (with the engine's own JSON reader).
 */
export function json(value, path = "") {
  const plain = normalize(value, path);
  try {
    return JSON.stringify(plain ?? null);
  } catch (e) {
    throw invalidInput(path, `cannot be read as JSON (${e.message})`);
  }
}

/** A string argument, or invalid_input naming it. */
export function text(value, path) {
  if (typeof value !== "string") throw invalidInput(path, "must be a string");
  return value;
}
