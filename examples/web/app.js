// The booking page: a week of slots per practitioner, computed in the browser by
// slotwise's WebAssembly package, booked in memory. No server beyond static files.

import init, { Engine, SlotwiseError, tzdataVersion, version } from "../../bindings-wasm/pkg/index.js";

const DAY = 86_400_000;
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const $ = (id) => document.getElementById(id);

const state = {
  engine: null,
  schedules: [],
  monday: null, // "YYYY-MM-DD"
  zone: "clinic",
  booked: [],
  justBooked: null,
};

// ---- Dates and zones (display only; every answer comes from the engine) -------

const formats = new Map();
function parts(ms, timeZone) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short",
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday: p.weekday };
}

/** The instant a local date and time in `timeZone` stand for (first instant when ambiguous enough for display). */
function instantOf(date, time, timeZone) {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const offset = (t) => Date.parse(`${parts(t, timeZone).date}T${parts(t, timeZone).time}:00Z`) - t;
  const guess = wall - offset(wall);
  return wall - offset(guess);
}

function addDays(date, n) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

function mondayOf(date) {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

function minutes(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso ?? "");
  if (!m) return 60;
  return (+(m[1] ?? 0)) * 1440 + (+(m[2] ?? 0)) * 60 + (+(m[3] ?? 0)) + (+(m[4] ?? 0)) / 60;
}

// ---- Loading -------------------------------------------------------------------

async function load(mode, file) {
  let engine;
  let doc = null;
  if (file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (file.name.endsWith(".bin")) {
      engine = Engine.fromSnapshot(bytes);
    } else {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    }
    $("source").textContent = file.name;
  } else if (mode === "snapshot") {
    const response = await fetch("../../tests/vectors/snapshot/clinic-v2.bin");
    engine = Engine.fromSnapshot(new Uint8Array(await response.arrayBuffer()));
    $("source").textContent = "the snapshot clinic-v2.bin";
  } else {
    doc = await (await fetch("../data/clinic.json")).json();
    $("source").textContent = "examples/data/clinic.json";
  }
  if (doc && "version" in doc) {
    engine = Engine.fromJSON(JSON.stringify(doc));
  } else if (doc) {
    engine = new Engine();
    for (const s of doc.schedules ?? []) engine.addSchedule(s);
    for (const a of doc.appointments ?? []) engine.addAppointment(a);
  }
  state.engine?.free();
  state.engine = engine;
  const held = JSON.parse(engine.toJSON());
  state.schedules = held.schedules;
  state.booked = [];
  const first = doc?.query?.from ?? held.appointments.map((a) => a.start).sort()[0] ?? new Date().toISOString();
  state.monday = mondayOf(first.slice(0, 10));
  render();
}

// ---- Rendering -----------------------------------------------------------------

function label(ms, schedule) {
  const mine = parts(ms, viewerZone).time;
  const theirs = parts(ms, schedule.timezone).time;
  return state.zone === "viewer"
    ? [mine, `${theirs} ${schedule.timezone.split("/").pop().replace("_", " ")}`]
    : [theirs, `${mine} yours`];
}

function render() {
  const { engine, monday } = state;
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  $("week-label").textContent = `${dates[0]} – ${dates[6]}`;
  const main = $("practitioners");
  main.replaceChildren();
  // A day's margin on each side covers every zone; slots are kept by local date.
  const from = Date.parse(`${dates[0]}T00:00:00Z`) - DAY;
  const to = Date.parse(`${dates[6]}T00:00:00Z`) + 2 * DAY;
  for (const schedule of state.schedules) {
    const slots = engine.availability({ from, to, seats: 0, schedules: [schedule.id] });
    const byCell = new Map();
    for (const slot of slots) {
      const p = parts(Date.parse(slot.start), schedule.timezone);
      if (dates.includes(p.date)) byCell.set(`${p.date} ${p.time}`, slot);
    }
    main.append(table(schedule, dates, byCell));
  }
  $("booked").replaceChildren(...state.booked.map((b) => {
    const li = document.createElement("li");
    li.textContent = b;
    return li;
  }));
}

function table(schedule, dates, byCell) {
  const step = minutes(schedule.slot.step ?? schedule.slot.duration);
  const times = [...byCell.keys()].map((k) => k.split(" ")[1]).sort();
  const section = document.createElement("section");
  section.dataset.schedule = schedule.id;
  const h2 = document.createElement("h2");
  h2.innerHTML = `${schedule.id} <small>${schedule.timezone} · ${schedule.slot.capacity} seat(s) a slot</small>`;
  section.append(h2);
  if (times.length === 0) {
    section.append("No slot this week.");
    return section;
  }
  // Rows every `step` from the first to the last start of the week, so closed
  // times show up grey between open ones.
  const toMin = (t) => +t.slice(0, 2) * 60 + +t.slice(3);
  const rows = [];
  for (let m = toMin(times[0]); m <= toMin(times[times.length - 1]); m += step) {
    rows.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  }
  const t = document.createElement("table");
  const head = t.insertRow();
  head.append(document.createElement("th"));
  for (const d of dates) {
    const th = document.createElement("th");
    th.textContent = `${new Date(`${d}T12:00:00Z`).toUTCString().slice(0, 3)} ${d.slice(5)}`;
    head.append(th);
  }
  for (const time of rows) {
    const tr = t.insertRow();
    const th = document.createElement("th");
    th.textContent = time;
    tr.append(th);
    for (const date of dates) {
      const td = tr.insertCell();
      const slot = byCell.get(`${date} ${time}`);
      td.append(slot ? slotCell(schedule, slot) : greyCell(schedule, instantOf(date, time, schedule.timezone), null));
    }
  }
  section.append(t);
  return section;
}

function slotCell(schedule, slot) {
  if (slot.remaining < 1) return greyCell(schedule, Date.parse(slot.start), slot);
  const b = document.createElement("button");
  b.type = "button";
  b.className = "slot";
  b.dataset.key = slot.key;
  b.dataset.remaining = String(slot.remaining);
  if (slot.key === state.justBooked) b.classList.add("just-booked");
  const [main, other] = label(Date.parse(slot.start), schedule);
  b.innerHTML = `${main} <span class="other">${other}</span><br><span class="seats">${slot.remaining} left</span>`;
  b.addEventListener("click", () => book(schedule, slot));
  return b;
}

function greyCell(schedule, at, slot) {
  const span = document.createElement("span");
  span.className = "slot grey";
  span.dataset.at = new Date(at).toISOString();
  if (slot) {
    span.dataset.key = slot.key;
    span.dataset.remaining = String(slot.remaining);
  }
  const [main, other] = label(at, schedule);
  span.innerHTML = `${main} <span class="other">${other}</span>${slot ? '<br><span class="seats">full</span>' : ""}`;
  span.addEventListener("mouseenter", () => explain(schedule, at, span));
  return span;
}

function explain(schedule, at, cell) {
  const why = state.engine.explain(schedule.id, at);
  const reasons = why.slots.flatMap((v) => v.reasons.map((r) => r.code.replaceAll("_", " ")));
  const text = `${schedule.id}, ${why.local_time}:\n${why.summary}${reasons.length ? `\n(${[...new Set(reasons)].join(", ")})` : ""}`;
  cell.title = text;
  $("why").textContent = text;
}

function book(schedule, slot) {
  try {
    const id = `web-${state.booked.length + 1}`;
    state.engine.addAppointment({ id, schedule: schedule.id, start: slot.start, end: slot.end, seats: 1 });
    const after = state.engine.availability({ from: slot.start, to: new Date(Date.parse(slot.start) + 1000), seats: 0, schedules: [schedule.id] })[0];
    state.booked.push(`${schedule.id} ${label(Date.parse(slot.start), schedule)[0]} on ${parts(Date.parse(slot.start), schedule.timezone).date}: ${after.remaining} seat(s) left`);
    state.justBooked = slot.key;
    render();
    $("status").textContent = `Booked ${slot.key}; ${after.remaining} seat(s) left.`;
  } catch (e) {
    report(e);
  }
}

function report(e) {
  $("status").textContent = e instanceof SlotwiseError ? `${e.code} (${e.path || "input"}): ${e.message}` : String(e);
  console.error(e);
}

// ---- Start -----------------------------------------------------------------------

await init();
document.body.dataset.engine = `slotwise ${version()}, tz ${tzdataVersion()}`;
const params = new URLSearchParams(location.search);
$("mode").value = params.get("mode") === "snapshot" ? "snapshot" : "json";
$("mode").addEventListener("change", () => load($("mode").value).catch(report));
$("file").addEventListener("change", () => $("file").files[0] && load(null, $("file").files[0]).catch(report));
$("zone").addEventListener("change", () => { state.zone = $("zone").value; render(); });
$("prev").addEventListener("click", () => { state.monday = addDays(state.monday, -7); render(); });
$("next").addEventListener("click", () => { state.monday = addDays(state.monday, 7); render(); });
try {
  await load($("mode").value);
  $("status").textContent = `Ready: slotwise ${version()} (tz ${tzdataVersion()}), your zone ${viewerZone}.`;
  document.body.dataset.ready = "true";
} catch (e) {
  report(e);
}
