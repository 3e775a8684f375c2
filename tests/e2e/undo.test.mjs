// Nothing the user wrote is lost: every change is undoable, a replaced
// document is kept to restore, a share link never discards the user's own
// document, and typing keeps the document's line endings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { editor, makeShareLink, openApp, showTab, useApp } from "./browser.mjs";

const SAMPLE = await readFile(new URL("../../examples/ports.md", import.meta.url), "utf8");
const MINE = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| mine | Block 7 | 30700-30799 | active |\n| two | Block 3 | 30700-30799 | active |\n| old | 3000 | legacy | legacy |\n";

const app = useApp();

const value = (page) => editor(page).inputValue();

async function waitForValue(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="registry-input"]')?.value === t, text);
}

test("every kind of change is undone and redone, by button and by keyboard", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  assert.equal(await page.getByTestId("undo").isDisabled(), true);
  await editor(page).fill(MINE);
  const steps = [MINE];
  const step = async (action) => {
    const before = await value(page);
    await action();
    await page.waitForFunction((old) => document.querySelector('[data-testid="registry-input"]')?.value !== old, before);
    steps.push(await value(page));
  };
  await step(() => page.locator('[data-testid="diagnostic"][data-code="P004"] [data-testid="fix"]').click());
  await step(async () => {
    await showTab(page, "register");
    await page.getByTestId("reserve-name").fill("new-app");
    await page.getByTestId("reserve-submit").click();
  });
  await step(async () => {
    await page.getByTestId("instance-project").selectOption("new-app");
    await page.getByTestId("instance-submit").click();
  });
  await step(async () => {
    await page.getByTestId("status-project").selectOption("new-app");
    await page.getByTestId("status-value").selectOption("active");
    await page.getByTestId("status-submit").click();
  });
  await step(async () => {
    await showTab(page, "export");
    await page.getByTestId("migration-apply").click();
  });
  await step(() => page.getByTestId("load-sample").click());
  await step(() => page.getByTestId("clear").click());
  await step(() => page.getByTestId("file-input").setInputFiles({ name: "f.md", mimeType: "text/markdown", buffer: Buffer.from("| Project | Ports |\n|---|---|\n| f | 30000-30099 |\n") }));
  assert.equal(new Set(steps).size, steps.length, "every step changed the document");

  for (let i = steps.length - 1; i > 0; i--) {
    if (i % 2) await page.getByTestId("undo").click();
    else await page.keyboard.press("Control+z");
    await waitForValue(page, steps[i - 1]);
  }
  for (let i = 1; i < steps.length; i++) {
    if (i % 2) await page.getByTestId("redo").click();
    else await page.keyboard.press("Control+Shift+z");
    await waitForValue(page, steps[i]);
  }
  assert.equal(await page.getByTestId("redo").isDisabled(), true);
  await context.close();
});

test("typing is undone a run at a time, and in the editor Ctrl+Z is the app's undo", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await editor(page).focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("| typed | Block 9 | 30900-30999 | active |\n");
  await page.keyboard.press("Control+z");
  await waitForValue(page, MINE);
  await page.keyboard.press("Control+z");
  await waitForValue(page, SAMPLE);
  await context.close();
});

test("undo and redo of a replacement never lose the replaced document", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await page.getByTestId("clear").click();
  await waitForValue(page, "");
  await page.getByTestId("kept").waitFor();
  await page.getByTestId("undo").click();
  await waitForValue(page, MINE);
  // Shown again, it is not offered to restore; kept all the same.
  assert.equal(await page.getByTestId("kept").count(), 0);
  await page.getByTestId("redo").click();
  await waitForValue(page, "");
  await page.getByTestId("kept").waitFor();
  await page.reload();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await context.close();
});

test("a restored document stays kept when undo replaces it again", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await page.getByTestId("load-sample").click();
  await waitForValue(page, SAMPLE);
  await editor(page).fill("| Project | Ports |\n|---|---|\n| other | 30100-30199 |\n");
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await page.getByTestId("undo").click();
  await waitForValue(page, "| Project | Ports |\n|---|---|\n| other | 30100-30199 |\n");
  await page.reload();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await context.close();
});

test("a replaced document is kept, and restored across a reload", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await page.getByTestId("clear").click();
  await waitForValue(page, "");
  await page.getByTestId("kept").waitFor();
  await page.reload();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await context.close();
});

test("a share link opened over the user's document keeps it restorable, and leaves the address", async () => {
  const first = await openApp(app.browser, app.server.url);
  await editor(first.page).fill("| Project | Ports |\n|---|---|\n| shared | 30000-30099 |\n");
  await showTab(first.page, "export");
  const url = await makeShareLink(first.page);
  await first.context.close();

  const shared = "| Project | Ports |\n|---|---|\n| shared | 30000-30099 |\n";
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  // Pasted into the address bar of the open page: only the fragment changes.
  await page.goto(url);
  await waitForValue(page, shared);
  assert.equal(new URL(page.url()).hash, "#blocks", "the link leaves the address once read; the section shown stays in it");
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await page.reload();
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  await waitForValue(page, MINE);
  // Opened as a new page of the same browser.
  const other = await context.newPage();
  await other.goto(url);
  await waitForValue(other, shared);
  assert.equal(new URL(other.url()).hash, "");
  await other.getByTestId("restore").click();
  await waitForValue(other, MINE);
  await context.close();
});

test("typing in a CRLF document keeps its line endings", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const crlf = MINE.replace(/\n/g, "\r\n");
  await page.getByTestId("file-input").setInputFiles({ name: "win.md", mimeType: "text/markdown", buffer: Buffer.from(crlf) });
  await waitForValue(page, MINE);
  await editor(page).focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("| more | Block 9 | 30900-30999 | active |\n");
  await showTab(page, "export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-markdown").click()]);
  assert.equal(await readFile(await download.path(), "utf8"), `${crlf}| more | Block 9 | 30900-30999 | active |\r\n`);
  await context.close();
});

test("documents replaced one after another all stay restorable, and Restore never offers the current one", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await page.getByTestId("clear").click();
  await editor(page).fill("| Project | Ports |\n|---|---|\n| second | 30100-30199 |\n");
  await page.getByTestId("load-sample").click();
  await waitForValue(page, SAMPLE);
  await page.reload();
  await page.getByTestId("kept").waitFor();
  assert.match(await page.getByTestId("kept").textContent(), /\(2\)/);
  await page.getByTestId("restore").click();
  await waitForValue(page, "| Project | Ports |\n|---|---|\n| second | 30100-30199 |\n");
  await page.getByTestId("undo").click();
  await waitForValue(page, SAMPLE);
  // The restored document is on the redo side now; the other kept one is still offered.
  await page.getByTestId("redo").click();
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  await context.close();
});
