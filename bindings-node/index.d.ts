// slotwise for Node.js (native). The same API as the WASM package: only the import
// changes. The value shapes are shared (./slotwise.d.ts).

import type {
  Appointment,
  BookingCheck,
  BookingRules,
  Bucket,
  ErrorCode,
  ExistingSlot,
  Explanation,
  InstantInput,
  Plan,
  Query,
  ReportRow,
  Schedule,
  Slot,
  SlotColumns,
} from './slotwise';

export * from './slotwise';

/** An input the engine refused. */
export declare class SlotwiseError extends Error {
  readonly name: 'SlotwiseError';
  /** The stable error code. */
  readonly code: ErrorCode;
  /** The offending field (`slot.step`, `existing[2].key`), empty for the whole input. */
  readonly path: string;
}

/** The instants of iCalendar text in `[from, to)` (RFC 3339 UTC), at most `limit`. */
export declare function expand(ical: string, from: InstantInput, to: InstantInput, limit?: number): string[];

/** The engine's version. */
export declare function version(): string;

/** The bundled IANA time zone database's version (`2025b`). */
export declare function tzdataVersion(): string;

/** Schedules and appointments, and the questions asked of them. */
export declare class Engine {
  constructor();
  addSchedule(schedule: Schedule): void;
  replaceSchedule(schedule: Schedule): void;
  removeSchedule(id: string): void;
  addAppointment(appointment: Appointment): void;
  updateAppointment(appointment: Appointment): void;
  removeAppointment(id: string): void;
  availability(query: Query): Slot[];
  availabilityColumns(query: Query): SlotColumns;
  checkBooking(appointment: Appointment, rules?: BookingRules): BookingCheck;
  explain(scheduleId: string, at: InstantInput): Explanation;
  reconcile(from: InstantInput, to: InstantInput, existing: ExistingSlot[]): Plan;
  report(from: InstantInput, to: InstantInput, bucket: Bucket): ReportRow[];
  toSnapshot(): Uint8Array;
  static fromSnapshot(bytes: Uint8Array | ArrayBuffer): Engine;
  toJSON(): string;
  static fromJSON(text: string): Engine;
  /** `availability` on a worker thread; the event loop keeps running. */
  availabilityAsync(query: Query): Promise<Slot[]>;
  /** `report` on a worker thread. */
  reportAsync(from: InstantInput, to: InstantInput, bucket: Bucket): Promise<ReportRow[]>;
  /** `reconcile` on a worker thread. */
  reconcileAsync(from: InstantInput, to: InstantInput, existing: ExistingSlot[]): Promise<Plan>;
}
