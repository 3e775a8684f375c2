// The sections opened now and then (Calculator, Register, Export, Usage,
// Review) come in a second download after the page is shown: a failed
// download says so and can be tried again while the rest of the page works,
// a help button still reaches its form when the sections arrive late, they
// work offline after one visit, and a redeploy replaces what is kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { editor, findings, openApp, showTab, useApp, waitForKept } from "./browser.mjs";
import { DIST, startServer } from "./server.mjs";

const app = useApp();
const SECTIONS = /split_sections\.wasm$/;

test("the page is usable before the sections' download, which comes after it", async () => {
  const { page, context, requests } = await openApp(app.browser, app.server.url);
  await showTab(page, "export");
  await page.getByTestId("snippet-file").waitFor();
  const main = requests.findIndex((url) => url.endsWith("_bg.wasm"));
  const sections = requests.findIndex((url) => SECTIONS.test(url));
  assert.ok(main >= 0 && sections > main, requests.join("\n"));
  await context.close();
});

test("a failed download says so, the rest of the page works, and Try again loads the sections", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  let refuse = true;
  await context.route(SECTIONS, (route) => (refuse ? route.abort("internetdisconnected") : route.continue()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${app.server.url}#usage`);
  const failed = page.getByTestId("panel-usage").getByTestId("section-failed");
  await failed.waitFor();
  assert.match(await failed.textContent(), /could not be downloaded/);
  // The document, its findings and the block grid go on working.
  await editor(page).fill("| Project | Block | Status |\n|---|---|---|\n| api | Block 0 | actve |\n");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length > 0);
  assert.ok((await findings(page)).length > 0);
  await showTab(page, "blocks");
  await page.locator('[data-block="0"]').click();
  refuse = false;
  await showTab(page, "usage");
  await page.getByTestId("panel-usage").getByTestId("section-retry").click();
  await page.getByTestId("listing-input").waitFor();
  await showTab(page, "export");
  await page.getByTestId("snippet-file").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** A registry whose instance row names an unregistered project: its help says `portreg reserve`. */
const GHOST = "| Project | Block | Status |\n|---|---|---|\n| api | Block 0 | active |\n\n| Project | Instance | Ports |\n|---|---|---|\n| ghost | 1 | 30500-30509 |\n";

/** A page whose sections' download waits until `release()` is called. */
async function openWithSectionsHeld() {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route(SECTIONS, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(app.server.url);
  return { context, page, release };
}

/** Waits two animation frames: a focus the page moves late happens in the next one. */
function twoFrames(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Lets the held sections arrive, and gives a late focus the frame it would take. */
async function releaseAndSettle(page, release) {
  release();
  await page.getByTestId("reserve-name").waitFor({ state: "attached" });
  await twoFrames(page);
}

/** Clicks the help button of the finding that suggests `portreg reserve`. */
async function clickReserveHelp(page) {
  const finding = page.locator('[data-testid="diagnostic"]', { has: page.locator(".help", { hasText: "portreg reserve" }) }).first();
  await finding.getByTestId("go-to-section").click();
}

test("a help button reaches its form when the sections arrive after the click", async () => {
  const { context, page, release } = await openWithSectionsHeld();
  await editor(page).fill(GHOST);
  await clickReserveHelp(page);
  await page.getByTestId("panel-register").getByTestId("section-loading").waitFor();
  release();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "reserve-name");
  assert.equal(await page.getByTestId("reserve-name").inputValue(), "ghost", "the project the help names is filled in");
  await context.close();
});

test("a help button whose section arrives after the person clicked elsewhere leaves the focus alone", async () => {
  const { context, page, release } = await openWithSectionsHeld();
  await editor(page).fill(GHOST);
  await clickReserveHelp(page);
  // A click on text that takes no focus: the focus is nowhere, yet the person went on.
  await page.locator("h1").click();
  await releaseAndSettle(page, release);
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), "reserve-name");
  await context.close();
});

test("a help button whose section arrives after the person went to another tab fills nothing in", async () => {
  const { context, page, release } = await openWithSectionsHeld();
  await editor(page).fill(GHOST);
  await clickReserveHelp(page);
  await page.locator('[data-testid="tab"][data-tab="blocks"]').click();
  await releaseAndSettle(page, release);
  await page.locator('[data-testid="tab"][data-tab="register"]').click();
  assert.equal(await page.getByTestId("reserve-name").inputValue(), "");
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), "reserve-name");
  await context.close();
});

test("a help button whose section arrives after the person moved on leaves the focus where it is", async () => {
  const { context, page, release } = await openWithSectionsHeld();
  await editor(page).fill(GHOST);
  await clickReserveHelp(page);
  await editor(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("<!-- before");
  release();
  await page.getByTestId("panel-register").getByTestId("reserve-name").waitFor();
  await twoFrames(page);
  await page.keyboard.type(" and after -->");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "registry-input");
  assert.equal(await editor(page).inputValue(), `${GHOST}<!-- before and after -->`);
  await context.close();
});

test("a sections file that is not this build's is refused like a failed download", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  // A valid, empty wasm module: it would instantiate, but it is not the sections.
  const empty = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  let wrong = true;
  await context.route(SECTIONS, (route) =>
    wrong ? route.fulfill({ status: 200, contentType: "application/wasm", body: empty }) : route.continue(),
  );
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${app.server.url}#export`);
  await page.getByTestId("panel-export").getByTestId("section-failed").waitFor();
  await editor(page).fill("| Project | Block | Status |\n|---|---|---|\n| api | Block 0 | actve |\n");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length > 0);
  wrong = false;
  await page.getByTestId("panel-export").getByTestId("section-retry").click();
  // The focus stays in the panel while the button that had it goes away.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "panel-export");
  await page.getByTestId("snippet-file").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a download that stalls is given up after 30 s, and Try again fetches anew", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  let asked = 0;
  await context.route(SECTIONS, (route) => {
    asked += 1;
    // The first fetch is never answered; the next ones are.
    return asked === 1 ? undefined : route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${app.server.url}#review`);
  const panel = page.getByTestId("panel-review");
  await panel.getByTestId("section-loading").waitFor();
  assert.equal(await panel.getByTestId("section-loading").getAttribute("role"), "status");
  await panel.getByTestId("section-failed").waitFor({ timeout: 45_000 });
  await panel.getByTestId("section-retry").click();
  await page.locator("#review-title").waitFor();
  assert.equal(asked, 2);
  await context.close();
});

test("after one visit, the sections open offline", async () => {
  const { page, context } = await openApp(app.browser, app.server.url, { serviceWorkers: "allow" });
  await waitForKept(page, ["_bg.wasm", "split_sections.wasm"]);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]', { state: "attached" });
  await showTab(page, "calculator");
  await page.getByTestId("calc-block").waitFor();
  await showTab(page, "review");
  await page.locator("#review-title").waitFor();
  assert.equal(await page.getByTestId("section-failed").count(), 0);
  await context.close();
});

test("after a redeploy the service worker keeps the new build's files and drops the old one's", async () => {
  const root = await mkdtemp(join(tmpdir(), "portreg-site-"));
  await cp(DIST, root, { recursive: true });
  const server = await startServer({ root, base: "/" });
  try {
    const { page, context } = await openApp(app.browser, server.url, { serviceWorkers: "allow" });
    await waitForKept(page, ["_bg.wasm", "split_sections.wasm"]);
    const old = (await readdir(root)).find((name) => name.startsWith("app-"));
    // The next build: the same files under another folder, as a deploy of changed code makes.
    const next = "app-0123456789abcdef";
    await rename(join(root, old), join(root, next));
    const html = await readFile(join(root, "index.html"), "utf8");
    await writeFile(join(root, "index.html"), html.replaceAll(old, next));
    await page.reload();
    await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]', { state: "attached" });
    await waitForKept(page, [`${next}/portreg-app_bg.wasm`, `${next}/split_sections.wasm`]);
    const kept = async () =>
      page.evaluate((gone) => caches.open("portreg-v1").then((c) => c.keys()).then((k) => k.filter((r) => r.url.includes(gone)).length), old);
    for (let tries = 0; (await kept()) > 0; tries++) {
      assert.ok(tries < 100, `files of ${old} still kept`);
      await page.waitForTimeout(100);
    }
    await context.close();
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});
