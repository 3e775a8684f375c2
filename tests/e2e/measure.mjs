// Measures the release build: download size, time to the first grid, and the
// time from a keystroke to updated findings on a full registry (100 blocks,
// 1,000 instance rows). Not a test: `node tests/e2e/measure.mjs` prints JSON.
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

import { launch, openApp } from "./browser.mjs";
import { DIST, startServer } from "./server.mjs";

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

async function sizes() {
  const out = {};
  for (const name of await readdir(DIST)) {
    const body = await readFile(join(DIST, name));
    const kind = name.endsWith(".wasm") ? "wasm" : name.endsWith(".js") && name !== "sw.js" ? "js" : name.endsWith(".css") ? "css" : null;
    if (kind) out[kind] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  out.total = { raw: out.wasm.raw + out.js.raw, gzip: out.wasm.gzip + out.js.gzip };
  return out;
}

const server = await startServer({ base: "/" });
const browser = await launch();
const result = { size: await sizes() };

const firstGrid = [];
for (let run = 0; run < 7; run++) {
  const { page, context } = await openApp(browser, server.url);
  firstGrid.push(await page.evaluate(() => performance.getEntriesByName("portreg:grid")[0].startTime));
  await context.close();
}
result.firstGridMs = { median: median(firstGrid), runs: firstGrid.map((x) => Math.round(x)) };

const { page, context } = await openApp(browser, server.url);
await page.getByTestId("registry-input").fill(fullRegistry());
await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.warnings === "1" && document.querySelector('[data-testid="summary"]').dataset.infos === "1");
const keystrokes = await page.evaluate(async () => {
  const area = document.querySelector('[data-testid="registry-input"]');
  const summary = document.querySelector('[data-testid="summary"]');
  const times = [];
  for (let k = 0; k < 40; k++) {
    // Each keystroke turns p50's status into an unknown word or back, so the findings change.
    const before = summary.dataset.warnings;
    const next = k % 2 === 0 ? area.value.replace("| p50 | Block 50 | 35000-35099 | ~/src/p50 | active |", "| p50 | Block 50 | 35000-35099 | ~/src/p50 | activex |")
                              : area.value.replace("| activex |", "| active |");
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (summary.dataset.warnings !== before) {
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
});
result.keystrokeToFindingsMs = { median: median(keystrokes), p95: percentile(keystrokes, 0.95), max: Math.max(...keystrokes), runs: keystrokes.length };
await context.close();
await browser.close();
server.close();
console.log(JSON.stringify(result, null, 2));
