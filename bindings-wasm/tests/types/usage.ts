// Typed usage of the package's declarations; `tsc --noEmit --strict` checks it
// (bindings-wasm/test.sh). It is compiled, never run.

import init, {
  Engine,
  SlotwiseError,
  expand,
  expandEpochMs,
  initSync,
  memoryBytes,
  tzdataVersion,
  version,
} from "../../types/index.js";
import type {
  Appointment,
  BookingCheck,
  BookingLimit,
  CombineMode,
  CombinedQuery,
  CombinedRow,
  ErrorCode,
  Explanation,
  Plan,
  Query,
  Reason,
  ReportRow,
  Schedule,
  Slot,
  SlotColumns,
} from "../../types/slotwise.js";

export async function usage(bytes: Uint8Array): Promise<void> {
  await init();
  initSync(bytes);
  const instants: string[] = expand(
    "DTSTART;TZID=America/New_York:20260302T090000\nRRULE:FREQ=DAILY;COUNT=3",
    new Date("2026-03-01T00:00:00Z"),
    Date.UTC(2026, 3, 1),
    10,
  );
  const ms: Float64Array = expandEpochMs("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
  const labels: string = `${version()} ${tzdataVersion()} ${instants.length} ${ms.length} ${memoryBytes()}`;

  const schedule: Schedule = {
    id: "dr-ana",
    timezone: "America/Sao_Paulo",
    availability: [
      { rule: "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", end: "12:00" },
      { rule: "DTSTART:20260105T140000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", duration: 4 * 3600_000 },
    ],
    overrides: [{ date: "2026-12-24", windows: [["09:00", "12:00"]] }],
    slot: { duration: "PT30M", capacity: 2, buffer_after: 600_000 },
    exclusions: [
      { kind: "day", date: "2026-04-21", reason: "holiday" },
      { kind: "range", from: new Date("2026-07-01T03:00:00Z"), to: "2026-07-15T00:00:00-03:00" },
    ],
    limits: [{ period: "day", max_appointments: 8 }, { period: "week", max_minutes: 1200 }],
  };
  const limit: BookingLimit | undefined = schedule.limits?.[0];
  const appointment: Appointment = {
    id: "apt-1",
    schedule: "dr-ana",
    start: "2026-03-02T12:00:00Z",
    end: Date.parse("2026-03-02T12:30:00Z"),
    status: "booked",
  };
  const query: Query = { from: "2026-03-02T00:00:00Z", to: new Date(), seats: 1, now: Date.now(), min_notice: "PT2H" };

  using engine = new Engine();
  engine.addSchedule(schedule);
  engine.replaceSchedule(schedule);
  engine.addAppointment(appointment);
  engine.updateAppointment({ ...appointment, status: "cancelled" });
  const slots: Slot[] = engine.availability(query);
  const first: Slot | undefined = slots[0];
  const remaining: number = first ? first.remaining : 0;
  const firstFree: Slot[] = engine.availability({ from: new Date(), first: 3 });
  const modes: CombineMode[] = ["all", "any", "k_of_n"];
  const team: CombinedQuery = {
    from: "2026-03-02T00:00:00Z",
    first: 5,
    combine: { mode: "k_of_n", k: 2, schedules: ["dr-ana", "room-2", "dr-bo"], duration: "PT45M", step: 900_000 },
  };
  const rows0: CombinedRow[] = engine.combined(team);
  const who: string[] = rows0[0]?.schedules ?? [];
  const pool: CombinedRow[] = engine.combined({ ...query, combine: { mode: "any", schedules: ["a", "b"] } });
  void [limit, firstFree, modes, who, pool.length > 0 ? pool[0].remaining : 0];
  const columns: SlotColumns = engine.availabilityColumns(query);
  const starts: Float64Array = columns.start;
  const seats: Uint32Array = columns.remaining;
  for (const page of engine.availabilityPages(query, 500)) {
    const keys: string[] = page.map((s) => s.key);
    void keys;
  }
  const check: BookingCheck = engine.checkBooking(appointment, { now: new Date(), min_notice: "PT1H" });
  for (const reason of check.reasons) {
    describe(reason);
  }
  const why: Explanation = engine.explain("dr-ana", "2026-03-02T12:00:00Z");
  const summary: string = why.summary;
  const plan: Plan = engine.reconcile("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", slots);
  const rows: ReportRow[] = engine.report("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "week");
  const utilization: number | null = rows[0]?.utilization ?? null;
  const bytesOut: Uint8Array = engine.toSnapshot();
  const copy: Engine = Engine.fromSnapshot(bytesOut);
  const again: Engine = Engine.fromJSON(copy.toJSON());
  again.removeAppointment("apt-1");
  again.removeSchedule("dr-ana");
  copy.free();
  again.free();
  void [labels, remaining, starts, seats, summary, plan.unchanged, utilization];

  try {
    engine.addSchedule({ ...schedule, timezone: "Mars/Olympus" });
  } catch (e) {
    if (e instanceof SlotwiseError) {
      const code: ErrorCode = e.code;
      const path: string = e.path;
      void [code, path];
    }
  }
}

function describe(reason: Reason): string {
  switch (reason.code) {
    case "full":
      return `full: ${reason.booked}/${reason.capacity}`;
    case "excluded":
      return `excluded by #${reason.index} (${reason.reason ?? reason.kind})`;
    case "before_minimum_notice":
      return `too soon, earliest ${reason.earliest}`;
    case "after_maximum_advance":
      return `too far, latest ${reason.latest}`;
    case "in_buffer":
    case "overbooked":
      return `${reason.code}: ${reason.appointments.join(", ")}`;
    case "limit_reached":
      return `limit ${reason.index} (${reason.period} from ${reason.period_start}): ${reason.appointments} appointments, ${reason.minutes} minutes`;
    case "outside_availability":
    case "not_a_slot":
      return reason.code;
  }
}

// Shapes the engine refuses are refused by the types too.
// @ts-expect-error: an availability rule has `end` or `duration`, not both.
const both: Schedule["availability"] = [{ rule: "DTSTART:20260101T090000", end: "12:00", duration: "PT1H" }];
// @ts-expect-error: a combined query needs `combine`.
const noCombine: CombinedQuery = { from: "2026-03-02T00:00:00Z" };
// @ts-expect-error: not a combine mode.
const badMode: CombineMode = "some";
// @ts-expect-error: a booking limit's period is a day, a week or a month.
const badLimit: BookingLimit = { period: "year", max_appointments: 1 };
void [noCombine, badMode, badLimit];
// @ts-expect-error: not an error code.
const notACode: ErrorCode = "oops";
void [both, notACode];
