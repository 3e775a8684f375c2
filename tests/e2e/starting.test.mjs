// Before the app is up the page says it is starting, never stays blank: the
// line goes once the app is drawn, and says why when the app cannot start (a
// download that fails, a browser without WebAssembly).
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./browser.mjs";

const app = useApp();
const MAIN_WASM = /portreg-app_bg\.wasm$/;

/** A page with its own storage, collecting its uncaught errors. */
async function newPage() {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { context, page, errors };
}

test("the page says it is starting while the app downloads, and the line goes once the app is drawn", async () => {
  const { context, page, errors } = await newPage();
  let release;
  const held = new Promise((done) => (release = done));
  await context.route(MAIN_WASM, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(app.server.url);
  const starting = page.getByTestId("starting");
  await starting.waitFor();
  assert.equal(await starting.textContent(), "Starting portreg…");
  assert.equal(await starting.getAttribute("role"), "status");
  release();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  assert.equal(await starting.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a wasm that cannot be downloaded leaves a message saying so, not a blank page", async () => {
  const { context, page } = await newPage();
  await context.route(MAIN_WASM, (route) => route.abort("internetdisconnected"));
  await page.goto(app.server.url);
  const failed = page.locator('[data-testid="starting"].failed');
  await failed.waitFor();
  assert.equal(await failed.getAttribute("role"), "alert");
  assert.match(await failed.textContent(), /^portreg could not start: .+\. Reload the page to try again\.$/);
  assert.equal(await page.getByTestId("block-grid").count(), 0);
  await context.close();
});

test("a browser without WebAssembly is told the app needs it", async () => {
  const { context, page } = await newPage();
  await page.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  await page.goto(app.server.url);
  const failed = page.locator('[data-testid="starting"].failed');
  await failed.waitFor();
  assert.equal(await failed.textContent(), "portreg needs WebAssembly, which this browser does not have or has turned off.");
  await context.close();
});
