// What a review of the app found: help buttons that plan a move pick the
// project named, results quote names whole, a form sent with Enter can be
// undone with Ctrl+Z, a document left with a merge conflict is never edited,
// and long names never widen the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, openApp, showTab, useApp } from "./browser.mjs";

const app = useApp();

const LEGACY = "| Project | Ports | Status |\n|---|---|---|\n| alpha | 3000 | active |\n| beta | 8000 | active |\n| ga`mma | 8100 | active |\n";

test("a help button that plans a move shows the plan of the project it names, and the list agrees after Apply", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  await editor(page).fill(LEGACY);
  for (const name of ["beta", "ga`mma"]) {
    const finding = page.locator('[data-testid="diagnostic"][data-code="R202"]', { has: page.locator("code", { hasText: `migrate ${name.includes("`") ? "'ga`mma'" : name}` }) });
    await finding.first().getByTestId("go-to-section").click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="migration-project"]')?.value === n, name);
    const heading = (await page.getByTestId("migration-plan").textContent()).split("\n")[0];
    assert.equal(heading, `# Migration plan: ${name.replace("`", "\\`")}`);
  }
  // Applied, beta holds a block: the list and the plan move on to the same project.
  await page.getByTestId("migration-project").selectOption("beta");
  await page.getByTestId("migration-apply").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]').value.includes("| beta | 8000 | deprecated |"));
  const shown = await page.getByTestId("migration-project").inputValue();
  assert.notEqual(shown, "beta");
  const heading = (await page.getByTestId("migration-plan").textContent()).split("\n")[0];
  assert.equal(heading, `# Migration plan: ${shown.replace("`", "\\`")}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a reservation sent with Enter is quoted whole and undone with Ctrl+Z", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const before = await editor(page).inputValue();
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("a`b");
  await page.getByTestId("reserve-name").press("Enter");
  const result = page.getByTestId("registration-result");
  await result.waitFor();
  assert.deepEqual(await result.locator("code").allTextContents(), ["a`b"]);
  assert.ok((await editor(page).inputValue()).includes("| a`b |"));
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "registration-result");
  await page.keyboard.press("Control+z");
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]').value === text, before);
  await context.close();
});

test("a document left with a merge conflict offers no fix, and the forms refuse it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc =
    "| Project | Block | Ports | Status |\n|---|---|---|---|\n| web | Block 1 | 30100-30199 | actve |\n" +
    "<<<<<<< ours\n| api | Block 2 | 30200-30299 | active |\n=======\n| db | Block 2 | 30200-30299 | active |\n>>>>>>> theirs\n";
  await editor(page).fill(doc);
  await page.locator('[data-testid="diagnostic"][data-code="G702"]').first().waitFor();
  assert.equal(await page.getByTestId("fix").count(), 0);
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("new");
  await page.getByTestId("reserve-submit").click();
  await page.getByTestId("registration-result").filter({ hasText: "resolve the conflict first" }).waitFor();
  assert.equal(await editor(page).inputValue(), doc);
  await context.close();
});

test("long project names never widen the page", async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
    const { page, context } = await openApp(app.browser, app.server.url, { viewport });
    const long = "verylongname-".repeat(8);
    await editor(page).fill(`| Project | Block | Ports | Status |\n|---|---|---|---|\n| ${long} | Block 1 | 30100-30199 | active |\n| old${long} | | 3000 | legacy |\n`);
    for (const tab of ["register", "export", "review"]) {
      await showTab(page, tab);
      // Each select of names is drawn: the projects', and the legacy one's under Export.
      await page.getByTestId(tab === "export" ? "migration-project" : tab === "register" ? "status-project" : "emergency-project").waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `${tab} at ${viewport.width}px: the page is ${wide}px wide`);
    }
    await context.close();
  }
});
