// The WebAssembly package: the shared API of every slotwise JavaScript package
// (slotwise.d.ts), plus how the module is loaded and what only it offers.

export * from "./slotwise.js";
import type { InstantInput } from "./slotwise.js";

/** What `init` can load the module from. */
export type InitInput =
  | RequestInfo
  | URL
  | Response
  | BufferSource
  | WebAssembly.Module;

/**
 * Load the WebAssembly module (browsers: once, before any other call; by default it
 * fetches `slotwise_wasm_bg.wasm` beside the package's JavaScript). In Node the
 * package loads itself on import and this resolves at once.
 */
export default function init(
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;
export { init };

/** Load the module synchronously from its bytes or a compiled module. */
export declare function initSync(input: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/** Like `expand`, as epoch milliseconds in a Float64Array (faster for many instants). */
export declare function expandEpochMs(
  ical: string,
  from: InstantInput,
  to: InstantInput,
  limit?: number,
): Float64Array;

/** The WebAssembly memory's size in bytes (it grows and never shrinks). */
export declare function memoryBytes(): number;
