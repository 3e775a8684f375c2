// Measures the release build: download size (first and whole), time to the first grid (on
// loopback, and on a first visit over a slow and a broadband link), the
// time from a keystroke to updated findings on a full registry (100 blocks,
// 1,000 instance rows) and around the size where checking moves to the
// worker, and a 2 MB registry: pasting it, typing in it (the longest
// main-thread task, against a plain text area's), and the findings of the
// last keystroke. Not a test: `node tests/e2e/measure.mjs` prints JSON;
// `PORTREG_DIST=DIR` measures another build (to compare two in one session).
import { bigRegistry, paste, settledSummary, typeInto, TYPED_ROW } from "./big.mjs";
import { launch, openApp } from "./browser.mjs";
import { DIST, startServer } from "./server.mjs";
import { measure } from "../../tools/sizes.mjs";

/** The benchmark's registry: every block a project, every slot an instance. */
export function fullRegistry() {
  const lines = ["| Project Name | Block | Ports | Path | Status | Owner | Date |", "|---|---|---|---|---|---|---|"];
  for (let b = 0; b < 100; b++) {
    const start = 30000 + b * 100;
    lines.push(`| p${b} | Block ${b} | ${start}-${start + 99} | ~/src/p${b} | active | team | 2026-11-01 |`);
  }
  lines.push("", "| Project | Instance | Ports | Purpose | Status | Branch/Environment |", "|---|---|---|---|---|---|");
  for (let b = 0; b < 100; b++) {
    for (let i = 1; i <= 10; i++) {
      const start = 30000 + b * 100 + (i - 1) * 10;
      lines.push(`| p${b} | ${i} | ${start}-${start + 9} | Development | active | feature/${i} |`);
    }
  }
  return lines.join("\n") + "\n";
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Gzipped and brotli bytes of the first download and of everything (tools/size-report.mjs lists each file). */
async function sizes() {
  const { first, all } = await measure(ROOT);
  return { first, all };
}

const ROOT = process.env.PORTREG_DIST ?? DIST;
const server = await startServer({ root: ROOT, base: "/" });
const browser = await launch();
const result = { size: await sizes() };

const firstGrid = [];
for (let run = 0; run < 7; run++) {
  const { page, context } = await openApp(browser, server.url);
  firstGrid.push(await page.evaluate(() => performance.getEntriesByName("portreg:grid")[0].startTime));
  await context.close();
}
result.firstGridMs = { median: median(firstGrid), runs: firstGrid.map((x) => Math.round(x)) };

/** Links a first visit is timed over: bits per second down and up, and the round trip. */
const LINKS = {
  "1.6 Mbit/s, 150 ms": { down: 1.6e6, up: 0.75e6, rttMs: 150 },
  "10 Mbit/s, 40 ms": { down: 10e6, up: 5e6, rttMs: 40 },
};

/**
 * Time to the first grid on a first visit (nothing cached) over `link`, the
 * files sent gzipped as a static host sends them: what the download costs a
 * person, in the browser's own throttling (DevTools' network conditions).
 */
async function firstVisitOver(url, link) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: link.rttMs,
    downloadThroughput: link.down / 8,
    uploadThroughput: link.up / 8,
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("portreg:grid").length > 0, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName("portreg:grid")[0].startTime);
  await context.close();
  return ms;
}

const gzipServer = await startServer({ root: ROOT, base: "/", gzip: true });
result.firstVisitGridMs = {};
for (const [name, link] of Object.entries(LINKS)) {
  const runs = [];
  for (let run = 0; run < 3; run++) runs.push(await firstVisitOver(gzipServer.url, link));
  result.firstVisitGridMs[name] = { median: Math.round(median(runs)), runs: runs.map((x) => Math.round(x)) };
}
gzipServer.close();

/**
 * Times `count` keystrokes on the open document, each turning the status of
 * `row` into an unknown word or back (so the warnings change), from the
 * input event to the changed summary.
 */
function timeKeystrokes(page, row, count = 40) {
  return page.evaluate(async ({ row, count }) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    const summary = document.querySelector('[data-testid="summary"]');
    const typo = row.replace("| active |", "| activex |");
    const times = [];
    for (let k = 0; k < count; k++) {
      const before = summary.dataset.warnings;
      const next = k % 2 === 0 ? area.value.replace(row, typo) : area.value.replace(typo, row);
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (summary.dataset.warnings !== before && summary.dataset.pending !== "true") {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(summary, { attributes: true });
      });
      const start = performance.now();
      area.value = next;
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
      times.push((await changed) - start);
      await new Promise(requestAnimationFrame);
    }
    return times;
  }, { row, count });
}

const stats = (xs) => ({ median: Math.round(median(xs) * 10) / 10, p95: Math.round(percentile(xs, 0.95) * 10) / 10, max: Math.round(Math.max(...xs) * 10) / 10, runs: xs.length });

// Either side of the size where checking moves from the page to the worker
// (96 KB): checked on the page, and checked in the worker.
result.nearTheThreshold = {};
for (const copies of [1, 2]) {
  const { page, context } = await openApp(browser, server.url);
  const text = bigRegistry(copies);
  await paste(page, text);
  await settledSummary(page);
  result.nearTheThreshold[`${Math.round(text.length / 1024)}KB`] = stats(await timeKeystrokes(page, TYPED_ROW, 20));
  await context.close();
}

// A 2 MB registry: the paste, typing, and reading it again for the panels.
{
  const { page, context } = await openApp(browser, server.url);
  const text = bigRegistry();
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__tasks.push([e.startTime, e.duration]))).observe({ type: "longtask" });
  });
  const start = await page.evaluate(() => performance.now());
  await paste(page, text);
  await page.waitForTimeout(50);
  await settledSummary(page);
  const shown = await page.evaluate(() => performance.now());
  const typed = await typeInto(page, "xyzw");
  const settled = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3000);
  const tasks = await page.evaluate(() => window.__tasks);
  const longest = (from, to) => Math.round(Math.max(0, ...tasks.filter(([at]) => at >= from && at < to).map(([, d]) => d)));
  // The same keystrokes in a plain text area holding the same text: what the browser itself takes.
  const plain = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const plainPage = await plain.newPage();
  await plainPage.setContent('<textarea wrap="off" spellcheck="false" style="width:600px;height:400px"></textarea>');
  await plainPage.evaluate((text) => (document.querySelector("textarea").value = text), text);
  const plainTyped = await typeIntoPlain(plainPage, "xyzw");
  await plain.close();
  result.twoMegabytes = {
    bytes: text.length,
    pasteToFindingsMs: Math.round(shown - start),
    longestTaskOfThePasteMs: longest(start, shown),
    longestTaskWhileTypingMs: Math.max(0, ...typed.longTasks),
    longTasksWhileTyping: typed.longTasks,
    plainTextAreaLongestTaskWhileTypingMs: plainTyped,
    lastKeystrokeToFindingsMs: typed.settledMs,
    panelsReadAgainAfterAPauseMs: longest(settled, settled + 3000),
  };
  await context.close();
}

/** The longest task while typing `word` into a plain page's text area, after TYPED_ROW's status. */
async function typeIntoPlain(page, word) {
  await page.evaluate((row) => {
    const area = document.querySelector("textarea");
    const at = area.value.indexOf(row) + row.length - 2;
    area.focus();
    area.setSelectionRange(at, at);
  }, TYPED_ROW);
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__tasks.push(e.duration))).observe({ type: "longtask" });
  });
  await page.keyboard.type(word, { delay: 80 });
  await page.waitForTimeout(200);
  return Math.round(Math.max(0, ...(await page.evaluate(() => window.__tasks))));
}

const { page, context } = await openApp(browser, server.url);
await page.getByTestId("registry-input").fill(fullRegistry());
await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.warnings === "1" && document.querySelector('[data-testid="summary"]').dataset.infos === "1");
// Each keystroke turns p50's status into an unknown word or back, so the findings change.
result.keystrokeToFindingsMs = stats(await timeKeystrokes(page, "| p50 | Block 50 | 35000-35099 | ~/src/p50 | active |"));
await context.close();
await browser.close();
server.close();
console.log(JSON.stringify(result, null, 2));
