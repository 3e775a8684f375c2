// Headless Debian Chromium driven by playwright-core, with every request the
// page makes recorded so tests can prove nothing leaves the page's origin.
import { readFile } from "node:fs/promises";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

import { startServer } from "./server.mjs";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh page (own storage) at `url`, waiting for the block grid to be drawn. */
export async function openApp(browser, url, { viewport = { width: 1366, height: 900 }, serviceWorkers = "block", colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(url);
  // Attached, not visible: a page opened on another section hides the grid.
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]', { state: "attached" });
  return { context, page, requests, errors };
}

export const editor = (page) => page.getByTestId("registry-input");

/**
 * The whole document, as a person gets it: downloaded from the Export
 * section (the editor holds a part of a big one). Leaves Export open.
 */
export async function documentText(page) {
  await showTab(page, "export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-markdown").click()]);
  return readFile(await download.path(), "utf8");
}

/** Goes to line `line` of a big document with the part bar's Go to line, as a person types it. */
export async function goToLine(page, line) {
  await page.getByTestId("go-to-line").fill(String(line));
  await page.getByTestId("go-to-line").press("Enter");
}

/** Waits until the editor holds `text` somewhere. */
export async function editorHolds(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="registry-input"]').value.includes(t), text);
}

/** Opens the section tab `id` (`blocks`, `calculator`, `register`, `export`, `usage`, `review`) by clicking it. */
export async function showTab(page, id) {
  await page.locator(`[data-testid="tab"][data-tab="${id}"]`).click();
  await page.getByTestId(`panel-${id}`).waitFor({ state: "visible" });
  // The sections arrive after the grid: wait for this one's own content (or its failure).
  await page.getByTestId(`panel-${id}`).getByTestId("section-loading").waitFor({ state: "detached" });
}

/** The text of the Export section's snippet `id` (`snippet-env`…), chosen in its File select. */
export async function snippetText(page, id) {
  await page.getByTestId("snippet-file").selectOption(id);
  return page.getByTestId(id).textContent();
}

/** The findings shown, as [code, line] pairs. */
export async function findings(page) {
  return page.$$eval('[data-testid="diagnostic"]', (items) => items.map((i) => [i.dataset.code, Number(i.dataset.line)]));
}

/**
 * Serves the app (`options` as for `startServer`) and launches a browser
 * before a test file's tests, and stops both after them. The returned
 * object's `server` and `browser` are set once the tests start.
 */
export function useApp(options = { base: "/wiki/tools/portreg/" }) {
  const app = {};
  before(async () => {
    app.server = await startServer(options);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser.close();
    app.server.close();
  });
  return app;
}

/**
 * Waits until the service worker keeps a file whose address ends with each
 * of `ends` (polled: a predicate's promise is not waited for by waitForFunction).
 */
export async function waitForKept(page, ends, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const missing = await page.evaluate(
      (wanted) =>
        caches
          .open("portreg-v1")
          .then((cache) => cache.keys())
          .then((kept) => wanted.filter((end) => !kept.some((request) => request.url.endsWith(end)))),
      ends,
    );
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`not kept by the service worker: ${missing.join(", ")}`);
    await page.waitForTimeout(100);
  }
}

/** Makes a share link with the page's button and returns it, once made. */
export async function makeShareLink(page) {
  const before = await page.getByTestId("share-url").inputValue();
  await page.getByTestId("share-link").click();
  const made = await page.waitForFunction((old) => {
    const value = document.querySelector('[data-testid="share-url"]').value;
    return value !== old && value;
  }, before);
  return made.jsonValue();
}
