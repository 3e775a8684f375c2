// A list of projects shows the project its form acts on, whatever happens to
// the document meanwhile, and a help button's project is picked even before
// a big document's projects are read.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, editorHolds, openApp, showTab, useApp } from "./browser.mjs";
import { paste, settledSummary } from "./big.mjs";

const app = useApp();

/** Sets the status chosen in Register to `status`, and waits for `row` in the editor. */
async function setStatus(page, status, row) {
  await page.getByTestId("status-value").selectOption(status);
  await page.getByTestId("status-submit").click();
  await editorHolds(page, row);
}

const TEAM = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| alpha | Block 0 | 30000-30099 | active |\n| beta | Block 1 | 30100-30199 | active |\n| gamma | Block 2 | 30200-30299 | inactive |\n";

test("a project list keeps showing the project its form acts on when the document changes", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(TEAM);
  await showTab(page, "register");
  const list = page.getByTestId("status-project");
  await list.selectOption("gamma");
  // A project row added above the others: the list is drawn again, still on gamma.
  await editor(page).fill(TEAM.replace("| alpha |", "| first | Block 5 | 30500-30599 | active |\n| alpha |"));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="status-project"] option').length === 4);
  assert.equal(await list.inputValue(), "gamma");
  await setStatus(page, "archived", "| gamma | Block 2 | 30200-30299 | archived |");
  // gamma gone: the list shows the first project, and the form acts on it.
  await editor(page).fill(TEAM.replace(/\| gamma .*\n/, ""));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="status-project"] option').length === 2);
  assert.equal(await list.inputValue(), "alpha");
  await setStatus(page, "deprecated", "| alpha | Block 0 | 30000-30099 | deprecated |");
  await context.close();
});

test("a list keeps a pick the person changed when rows before it go or move, and when its name's case changes", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const rows = { alpha: "| alpha | Block 0 | 30000-30099 | active |", beta: "| beta | Block 1 | 30100-30199 | active |", gamma: "| Gamma | Block 2 | 30200-30299 | active |" };
  const doc = (...names) => `| Project | Block | Ports | Status |\n|---|---|---|---|\n${names.map((n) => rows[n]).join("\n")}\n`;
  await editor(page).fill(doc("alpha", "beta", "gamma"));
  await showTab(page, "register");
  const list = page.getByTestId("status-project");
  // Picked twice: the option picked first is the person's, which an attribute no longer moves.
  await list.selectOption("beta");
  await list.selectOption("Gamma");
  for (const order of [["alpha", "gamma"], ["gamma", "alpha", "beta"]]) {
    await editor(page).fill(doc(...order));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="status-project"] option').length === n, order.length);
    assert.equal(await list.inputValue(), "Gamma", order.join(","));
  }
  rows.gamma = rows.gamma.replace("Gamma", "GAMMA");
  await editor(page).fill(doc("alpha", "gamma"));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="status-project"] option')].some((o) => o.value === "GAMMA"));
  assert.equal(await list.inputValue(), "GAMMA");
  await setStatus(page, "archived", "| GAMMA | Block 2 | 30200-30299 | archived |");
  await context.close();
});

test("a help button naming a project in another case picks it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill("| Project | Block | Ports | Status |\n|---|---|---|---|\n| alpha | Block 0 | 30000-30099 | active |\n| Web | Block 1 | 30100-30199 | active |\n\n| Project | Ports | Status |\n|---|---|---|\n| web | 54321-54323 | active |\n");
  const finding = page.locator('[data-testid="diagnostic"][data-code="R203"]').first();
  await finding.getByTestId("go-to-section").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="snippet-project"]')?.value === "Web");
  assert.match(await page.getByTestId("snippet-env").textContent(), /=301\d\d/);
  await context.close();
});

test("in a document checked beside the page, the lists keep their projects while it is read again", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const notes = "Ask the team lead before you take a block; keep this file sorted by block.\n".repeat(1500);
  await paste(page, TEAM + "\n" + notes);
  await settledSummary(page);
  await showTab(page, "register");
  const list = page.getByTestId("status-project");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="status-project"] option').length === 3, null, { timeout: 20_000 });
  await list.selectOption("gamma");
  await editor(page).press("End");
  await editor(page).type("x");
  assert.equal(await page.locator('[data-testid="status-project"] option').count(), 3);
  assert.equal(await list.inputValue(), "gamma");
  await setStatus(page, "archived", "| gamma | Block 2 | 30200-30299 | archived |");
  await context.close();
});

test("in a big document a help button's project is picked once the projects are read, and Register says it is reading", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const name = "web,api";
  // Big by its notes, so the finding is among the first listed.
  const notes = "Ask the team lead before you take a block; keep this file sorted by block.\n".repeat(4000);
  const doc = `| Project | Block | Ports | Status |\n|---|---|---|---|\n| alpha | Block 0 | 30000-30099 | active |\n| ${name} | Block 1 | 30100-30199 | active |\n\n| Project | Ports | Status |\n|---|---|---|\n| ${name} | 54321-54323 | active |\n\n${notes}`;
  await showTab(page, "register");
  await paste(page, doc);
  // Once the findings are in and before the panels read the document again
  // (a moment later): nothing untrue about the blocks.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="summary"]')?.dataset.pending !== "true" &&
      document.querySelector("#panel-register .hint")?.textContent === "Reading the document…",
    null,
    { polling: 50, timeout: 60_000 },
  );
  const finding = page.locator('[data-testid="diagnostic"][data-code="R203"]').first();
  await finding.getByTestId("go-to-section").click();
  await page.waitForFunction((name) => document.querySelector('[data-testid="snippet-project"]')?.value === name, name, { timeout: 20_000 });
  assert.match(await page.getByTestId("snippet-env").textContent(), /=301\d\d/);
  await context.close();
});

for (const [kind, path] of [["a long path", "~/src/" + "deep/".repeat(70) + "app"], ["tabs", "~/src/" + "\t".repeat(30) + "x"]]) test(`a change made by a form is scrolled into view, across too (${kind})`, async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(`| Project | Block | Ports | Path | Status |\n|---|---|---|---|---|\n| api | Block 0 | 30000-30099 | ${path} | active |\n`);
  await showTab(page, "register");
  await page.getByTestId("status-project").selectOption("api");
  await setStatus(page, "inactive", "| inactive |");
  const seen = await editor(page).evaluate((area) => {
    // Where the change starts, measured: the row's text up to it, as the editor lays it out.
    const line = area.value.split("\n")[2];
    const probe = document.createElement("span");
    const style = getComputedStyle(area);
    Object.assign(probe.style, { font: style.font, whiteSpace: "pre", tabSize: style.tabSize, position: "absolute", visibility: "hidden" });
    probe.textContent = line.slice(0, line.indexOf("inactive"));
    document.body.append(probe);
    const x = probe.getBoundingClientRect().width;
    probe.remove();
    return { x, left: area.scrollLeft, width: area.clientWidth };
  });
  assert.ok(seen.x >= seen.left && seen.x <= seen.left + seen.width, JSON.stringify(seen));
  await context.close();
});
