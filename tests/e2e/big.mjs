// A registry near the app's size limit, and typing into it with the page's
// long tasks recorded: shared by the browser test of big documents and
// tests/e2e/measure.mjs.

import { goToLine } from "./browser.mjs";

/**
 * `copies` full registries one after another (100 project rows and 1,000
 * instance rows each, every copy with its own project names): from the
 * second copy on every block and slot is claimed again, so the document
 * has tens of thousands of findings. 28 copies are 2.0 MB, just under the
 * app's limit of 2 MiB.
 */
export function bigRegistry(copies = 28) {
  const lines = ["# Port Registry", ""];
  for (let copy = 0; copy < copies; copy++) {
    lines.push("| Project Name | Block | Ports | Path | Status | Owner | Date |", "|--------------|-------|-------|------|--------|-------|------|");
    for (let block = 0; block < 100; block++) {
      const start = 30000 + block * 100;
      const day = String((block % 28) + 1).padStart(2, "0");
      lines.push(`| p${copy}-${block} | Block ${block} | ${start}-${start + 99} | ~/src/p${copy}-${block} | active | team${block % 7} | 2025-01-${day} |`);
    }
    lines.push("", "| Project | Instance | Ports | Purpose | Status | Branch/Environment |", "|---------|----------|-------|---------|--------|--------------------|");
    for (let block = 0; block < 100; block++) {
      for (let instance = 1; instance <= 10; instance++) {
        const start = 30000 + block * 100 + (instance - 1) * 10;
        lines.push(`| p${copy}-${block} | ${instance} | ${start}-${start + 9} | Development | active | feature/${instance} |`);
      }
    }
    lines.push("");
  }
  return lines.join("\n") + "\n";
}

/** The row whose status the typing changes: the first project's. */
export const TYPED_ROW = "| p0-0 | Block 0 | 30000-30099 | ~/src/p0-0 | active |";

/**
 * Replaces the document as a paste does: the editor's value changes, then
 * one input event. The editor holds a part of a big document, so the
 * document is cleared first, as a person would.
 */
export async function paste(page, text) {
  if (await page.getByTestId("part").isVisible()) await page.getByTestId("clear").click();
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

/** Waits until the summary shows a finished check, and returns its counts. */
export async function settledSummary(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const summary = document.querySelector('[data-testid="summary"]');
    return summary && summary.dataset.pending !== "true";
  }, null, { timeout, polling: 50 });
  return page.evaluate(() => {
    const { errors, warnings, infos } = document.querySelector('[data-testid="summary"]').dataset;
    return { errors: Number(errors), warnings: Number(warnings), infos: Number(infos) };
  });
}

/**
 * Types `word` into the status cell of TYPED_ROW with the keyboard, one key
 * every `delayMs`, the caret put after the status first, and records every
 * main-thread task over 50 ms from the first key until the findings of the
 * last one are shown. Returns the long tasks' durations and the time from
 * the last key's input event to settled findings.
 */
export async function typeInto(page, word, delayMs = 80) {
  // A big document is edited a part at a time: the row is on line 5.
  if (await page.getByTestId("part").isVisible()) {
    await goToLine(page, 5);
  }
  await page.evaluate((row) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    const at = area.value.indexOf(row) + row.length - 2;
    area.focus();
    area.setSelectionRange(at, at);
    window.__typing = { tasks: [], lastInput: 0 };
    window.__typing.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__typing.tasks.push(Math.round(entry.duration));
    });
    window.__typing.observer.observe({ type: "longtask" });
    area.addEventListener("input", () => (window.__typing.lastInput = performance.now()));
  }, TYPED_ROW);
  await page.keyboard.type(word, { delay: delayMs });
  return page.evaluate(async () => {
    const summary = document.querySelector('[data-testid="summary"]');
    // The input event's check starts in a later task: give it one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => {
      const check = () => (summary.dataset.pending !== "true" ? resolve() : setTimeout(check, 5));
      check();
    });
    const settledMs = Math.round(performance.now() - window.__typing.lastInput);
    // Let a task that started before the findings came in be reported, and take what is still queued.
    await new Promise((resolve) => setTimeout(resolve, 100));
    window.__typing.observer.takeRecords().forEach((e) => window.__typing.tasks.push(e.duration));
    window.__typing.observer.disconnect();
    return { longTasks: window.__typing.tasks, settledMs };
  });
}
