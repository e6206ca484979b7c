'use strict';
// Run a vector's input through a package: `expand`, or a document (`{schedules,
// appointments, ...}`) through an Engine the way a host would: add every schedule, then every appointment, then ask. Errors
// carry the document's field paths: an argument's path gets the document field it
// came from in front (`schedules[1].id`, `window.to`), as the Rust runners report.

/** Call `f`; on an error give its path the document's `prefix`. */
function at(prefix, f) {
  try {
    return f();
  } catch (e) {
    if (e && typeof e.path === 'string') {
      // As the core reads a document: limits reached while answering carry no path.
      e.path = !prefix || !e.path ? e.path : e.path.startsWith('[') ? prefix + e.path : `${prefix}.${e.path}`;
    }
    throw e;
  }
}

/** An engine holding the document's schedules and appointments. */
function load(Engine, input) {
  const engine = new Engine();
  (input.schedules || []).forEach((s, i) => at(`schedules[${i}]`, () => engine.addSchedule(s)));
  (input.appointments || []).forEach((a, i) => at(`appointments[${i}]`, () => engine.addAppointment(a)));
  return engine;
}

/** The answer of a vector's input of `kind`, through package `pkg`. */
function answer(pkg, kind, input) {
  if (kind === 'expand') return pkg.expand(input.ical, input.from, input.to, input.limit);
  const engine = load(pkg.Engine, input);
  switch (kind) {
    case 'availability':
      return at('query', () => engine.availability(input.query));
    case 'combined':
      return at('query', () => engine.combined(input.query));
    case 'reconcile':
      return window(() => engine.reconcile(input.window.from, input.window.to, input.existing || []));
    case 'report':
      return window(() => engine.report(input.window.from, input.window.to, input.bucket));
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

/** `from`/`to` arguments are the document's `window.from`/`window.to`. */
function window(f) {
  try {
    return f();
  } catch (e) {
    if (e && (e.path === 'from' || e.path === 'to' || /^(from|to)\./.test(e.path || ''))) {
      e.path = `window.${e.path}`;
    }
    throw e;
  }
}

module.exports = { load, answer };
