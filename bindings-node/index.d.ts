// slotwise for Node.js (native): the API every slotwise JavaScript package shares
// (slotwise.d.ts, the same file as the WASM package's), plus the async forms that
// run on Node's thread pool and leave the event loop free.

export * from './slotwise.js';
import type {
  Bucket,
  CombinedQuery,
  CombinedRow,
  ExistingSlot,
  InstantInput,
  Plan,
  Query,
  ReportRow,
  Slot,
  SlotColumns,
} from './slotwise.js';

/** Like `expand`, as epoch milliseconds in a Float64Array (faster for many instants). */
export declare function expandEpochMs(ical: string, from: InstantInput, to: InstantInput, limit?: number): Float64Array;

declare module './slotwise.js' {
  interface Engine {
    /** `availability` on a worker thread, from the engine as it is now; the event loop keeps running. */
    availabilityAsync(query: Query): Promise<Slot[]>;
    /** `availabilityColumns` on a worker thread. */
    availabilityColumnsAsync(query: Query): Promise<SlotColumns>;
    /** `combined` on a worker thread. */
    combinedAsync(query: CombinedQuery): Promise<CombinedRow[]>;
    /** `report` on a worker thread. */
    reportAsync(from: InstantInput, to: InstantInput, bucket: Bucket): Promise<ReportRow[]>;
    /** `reconcile` on a worker thread. */
    reconcileAsync(from: InstantInput, to: InstantInput, existing: ExistingSlot[]): Promise<Plan>;
  }
}
