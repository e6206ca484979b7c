// The shapes of slotwise's values in JavaScript: the engine's JSON forms as plain
// objects. Instants given to the engine may be a Date, epoch milliseconds or an
// RFC 3339 string; instants it answers are RFC 3339 UTC strings (`...Z`).

/** An instant handed in: a Date, epoch milliseconds, or RFC 3339 text. */
export type InstantInput = Date | number | string;
/** An ISO 8601 duration of exact elapsed time (`PT30M`, `P1D` = 24 hours). */
export type Duration = string;
/** A local date `YYYY-MM-DD` in the schedule's zone. */
export type LocalDate = string;
/** A local time `HH:MM[:SS]` in the schedule's zone. */
export type LocalTime = string;

export type ErrorCode =
  | 'invalid_rule'
  | 'unknown_timezone'
  | 'invalid_input'
  | 'invalid_window'
  | 'unknown_schedule'
  | 'duplicate_id'
  | 'limit_exceeded'
  | 'invalid_snapshot';

export interface AvailabilityRule {
  /** iCalendar text: a floating (or the schedule's TZID) DTSTART and RRULE/RDATE/EXDATE lines. */
  rule: string;
  /** The window ends at this local time (exactly one of `end` and `duration`). */
  end?: LocalTime;
  duration?: Duration;
}

export interface Override {
  date: LocalDate;
  /** `[start, end]` local times; an empty list makes the date a day off. */
  windows: [LocalTime, LocalTime][];
}

export interface SlotSpec {
  duration: Duration;
  step?: Duration;
  capacity: number;
  buffer_before?: Duration;
  buffer_after?: Duration;
}

export type Exclusion =
  | { kind: 'day'; date: LocalDate; reason?: string }
  | { kind: 'range'; from: InstantInput; to: InstantInput; reason?: string };

export interface Schedule {
  version?: 1;
  id: string;
  timezone: string;
  availability: AvailabilityRule[];
  overrides?: Override[];
  slot: SlotSpec;
  exclusions?: Exclusion[];
}

export type Status = 'booked' | 'attended' | 'no_show' | 'cancelled';

export interface Appointment {
  version?: 1;
  id: string;
  schedule: string;
  start: InstantInput;
  end: InstantInput;
  /** Default 1. */
  seats?: number;
  /** Default `booked`. */
  status?: Status;
}

export interface BookingRules {
  now?: InstantInput;
  min_notice?: Duration;
  max_advance?: Duration;
}

export interface Query extends BookingRules {
  from: InstantInput;
  to: InstantInput;
  /** Seats a slot must have free (default 1; 0 lists every slot). */
  seats?: number;
  /** Only these schedules (default all). */
  schedules?: string[];
}

export interface Slot {
  key: string;
  schedule: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  remaining: number;
}

/** Slots as columns: row i is the slot of `ids[schedule[i]]` starting at `start[i]`. */
export interface SlotColumns {
  ids: string[];
  schedule: Uint32Array;
  /** Epoch milliseconds. */
  start: Float64Array;
  /** Epoch milliseconds. */
  end: Float64Array;
  capacity: Uint32Array;
  booked: Uint32Array;
  remaining: Uint32Array;
  length: number;
}

export interface ExclusionHit {
  index: number;
  kind: 'day' | 'range';
  from: string;
  to: string;
  reason?: string;
}

export type Reason =
  | { code: 'outside_availability' }
  | { code: 'not_a_slot' }
  | ({ code: 'excluded' } & ExclusionHit)
  | { code: 'full'; capacity: number; booked: number; remaining: number; appointments: string[] }
  | { code: 'overbooked'; capacity: number; booked: number; appointments: string[] }
  | { code: 'in_buffer'; appointments: string[] }
  | { code: 'before_minimum_notice'; earliest: string }
  | { code: 'after_maximum_advance'; latest: string };

export interface BookingCheck {
  fits: boolean;
  slot: Slot | null;
  reasons: Reason[];
}

export interface Explanation {
  schedule: string;
  instant: string;
  local_time: string;
  bookable: boolean;
  window: { start: string; end: string } | null;
  exclusions: ExclusionHit[];
  slots: { slot: Slot; reasons: Reason[] }[];
  summary: string;
}

/** A slot as the host stored it (other fields are ignored). */
export interface ExistingSlot {
  key: string;
  schedule: string;
  start: InstantInput;
  end: InstantInput;
  capacity: number;
}

export interface Plan {
  create: Slot[];
  update: { key: string; before: { key: string; schedule: string; start: string; end: string; capacity: number }; after: Slot }[];
  delete: string[];
  conflicts: { key: string; appointments: string[] }[];
  unchanged: number;
}

export type Bucket = 'day' | 'week' | 'month';

export interface ReportRow {
  schedule: string;
  bucket_start: LocalDate;
  offered_seat_minutes: number;
  booked_seat_minutes: number;
  utilization: number | null;
  appointments: Partial<Record<Status, number>>;
  cancellation_rate: number | null;
  no_show_rate: number | null;
}
