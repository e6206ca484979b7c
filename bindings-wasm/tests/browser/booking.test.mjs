// The booking page (examples/web) in headless Chromium: the page computes slots in
// the browser, a click books one and its seat count drops, hovering a grey time
// explains it, and the snapshot mode shows the same slots. Saves a screenshot.
//
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM); no browser is downloaded.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";

const repo = new URL("../../../", import.meta.url);
const artefacts = new URL("../../test-results/", import.meta.url);
let server;
let browser;

before(async () => {
  server = await serve(repo);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = "") {
  // The viewer is in Tokyo, the clinic in São Paulo and Lisbon: three zones on one page.
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo", viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${server.url}/examples/web/index.html${query}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  assert.deepStrictEqual(errors, []);
  return { page, context };
}

test("clicking a slot books it and its remaining seats drop", async () => {
  const { page, context } = await open();
  const slot = page.locator('section[data-schedule="dr-bruno"] button.slot[data-remaining="4"]').first();
  const key = await slot.getAttribute("data-key");
  assert.ok(key, "a free 4-seat slot of dr-bruno");
  await slot.click();
  const same = page.locator(`[data-key="${key}"]`);
  await same.waitFor();
  assert.equal(await same.getAttribute("data-remaining"), "3");
  assert.match(await same.innerText(), /3 left/);
  assert.match(await page.locator("#status").innerText(), new RegExp(`Booked ${key.replace(/[+]/g, "\\+")}; 3 seat`));
  assert.equal(await page.locator("#booked li").count(), 1);

  // A grey time (closed, excluded or full) is explained on hover.
  const grey = page.locator('section[data-schedule="dr-ana"] .slot.grey').first();
  await grey.hover();
  const why = await page.locator("#why").innerText();
  assert.match(why, /^dr-ana, \d{4}-\d\d-\d\dT/);
  assert.equal(await grey.getAttribute("title"), why);

  // Times are shown in the clinic's zone and in the viewer's (Tokyo).
  assert.match(await slot.innerText(), /yours/);
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: new URL("booking.png", artefacts).pathname, fullPage: true });
  await context.close();
});

test("the snapshot mode shows the same week as the JSON mode", async () => {
  const read = async (query) => {
    const { page, context } = await open(query);
    const keys = await page.locator("button.slot").evaluateAll((bs) => bs.map((b) => `${b.dataset.key}=${b.dataset.remaining}`));
    await context.close();
    return keys;
  };
  const fromJson = await read("");
  assert.ok(fromJson.length > 50, `${fromJson.length} slots`);
  assert.deepStrictEqual(await read("?mode=snapshot"), fromJson);
});
