// Export the module's `__stack_pointer` global (the shadow stack of Rust's frames),
// so the package can put it back after a trap (a Rust panic aborts the call without
// unwinding: without this, every panic would leak the stack it was using).
// Usage: node export-stack-pointer.mjs IN.wasm OUT.wasm  (IN must keep its name section)
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";

const [input, output] = process.argv.slice(2);
const module = binaryen.readBinary(readFileSync(input));
// The features rustc enables by default for wasm32-unknown-unknown, and no others.
const F = binaryen.Features;
module.setFeatures(
  F.MVP | F.BulkMemory | F.BulkMemoryOpt | F.Multivalue | F.MutableGlobals | F.NontrappingFPToInt | F.ReferenceTypes | F.SignExt,
);
let found = null;
for (let i = 0; i < module.getNumGlobals(); i++) {
  const info = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
  if (info.name === "__stack_pointer" && info.mutable) found = info.name;
}
if (!found) {
  console.error(`${input}: no mutable global named __stack_pointer (was the name section stripped?)`);
  process.exit(1);
}
module.addGlobalExport(found, "__stack_pointer");
if (!module.validate()) {
  console.error(`${input}: the module does not validate after the export`);
  process.exit(1);
}
writeFileSync(output, module.emitBinary());
