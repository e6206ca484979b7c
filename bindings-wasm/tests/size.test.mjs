// The size budget of the release module with every zone: at most 350 KB gzipped
// (a build with only chosen zones, build.sh --zones, is about 90 KB smaller:
// tests/zones.test.mjs).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { sizes } from "../scripts/size.mjs";

const BUDGET_GZIP = 350 * 1024;

test("slotwise_wasm_bg.wasm fits the gzip budget", () => {
  const s = sizes(readFileSync(new URL("../pkg/slotwise_wasm_bg.wasm", import.meta.url)));
  console.log(`raw ${s.raw} B, gzip ${s.gzip} B, brotli ${s.brotli} B (budget: gzip ${BUDGET_GZIP} B)`);
  assert.ok(s.gzip <= BUDGET_GZIP, `gzip ${s.gzip} B > ${BUDGET_GZIP} B`);
});
