// slotwise for JavaScript and TypeScript: the shapes and the API.
//
// One declaration file for every JavaScript package of slotwise (the WebAssembly
// package and the Node native one implement exactly this). Objects use the engine's
// JSON shapes (field names as in its JSON form: `buffer_after`, `bucket_start`);
// functions and methods are camelCase.
//
// Instants are accepted as a `Date`, epoch milliseconds or an RFC 3339 string with
// any offset (fractions of a second are dropped), and returned as RFC 3339 UTC
// strings (`2026-03-02T12:00:00Z`). Durations are accepted as ISO 8601 strings of
// exact time (`PT30M`, `P1D` = 24 hours) or whole seconds expressed in milliseconds,
// and returned as ISO 8601 strings. Local dates are `YYYY-MM-DD`, local times
// `HH:MM[:SS]`, both in the schedule's zone.

/** An instant: a `Date`, epoch milliseconds, or RFC 3339 text with any offset. */
export type InstantInput = Date | number | string;
/** An instant as returned: RFC 3339 UTC text, `2026-03-02T12:00:00Z`. */
export type InstantString = string;
/** A duration: ISO 8601 text of exact time (`PT30M`), or milliseconds (whole seconds). */
export type DurationInput = string | number;
/** A duration as returned: ISO 8601 text (`PT30M`). */
export type DurationString = string;
/** A local date in the schedule's zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local wall-clock time in the schedule's zone, `HH:MM` or `HH:MM:SS`. */
export type LocalTime = string;

/** The stable error codes; match on these, never on messages. */
export type ErrorCode =
  | "invalid_rule"
  | "unknown_timezone"
  | "invalid_input"
  | "invalid_window"
  | "unknown_schedule"
  | "duplicate_id"
  | "limit_exceeded"
  | "invalid_snapshot";

/** Every error of the engine: bad input, an unknown id, a limit reached. */
export declare class SlotwiseError extends Error {
  constructor(code: ErrorCode, path: string, message: string);
  readonly name: "SlotwiseError";
  /** The stable code. */
  readonly code: ErrorCode;
  /** The field at fault (`slot.step`, `existing[2].key`), empty for the whole input. */
  readonly path: string;
}

// ---- Input shapes -----------------------------------------------------------

/** A recurring availability window: iCalendar text and how each window ends. */
export type AvailabilityRule =
  | { rule: string; end: LocalTime; duration?: undefined }
  | { rule: string; duration: DurationInput; end?: undefined };

/** The windows of one local date, replacing the rules' windows starting on it. */
export interface Override {
  date: LocalDate;
  /** `[start, end]` pairs; an end not after its start is on the next date; `[]` is a day off. */
  windows: Array<[LocalTime, LocalTime]>;
}

/** The slot grid and its capacity. */
export interface SlotSpec {
  duration: DurationInput;
  /** Distance between slot starts; defaults to `duration`. */
  step?: DurationInput;
  /** Seats per slot, >= 1. */
  capacity: number;
  buffer_before?: DurationInput;
  buffer_after?: DurationInput;
}

/** A time when nothing can be booked. */
export type Exclusion =
  | { kind: "day"; date: LocalDate; reason?: string }
  | { kind: "range"; from: InstantInput; to: InstantInput; reason?: string };

/** A schedule: a zone, recurring windows, a slot grid, exclusions. */
export interface Schedule {
  /** Format version; only 1 exists. */
  version?: 1;
  /** Unique; slot keys start with it. */
  id: string;
  /** IANA zone name (`America/Sao_Paulo`). */
  timezone: string;
  availability?: AvailabilityRule[];
  overrides?: Override[];
  slot: SlotSpec;
  exclusions?: Exclusion[];
  /** At most so many appointments or minutes per local day, week or month. */
  limits?: BookingLimit[];
}

/** A booking limit of a schedule: either or both maxima. */
export interface BookingLimit {
  period: "day" | "week" | "month";
  max_appointments?: number;
  max_minutes?: number;
}

/** `booked`, `attended` and `no_show` hold seats; `cancelled` holds none. */
export type AppointmentStatus = "booked" | "attended" | "no_show" | "cancelled";

/** An appointment on a schedule. */
export interface Appointment {
  version?: 1;
  id: string;
  /** The schedule's id. */
  schedule: string;
  start: InstantInput;
  end: InstantInput;
  /** Seats held, >= 1 (default 1). */
  seats?: number;
  /** Default `booked`. */
  status?: AppointmentStatus;
}

/** When a booking may be made, relative to `now`. */
export interface BookingRules {
  /** The present; without it the other two are ignored. */
  now?: InstantInput;
  /** Least time between `now` and a start (default none). */
  min_notice?: DurationInput;
  /** Most time between `now` and a start (default no limit). */
  max_advance?: DurationInput;
}

/** An availability query over slots starting in `[from, to)`. */
export interface Query extends BookingRules {
  from: InstantInput;
  /** Required unless `first` is given (then: `now + max_advance`, else `from` + 366 days). */
  to?: InstantInput;
  /** Seats a slot must have free (default 1; 0 lists every slot, full ones too). */
  seats?: number;
  /**
   * Only these schedules (default all). Not with `combine`: a combined query's
   * schedules are `combine.schedules`, and a query giving both is refused
   * (`invalid_input` at `schedules`).
   */
  schedules?: string[];
  /** Only the first n slots (n >= 1); the engine stops as soon as it has them. */
  first?: number;
}

/** How a combined query joins its schedules: every one, any one (a pool), or at least `k`. */
export type CombineMode = "all" | "any" | "k_of_n";

/** The schedules of a combined query and, for `all` and `k_of_n`, its grid. */
export interface Combine {
  mode: CombineMode;
  /** Two or more distinct schedule ids. */
  schedules: string[];
  /** With `k_of_n` only: how many must be able to take a time (1 to n). */
  k?: number;
  /** Length of a combined time: required for `all` and `k_of_n`, not given for `any`. */
  duration?: DurationInput;
  /** Distance between combined starts (default `duration`; not given for `any`). */
  step?: DurationInput;
}

/** A query over combined times (a doctor and a room, a pool, k of n interviewers). */
export interface CombinedQuery extends Query {
  combine: Combine;
}

/** A slot as the host stored it (the fields of a `Slot` other than these are ignored). */
export interface ExistingSlot {
  key: string;
  schedule: string;
  start: InstantInput;
  end: InstantInput;
  capacity: number;
}

/** The calendar unit of report rows, in each schedule's zone (weeks start on Monday). */
export type Bucket = "day" | "week" | "month";

// ---- Answers ----------------------------------------------------------------

/** A bookable slot and its capacity state. */
export interface Slot {
  /** `{schedule}@{start}`: stable, the same on every host. */
  key: string;
  schedule: string;
  start: InstantString;
  end: InstantString;
  capacity: number;
  /** Peak seats held during the slot's blocked span (may exceed capacity). */
  booked: number;
  /** `max(0, capacity - booked)`. */
  remaining: number;
}

/**
 * Slots as columns, in the answer's order: row `i` is the slot of schedule
 * `ids[schedule[i]]` from `start[i]` to `end[i]` (epoch milliseconds).
 */
export interface SlotColumns {
  /** The schedule ids the rows refer to, each once. */
  ids: string[];
  /** Per row: index into `ids`. */
  schedule: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  capacity: Uint32Array;
  booked: Uint32Array;
  remaining: Uint32Array;
  /** The number of rows. */
  length: number;
}

/** A stored slot whose end or capacity changed. */
export interface SlotUpdate {
  key: string;
  before: {
    key: string;
    schedule: string;
    start: InstantString;
    end: InstantString;
    capacity: number;
  };
  after: Slot;
}

/** A stored slot that is no longer generated but holds appointments: never deleted. */
export interface Conflict {
  key: string;
  /** Ids of the seat-holding appointments it holds. */
  appointments: string[];
}

/** What to do to the host's stored slots; applying it and reconciling again gives an empty plan. */
export interface Plan {
  create: Slot[];
  update: SlotUpdate[];
  /** Keys of stored slots to delete. */
  delete: string[];
  conflicts: Conflict[];
  /** Stored slots already right. */
  unchanged: number;
}

/** Appointments by status. */
export interface StatusCounts {
  booked: number;
  attended: number;
  no_show: number;
  cancelled: number;
}

/** One schedule over one bucket. */
export interface ReportRow {
  schedule: string;
  /** The bucket's first local date, also when the window starts later. */
  bucket_start: LocalDate;
  offered_seat_minutes: number;
  booked_seat_minutes: number;
  /** booked / offered; null when nothing is offered. */
  utilization: number | null;
  appointments: StatusCounts;
  /** cancelled / all; null without appointments. */
  cancellation_rate: number | null;
  /** no_show / (no_show + attended); null when both are 0. */
  no_show_rate: number | null;
}

/** An exclusion that a slot or instant runs into. */
export interface ExclusionHit {
  /** Its index in the schedule's `exclusions`. */
  index: number;
  kind: "day" | "range";
  from: InstantString;
  to: InstantString;
  reason?: string;
}

/** Why a booking does not fit (`code` says which; the other fields depend on it). */
export type Reason =
  | { code: "outside_availability" }
  | { code: "not_a_slot" }
  | ({ code: "excluded" } & ExclusionHit)
  | { code: "full"; capacity: number; booked: number; remaining: number; appointments: string[] }
  | { code: "overbooked"; capacity: number; booked: number; appointments: string[] }
  | { code: "in_buffer"; appointments: string[] }
  | {
      code: "limit_reached";
      index: number;
      period: "day" | "week" | "month";
      period_start: LocalDate;
      max_appointments?: number;
      max_minutes?: number;
      appointments: number;
      minutes: number;
    }
  | { code: "before_minimum_notice"; earliest: InstantString }
  | { code: "after_maximum_advance"; latest: InstantString };

/** The answer of `checkBooking`. */
export interface BookingCheck {
  /** Whether the appointment fits (no reasons). */
  fits: boolean;
  /** The slot starting at the appointment's start, if the grid has one. */
  slot: Slot | null;
  reasons: Reason[];
}

/** A combined time and who can take it (the answer of `combined`, ordered by start, then end). */
export interface CombinedRow {
  start: InstantString;
  end: InstantString;
  /** Who can take it: in id order (`all`, `k_of_n`), fairest first (`any`). */
  schedules: string[];
  /**
   * `all`: the least free-seat count among them; `k_of_n`: how many can take it;
   * `any`: the sum of the remaining seats of every listed schedule with that slot.
   */
  remaining: number;
}

/** A span of instants. */
export interface Window {
  start: InstantString;
  end: InstantString;
}

/** A slot and what stops it from taking one more seat (nothing when `reasons` is empty). */
export interface SlotVerdict {
  slot: Slot;
  reasons: Reason[];
}

/** The answer of `explain`: what the engine sees at one instant of a schedule. */
export interface Explanation {
  schedule: string;
  instant: InstantString;
  /** The instant on the schedule's clock (`2026-03-02T09:00:00-03:00`). */
  local_time: string;
  /** Whether a slot holding the instant can take one more seat. */
  bookable: boolean;
  /** The merged availability window holding the instant, if any. */
  window: Window | null;
  exclusions: ExclusionHit[];
  /** Every grid slot holding the instant. */
  slots: SlotVerdict[];
  /** One line for people. */
  summary: string;
}

// ---- The API ----------------------------------------------------------------

/**
 * The instants of iCalendar text (`DTSTART...\nRRULE:...`, floating times in UTC)
 * starting in `[from, to)`, in order; at most `limit` when given (the first ones).
 * Without a limit, more than the engine's ceiling (1,000,000) is `limit_exceeded`.
 */
export declare function expand(
  ical: string,
  from: InstantInput,
  to: InstantInput,
  limit?: number,
): InstantString[];

/** The engine's version. */
export declare function version(): string;

/** The version of the bundled IANA time zone database (`2026b`). */
export declare function tzdataVersion(): string;

/**
 * Schedules and appointments, and the questions asked of them. Every call either
 * succeeds whole or throws a `SlotwiseError` and changes nothing.
 *
 * Call `free()` (or use `using engine = new Engine()`) when done; an engine that is
 * garbage-collected is freed too, later.
 */
export declare class Engine {
  constructor();
  /** Add a schedule. Errors: its fields (`slot.step`), `duplicate_id` (`id`). */
  addSchedule(schedule: Schedule): void;
  /** Replace the schedule with the same id, keeping its appointments. */
  replaceSchedule(schedule: Schedule): void;
  /** Remove a schedule and its appointments. */
  removeSchedule(id: string): void;
  /** Add an appointment; it need not fit (overbooking stays visible). */
  addAppointment(appointment: Appointment): void;
  /** Replace the appointment with the same id (to move, resize or cancel it). */
  updateAppointment(appointment: Appointment): void;
  removeAppointment(id: string): void;
  /** The slots with start in `[from, to)` and `seats` free, by (start, schedule id). */
  availability(query: Query): Slot[];
  /** The same answer as columns of typed arrays: for big answers. */
  availabilityColumns(query: Query): SlotColumns;
  /** The same answer, handed over `pageSize` slots at a time (default 10,000). */
  availabilityPages(query: Query, pageSize?: number): IterableIterator<Slot[]>;
  /**
   * The times that every listed schedule (`all`), at least `k` (`k_of_n`) or any one
   * (`any`) can take, with who can take each. Errors name `combine.*` fields.
   */
  combined(query: CombinedQuery): CombinedRow[];
  /** Would the appointment fit its schedule's grid and capacity (and `rules`), and if not, why. */
  checkBooking(appointment: Appointment, rules?: BookingRules): BookingCheck;
  /** Why an instant of a schedule is or is not bookable. */
  explain(scheduleId: string, at: InstantInput): Explanation;
  /** The plan that brings the host's stored slots in line with the slots starting in `[from, to)`. */
  reconcile(from: InstantInput, to: InstantInput, existing: ExistingSlot[]): Plan;
  /** Offered and booked seat-minutes and outcomes per schedule and bucket over `[from, to)`. */
  report(from: InstantInput, to: InstantInput, bucket: Bucket): ReportRow[];
  /** The engine as snapshot bytes (a compact binary form, opened lazily). */
  toSnapshot(): Uint8Array;
  /** An engine opened from snapshot bytes; damaged bytes are `invalid_snapshot`. */
  static fromSnapshot(bytes: Uint8Array): Engine;
  /** The whole state as JSON text: `{"version": 1, "schedules": [...], "appointments": [...]}`. */
  toJSON(): string;
  /** An engine from the text of `toJSON`. */
  static fromJSON(text: string): Engine;
  /** Release the engine's memory now; later calls throw. Calling it twice is harmless. */
  free(): void;
  /** The same as `free()`, for `using`. */
  [Symbol.dispose](): void;
}
