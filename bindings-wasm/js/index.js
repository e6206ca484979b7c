// slotwise for browsers and Node: the engine compiled to WebAssembly.
//
// Browsers: `await init()` once (it fetches slotwise_wasm_bg.wasm beside this file),
// or `initSync(bytes)`. Node: import the package (its `node` entry loads the module
// from disk). Every function and method below throws a SlotwiseError for bad input;
// a bug inside the engine (a Rust panic) throws an Error and leaves the module
// working (only an engine whose call panicked is lost).

import rawInit, {
  initSync as rawInitSync,
  RawEngine,
  expandEpochMs as rawExpandEpochMs,
  expandText as rawExpandText,
  version as rawVersion,
  tzdataVersion as rawTzdataVersion,
  takePanicMessage,
  memoryBytes as rawMemoryBytes,
  __panicForTests as rawPanicForTests,
} from "./slotwise_wasm.js";
import { SlotwiseError, invalidInput } from "./errors.js";
import { instantText, json, text } from "./normalize.js";
import { fixedTexts, instantsText, slotsOf } from "./answers.js";

export { SlotwiseError };

let exports = null;

/** Load the WebAssembly module (once; later calls resolve at once). */
export default async function init(input) {
  if (exports) return;
  const wrapped = typeof input === "object" && input !== null && "module_or_path" in input;
  const arg = input === undefined || wrapped ? input : { module_or_path: input };
  exports = await rawInit(arg);
}
export { init };

/** Load the WebAssembly module from bytes or a compiled module, synchronously. */
export function initSync(input) {
  if (exports) return;
  const wrapped = typeof input === "object" && input !== null && "module" in input &&
    !(input instanceof WebAssembly.Module);
  const arg = wrapped ? input : { module: input };
  exports = rawInitSync(arg);
}

function ready() {
  if (!exports) {
    throw new Error("slotwise: the WebAssembly module is not loaded; call `await init()` first");
  }
}

// The shadow stack pointer (a global build.sh exports): read before each call and
// put back after a trap, which leaves the frames of the aborted call behind.
function stackPointer() {
  return exports.__stack_pointer?.value;
}

function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError ||
    (e instanceof RangeError && /call stack/i.test(e.message));
}

/**
 * Run `f` (a call into the module). Engine errors become SlotwiseError; a trap (a
 * Rust panic) resets the stack the call left behind, calls `lost` and becomes an
 * Error carrying the panic's message.
 */
function call(f, lost) {
  ready();
  const sp = stackPointer();
  try {
    return f();
  } catch (e) {
    if (e instanceof SlotwiseError) throw e;
    if (e && e.name === "SlotwiseError" && typeof e.code === "string") {
      throw new SlotwiseError(e.code, e.path ?? "", e.message);
    }
    if (!isTrap(e)) throw e;
    if (sp !== undefined) exports.__stack_pointer.value = sp;
    let detail;
    try {
      detail = takePanicMessage();
    } catch {
      detail = undefined;
    }
    if (lost) lost();
    throw new Error(`slotwise: internal error (a bug): ${detail ?? e.message}`, { cause: e });
  }
}

/** The instants of iCalendar text starting in `[from, to)`, as RFC 3339 strings. */
export function expand(ical, from, to, limit) {
  const args = expandArgs(ical, from, to, limit);
  const bytes = call(() => rawExpandText(...args));
  return bytes ? fixedTexts(bytes) : instantsText(call(() => rawExpandEpochMs(...args)));
}

/** Like `expand`, as epoch milliseconds in a Float64Array (faster for many instants). */
export function expandEpochMs(ical, from, to, limit) {
  const args = expandArgs(ical, from, to, limit);
  return call(() => rawExpandEpochMs(...args));
}

function expandArgs(ical, from, to, limit) {
  if (limit !== undefined && limit !== null && typeof limit !== "number") {
    throw invalidInput("limit", "must be a number");
  }
  return [text(ical, "ical"), instantText(from, "from"), instantText(to, "to"), limit ?? undefined];
}

export function version() {
  return call(() => rawVersion());
}

export function tzdataVersion() {
  return call(() => rawTzdataVersion());
}

/** The WebAssembly memory's size in bytes (it grows, never shrinks). */
export function memoryBytes() {
  return call(() => rawMemoryBytes());
}

/** Panic inside the module, to test recovery. Not part of the API. */
export function __panicForTests() {
  return call(() => rawPanicForTests());
}

const WRAP = Symbol("wrap");

/** Schedules and appointments, and the questions asked of them. */
export class Engine {
  #raw;
  #state = "live";

  constructor(token, raw) {
    this.#raw = token === WRAP ? raw : call(() => new RawEngine());
  }

  #call(f) {
    if (this.#state !== "live") {
      throw new Error(
        this.#state === "freed"
          ? "slotwise: this Engine was freed"
          : "slotwise: this Engine was lost to an internal error; build a new one",
      );
    }
    return call(() => f(this.#raw), () => {
      // Its memory may be half-changed: never touch it again (not even to free it).
      this.#state = "lost";
      this.#raw.__destroy_into_raw?.();
      this.#raw = null;
    });
  }

  addSchedule(schedule) {
    const input = json(schedule);
    this.#call((raw) => raw.addSchedule(input));
  }

  replaceSchedule(schedule) {
    const input = json(schedule);
    this.#call((raw) => raw.replaceSchedule(input));
  }

  removeSchedule(id) {
    const key = text(id, "id");
    this.#call((raw) => raw.removeSchedule(key));
  }

  addAppointment(appointment) {
    const input = json(appointment);
    this.#call((raw) => raw.addAppointment(input));
  }

  updateAppointment(appointment) {
    const input = json(appointment);
    this.#call((raw) => raw.updateAppointment(input));
  }

  removeAppointment(id) {
    const key = text(id, "id");
    this.#call((raw) => raw.removeAppointment(key));
  }

  availability(query) {
    const input = json(query);
    return slotsOf(this.#call((raw) => raw.availabilityColumns(input)));
  }

  availabilityColumns(query) {
    const input = json(query);
    return this.#call((raw) => raw.availabilityColumns(input));
  }

  availabilityPages(query, pageSize = 10_000) {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 0xffffffff) {
      throw invalidInput("pageSize", "must be a whole number >= 1");
    }
    const input = json(query);
    const pages = this.#call((raw) => raw.availabilityPages(input));
    return readPages(pages, pageSize);
  }

  combined(query) {
    const input = json(query);
    return JSON.parse(this.#call((raw) => raw.combined(input)));
  }

  checkBooking(appointment, rules) {
    const a = json(appointment);
    const r = rules === undefined || rules === null ? undefined : json(rules, "rules");
    return JSON.parse(this.#call((raw) => raw.checkBooking(a, r)));
  }

  explain(scheduleId, at) {
    const id = text(scheduleId, "schedule");
    const instant = instantText(at, "instant");
    return JSON.parse(this.#call((raw) => raw.explain(id, instant)));
  }

  reconcile(from, to, existing) {
    const f = instantText(from, "from");
    const t = instantText(to, "to");
    const e = json(existing, "existing");
    return JSON.parse(this.#call((raw) => raw.reconcile(f, t, e)));
  }

  report(from, to, bucket) {
    const f = instantText(from, "from");
    const t = instantText(to, "to");
    const b = json(bucket, "bucket");
    return JSON.parse(this.#call((raw) => raw.report(f, t, b)));
  }

  toSnapshot() {
    return this.#call((raw) => raw.toSnapshot());
  }

  static fromSnapshot(bytes) {
    if (!(bytes instanceof Uint8Array)) throw invalidInput("bytes", "must be a Uint8Array");
    return new Engine(WRAP, call(() => RawEngine.fromSnapshot(bytes)));
  }

  toJSON() {
    return this.#call((raw) => raw.toJSON());
  }

  static fromJSON(json) {
    const t = text(json, "text");
    return new Engine(WRAP, call(() => RawEngine.fromJSON(t)));
  }

  free() {
    if (this.#state !== "live") return;
    this.#state = "freed";
    const raw = this.#raw;
    this.#raw = null;
    call(() => raw.free());
  }

  /** Panic inside a call of this engine, to test recovery. Not part of the API. */
  __panicForTests() {
    this.#call((raw) => raw.__panicForTests());
  }
}

if (typeof Symbol.dispose === "symbol") {
  Engine.prototype[Symbol.dispose] = Engine.prototype.free;
}

function* readPages(pages, pageSize) {
  try {
    for (;;) {
      const page = slotsOf(call(() => pages.next(pageSize)));
      if (page.length === 0) return;
      yield page;
    }
  } finally {
    call(() => pages.free());
  }
}
