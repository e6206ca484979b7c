// Every file in tests/vectors through the package: the answers must be exactly the
// ones the Rust runners check (expected values, or error code and field path).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Engine, SlotwiseError, expand } from "../pkg/node.js";
import { repoFile, vectorFiles } from "./vector_files.mjs";

/** Run `f`; a SlotwiseError is returned as {code, path}, anything else thrown. */
function outcome(f) {
  try {
    return { answer: f() };
  } catch (e) {
    if (!(e instanceof SlotwiseError)) throw e;
    return { error: { code: e.code, path: e.path } };
  }
}

/** `error.path` prefixed with `outer` (as the engine nests paths). */
function under(outer, e) {
  if (!(e instanceof SlotwiseError)) return e;
  const path = !e.path ? outer : e.path.startsWith("[") ? `${outer}${e.path}` : `${outer}.${e.path}`;
  return new SlotwiseError(e.code, path, e.message);
}

function rethrowUnder(outer, f) {
  try {
    return f();
  } catch (e) {
    throw under(outer, e);
  }
}

/** An engine holding a document's schedules and appointments; errors name them. */
function engineOf(input) {
  const engine = new Engine();
  (input.schedules ?? []).forEach((s, i) => rethrowUnder(`schedules[${i}]`, () => engine.addSchedule(s)));
  (input.appointments ?? []).forEach((a, i) =>
    rethrowUnder(`appointments[${i}]`, () => engine.addAppointment(a)));
  return engine;
}

function check(v, f) {
  const got = outcome(f);
  if (v.expected_error) {
    assert.ok(got.error, `expected error ${JSON.stringify(v.expected_error)}, got an answer`);
    assert.equal(got.error.code, v.expected_error.code);
    if ("path" in v.expected_error) assert.equal(got.error.path, v.expected_error.path);
  } else {
    assert.ok(!got.error, `unexpected error ${JSON.stringify(got.error)}`);
    assert.deepStrictEqual(got.answer, v.expected);
  }
}

describe("expand vectors", () => {
  for (const { name, doc } of vectorFiles("expand", 5)) {
    test(name, () => {
      for (const v of doc) {
        check(v, () => expand(v.ical, v.from, v.to, v.limit));
      }
    });
  }
});

describe("availability vectors", () => {
  for (const { name, doc } of vectorFiles("availability", 20)) {
    test(name, () =>
      check(doc, () => {
        const engine = engineOf(doc.input);
        try {
          return engine.availability(doc.input.query);
        } catch (e) {
          // As the document runner does: errors about the query name it; limits do not.
          throw e instanceof SlotwiseError && e.path ? under("query", e) : e;
        } finally {
          engine.free();
        }
      }));
  }
});

describe("reconcile vectors", () => {
  for (const { name, doc } of vectorFiles("reconcile", 3)) {
    test(name, () =>
      check(doc, () => {
        const { window, existing } = doc.input;
        const engine = engineOf(doc.input);
        try {
          return engine.reconcile(window.from, window.to, existing ?? []);
        } catch (e) {
          throw e instanceof SlotwiseError && (e.path === "from" || e.path === "to")
            ? under("window", e)
            : e;
        } finally {
          engine.free();
        }
      }));
  }
});

describe("report vectors", () => {
  for (const { name, doc } of vectorFiles("report", 3)) {
    test(name, () =>
      check(doc, () => {
        const { window, bucket } = doc.input;
        const engine = engineOf(doc.input);
        try {
          return engine.report(window.from, window.to, bucket);
        } catch (e) {
          throw e instanceof SlotwiseError && (e.path === "from" || e.path === "to")
            ? under("window", e)
            : e;
        } finally {
          engine.free();
        }
      }));
  }
});

describe("snapshot vector", () => {
  /** Everything the engine answers over the clinic's weeks. */
  function answers(engine) {
    const from = "2026-03-16T00:00:00Z";
    const to = "2026-04-13T00:00:00Z";
    const existing = engine
      .availability({ from, to: "2026-03-30T00:00:00Z" })
      .filter((_, i) => i % 3 === 0);
    const state = JSON.parse(engine.toJSON());
    return {
      free: engine.availability({ from, to }),
      all: engine.availability({ from, to, seats: 0 }),
      plan: engine.reconcile(from, to, existing),
      days: engine.report(from, to, "day"),
      weeks: engine.report(from, to, "week"),
      months: engine.report(from, to, "month"),
      probe: state.appointments.map((a) => ({
        check: engine.checkBooking(a),
        explain: engine.explain(a.schedule, a.start),
      })),
      state,
    };
  }

  test("clinic-v1.bin answers as the clinic's JSON does", () => {
    const clinic = JSON.parse(repoFile("examples/data/clinic.json", "utf8"));
    const fromJson = engineOf(clinic);
    const fromBin = Engine.fromSnapshot(new Uint8Array(repoFile("tests/vectors/snapshot/clinic-v1.bin")));
    const expected = answers(fromJson);
    assert.ok(expected.free.length > 100);
    assert.deepStrictEqual(answers(fromBin), expected);
    fromJson.free();
    fromBin.free();
  });
});
