// slotwise's WebAssembly package against rrule.js (npm `rrule`, with tzid) and the
// native CLI, on the same rules and windows, in one run. Run it once, on a quiet
// machine: `node benches/js/bench.mjs` (after bindings-wasm/build.sh and `npm ci`
// here; it builds the release CLI when it is missing). Prints a Markdown table.
//
// Per call times: each function runs repeatedly for at least MIN_MS and the mean is
// reported. "native crate" is bindings-wasm/examples/native_timing.rs: the same
// calls as `expandEpochMs` and `availabilityColumns` (parse, expand or query, the
// numbers or columns), on the native crate, one thread, timed the same way. The
// CLI's per-call time is (time for N lines - time for 1 line) / (N - 1) of
// `slotwise expand --batch` on one thread, so process start-up is left out; its
// answers are JSON text, as the package's `expand` answers strings.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import rrule from "rrule";

import { Engine, expand, expandEpochMs, version } from "../../bindings-wasm/pkg/node.js";

const { rrulestr } = rrule;
const root = fileURLToPath(new URL("../../", import.meta.url));
const MIN_MS = Number(process.env.MIN_MS ?? 400);
const ZONE = "America/New_York";

const CASES = [
  ["weekday hours (WEEKLY MO-FR, BYHOUR 9-16, BYMINUTE 0,30), 1 year",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,30", "20260105T090000",
    "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"],
  ["last weekday of the month (MONTHLY, BYSETPOS=-1), 50 years",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "20000131T170000",
    "2000-01-01T00:00:00Z", "2050-01-01T00:00:00Z"],
  ["2nd Sunday of March and November at 02:00 (YEARLY), 100 years",
    "FREQ=YEARLY;BYMONTH=3,11;BYDAY=2SU", "20000312T020000",
    "2000-01-01T00:00:00Z", "2099-12-31T00:00:00Z"],
  ["DAILY, 30 years", "FREQ=DAILY", "20000101T083000", "2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z"],
];

/** Mean milliseconds per call of `f`, over at least MIN_MS (and at least `min` calls). */
function time(f, min = 3) {
  f();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (n < min || elapsed < MIN_MS) {
    f();
    n++;
    elapsed = performance.now() - start;
  }
  return elapsed / n;
}

function built(path, args) {
  const bin = join(root, path);
  if (!existsSync(bin)) execFileSync("cargo", ["build", "--release", ...args], { cwd: root, stdio: "inherit" });
  return bin;
}

const cli = () => built("target/release/slotwise", ["-p", "slotwise-cli"]);
const nativeTiming = () =>
  built("target/release/examples/native_timing", ["-p", "slotwise-wasm", "--example", "native_timing"]);

/** Wall milliseconds of one CLI run with `input` on stdin, on one thread. */
function runCli(bin, args, input) {
  const start = performance.now();
  const r = spawnSync(bin, args, { input, env: { ...process.env, RAYON_NUM_THREADS: "1" }, maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`slotwise ${args.join(" ")}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Per-call ms of the CLI for one batch line: (N lines - 1 line) / (N - 1), best of 3. */
function cliPerLine(bin, line, n) {
  const best = (input) => Math.min(...[0, 1, 2].map(() => runCli(bin, ["expand", "--batch"], input).ms));
  const one = best(`${line}\n`);
  const many = best(`${line}\n`.repeat(n));
  return (many - one) / (n - 1);
}

const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`);
const ratio = (a, b) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;

const bin = cli();
const timing = nativeTiming();

// Availability: 200 schedules (weekdays 09:00-17:00, 30-minute slots, 2 seats) in
// São Paulo and Lisbon, 5,000 appointments, 90 days.
const schedules = Array.from({ length: 200 }, (_, i) => ({
  id: `s${String(i).padStart(3, "0")}`,
  timezone: i % 2 ? "America/Sao_Paulo" : "Europe/Lisbon",
  availability: [{ rule: "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", end: "17:00" }],
  slot: { duration: "PT30M", capacity: 2 },
}));
const appointments = Array.from({ length: 5000 }, (_, i) => {
  const start = Date.parse("2026-03-02T12:00:00Z") + (i % 60) * 86_400_000 + (i % 7) * 1_800_000;
  return {
    id: `a${i}`, schedule: schedules[i % 200].id,
    start: new Date(start).toISOString().replace(".000Z", "Z"),
    end: new Date(start + 1_800_000).toISOString().replace(".000Z", "Z"),
  };
});
const query = { from: "2026-03-02T00:00:00Z", to: "2026-05-31T00:00:00Z" };
const icals = CASES.map(([, rule, dtstart, from, to]) => ({ ical: `DTSTART;TZID=${ZONE}:${dtstart}\nRRULE:${rule}`, from, to }));
const nativeRun = spawnSync(timing, [], {
  input: JSON.stringify({ expand: icals, availability: { schedules, appointments, query } }),
  env: { ...process.env, MIN_MS: String(MIN_MS) },
  maxBuffer: 1 << 26,
});
if (nativeRun.status !== 0) throw new Error(`native_timing: ${nativeRun.stderr}`);
const native = JSON.parse(nativeRun.stdout.toString());

console.log(`slotwise ${version()} (WebAssembly, Node ${process.version}) vs rrule.js ${"2.8.1"} and native; zone ${ZONE}\n`);
console.log("| case | instances | wasm `expand` | wasm `expandEpochMs` | native crate | native CLI per line | rrule.js (tzid) | rrule.js / wasm `expand` | rrule.js / wasm `expandEpochMs` | wasm `expandEpochMs` / native crate |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
CASES.forEach(([name, , , from, to], k) => {
  const { ical } = icals[k];
  const ours = expand(ical, from, to);
  const theirs = rrulestr(ical).between(new Date(from), new Date(to), false);
  if (theirs.length !== ours.length) throw new Error(`${name}: rrule.js gives ${theirs.length}, slotwise ${ours.length}`);
  const wasm = time(() => expand(ical, from, to));
  const wasmMs = time(() => expandEpochMs(ical, from, to));
  const js = time(() => rrulestr(ical).between(new Date(from), new Date(to), false), 2);
  const line = JSON.stringify({ id: "c", ical, from, to });
  const answer = JSON.parse(runCli(bin, ["expand", "--batch"], `${line}\n`).stdout.toString());
  if (answer.occurrences.length !== ours.length) throw new Error(`${name}: the CLI disagrees`);
  const n = Math.max(20, Math.min(2000, Math.round(1500 / Math.max(wasm, 0.05))));
  const perLine = cliPerLine(bin, line, n);
  const crate = native.expand[k];
  console.log(`| ${name} | ${ours.length.toLocaleString("en")} | ${fmt(wasm)} | ${fmt(wasmMs)} | ${fmt(crate)} | ${fmt(perLine)} | ${fmt(js)} | ${ratio(js, wasm)} | ${ratio(js, wasmMs)} | ${(wasmMs / crate).toFixed(2)} |`);
});

const engine = new Engine();
for (const s of schedules) engine.addSchedule(s);
for (const a of appointments) engine.addAppointment(a);
const slots = engine.availabilityColumns(query).length;
if (slots !== native.slots) throw new Error(`availability: native gives ${native.slots} slots, the package ${slots}`);
const objects = time(() => engine.availability(query), 2);
const columns = time(() => engine.availabilityColumns(query), 2);
const dir = mkdtempSync(join(tmpdir(), "slotwise-bench-"));
const doc = (q) => {
  const file = join(dir, `${q.to}.json`);
  writeFileSync(file, JSON.stringify({ schedules, appointments, query: q }));
  return file;
};
const full = doc(query);
const empty = doc({ from: query.from, to: "2026-03-02T00:01:00Z" });
const cliSlots = JSON.parse(runCli(bin, ["availability", full, "--json"]).stdout.toString()).length;
if (cliSlots !== slots) throw new Error(`availability: the CLI gives ${cliSlots} slots, the package ${slots}`);
const best = (file) => Math.min(...[0, 1, 2].map(() => runCli(bin, ["availability", file, "--json"]).ms));
const cliQuery = best(full) - best(empty);
console.log(`\n| availability: 200 schedules × 90 days, 5,000 appointments | slots | wasm \`availabilityColumns\` | native crate (columns, 1 thread) | wasm \`availability\` (objects) | native CLI --json (query + output, 1 thread) | wasm columns / native crate |`);
console.log("|---|---:|---:|---:|---:|---:|---:|");
console.log(`| | ${slots.toLocaleString("en")} | ${fmt(columns)} | ${fmt(native.availability)} | ${fmt(objects)} | ${fmt(cliQuery)} | ${(columns / native.availability).toFixed(2)} |`);
engine.free();
