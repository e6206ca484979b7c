// The package's entry in Node: the WebAssembly module is loaded from disk when the
// package is imported, so no `init()` call is needed (it resolves at once).

import { readFileSync } from "node:fs";
import { initSync } from "./index.js";

initSync(readFileSync(new URL("./slotwise_wasm_bg.wasm", import.meta.url)));

export * from "./index.js";
export { default } from "./index.js";
