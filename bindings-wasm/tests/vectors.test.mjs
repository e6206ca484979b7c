// Every file in tests/vectors through the package: the answers must be exactly the
// ones the Rust runners check (expected values, or error code and field path).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Engine, SlotwiseError, expand } from "../pkg/node.js";
import { KINDS, repoFile, vectorFiles } from "./vector_files.mjs";

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
  if (v.error) {
    assert.ok(got.error, `expected error ${JSON.stringify(v.error)}, got an answer`);
    assert.equal(got.error.code, v.error.code);
    if ("path" in v.error) assert.equal(got.error.path, v.error.path);
  } else {
    assert.ok(!got.error, `unexpected error ${JSON.stringify(got.error)}`);
    assert.deepStrictEqual(got.answer, v.expected);
  }
}

/** The window's `from`/`to` errors named from the document's root (`window.to`). */
function inWindow(e) {
  return e instanceof SlotwiseError && (e.path === "from" || e.path === "to") ? under("window", e) : e;
}

/** Each kind's call, on the case's input, as the document runners make it. */
const RUN = {
  expand: (input) => expand(input.ical, input.from, input.to, input.limit),
  availability: (input, engine) => {
    try {
      return engine.availability(input.query);
    } catch (e) {
      // Errors about the query name it; limits reached while answering do not.
      throw e instanceof SlotwiseError && e.path ? under("query", e) : e;
    }
  },
  reconcile: (input, engine) => {
    try {
      return engine.reconcile(input.window.from, input.window.to, input.existing ?? []);
    } catch (e) {
      throw inWindow(e);
    }
  },
  report: (input, engine) => {
    try {
      return engine.report(input.window.from, input.window.to, input.bucket);
    } catch (e) {
      throw inWindow(e);
    }
  },
  combined: (input, engine) => {
    try {
      return engine.combined(input.query);
    } catch (e) {
      throw e instanceof SlotwiseError && e.path ? under("query", e) : e;
    }
  },
};

/** Every case of `files` through the package. */
function runFiles(kind, files) {
  for (const { file, cases } of files) {
    test(file, () => {
      for (const v of cases) {
        check(v, () => {
          if (kind === "expand") return RUN.expand(v.input);
          const engine = engineOf(v.input);
          try {
            return RUN[kind](v.input, engine);
          } finally {
            engine.free();
          }
        });
      }
    });
  }
}

for (const kind of KINDS) {
  describe(`${kind} vectors`, () => {
    const files = vectorFiles(kind);
    assert.ok(files.length >= 3, `vectors missing in tests/vectors/${kind}`);
    runFiles(kind, files);
  });
}

describe("snapshot vectors", () => {
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

  for (const file of ["clinic-v1.bin", "clinic-v2.bin"]) {
    test(`${file} answers as the clinic's JSON does`, () => {
      const clinic = JSON.parse(repoFile("examples/data/clinic.json", "utf8"));
      const fromJson = engineOf(clinic);
      const fromBin = Engine.fromSnapshot(new Uint8Array(repoFile(`tests/vectors/snapshot/${file}`)));
      const expected = answers(fromJson);
      assert.ok(expected.free.length > 100);
      assert.deepStrictEqual(answers(fromBin), expected);
      fromJson.free();
      fromBin.free();
    });
  }
});
