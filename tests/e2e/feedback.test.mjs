// Feedback a person can see: copies say so, a stale share link and an old
// form outcome say or go, a wrong block number is named, the focus stays put.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, makeShareLink, openApp, showTab, useApp } from "./browser.mjs";

const app = useApp();

test("copy buttons say they copied; a share link says when the document moved on", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.origin });
  await showTab(page, "export");
  await page.getByTestId("copy-markdown").click();
  // The sign lasts a moment: wait for it rather than read it once.
  await page.getByTestId("copy-markdown").filter({ hasText: "Copied ✓" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await editor(page).inputValue(), "the document is on the clipboard");
  await makeShareLink(page);
  assert.equal(await page.getByTestId("share-stale").count(), 0);
  await editor(page).fill("| Project | Ports |\n|---|---|\n| x | 30000-30099 |\n");
  await page.getByTestId("share-stale").waitFor();
  await context.close();
});

test("a form's outcome goes with the next change of the document", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("new-app");
  await page.getByTestId("reserve-submit").click();
  await page.getByTestId("registration-result").waitFor();
  await editor(page).press("End");
  await editor(page).type(" ");
  await page.getByTestId("registration-result").waitFor({ state: "detached" });
  await context.close();
});

test("the calculator names a wrong block number instead of computing a port", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await showTab(page, "calculator");
  const port = () => page.getByTestId("calc-port").textContent();
  for (const [typed, expected] of [["", /type a block number, 0 to 99/], ["100", /block 100 is past the last block, 99/], ["-1", /is not a block number/], ["2.5", /is not a block number/], ["7", /^30700$/]]) {
    await page.getByTestId("calc-block").fill(typed);
    assert.match(await port(), expected, typed);
  }
  await context.close();
});

test("after a fix the focus stays in the findings", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill("| Project | Block | Ports |\n|---|---|---|\n| a | Block 4 | 30000-30099 |\n");
  await page.locator('[data-testid="diagnostic"][data-code="P004"] [data-testid="fix"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "0");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "findings-title");
  await context.close();
});

test("snippets download under names a browser keeps", async () => {
  // Chromium lets one page start ten downloads in a row: a fresh page for each half.
  const names = [];
  for (const half of [[0, 6], [6, 12]]) {
    const { page, context } = await openApp(app.browser, app.server.url);
    await showTab(page, "export");
    // One snippet is shown at a time, chosen in the File select; each has its Download button.
    const files = await page.locator('[data-testid="snippet-file"] option').evaluateAll((o) => o.map((e) => e.value));
    assert.equal(files.length, 12);
    for (const file of files.slice(...half)) {
      await page.getByTestId("snippet-file").selectOption(file);
      const buttons = await page.locator(".snippet .snippet-head button", { hasText: "Download" }).all();
      assert.equal(buttons.length, 1);
      const [download] = await Promise.all([page.waitForEvent("download"), buttons[0].click()]);
      names.push(download.suggestedFilename());
    }
    await context.close();
  }
  assert.deepEqual(names, [
    "portreg-1.env", "portreg-1.env.example", "config.toml", "docker-compose.ports.yml", "ports.sh", "check-ports.sh",
    "next-instance.sh", "portreg-1.env.local", "next-scripts.json", "vite.config.ts", "server.js", "uvicorn.sh",
  ]);
});

test("the forms reach what the command line does: an additional block, an instance's purpose and status, one instance's status", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill("| Project | Block | Ports | Status |\n|---|---|---|---|\n| api | Block 0 | 30000-30099 | active |\n");
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("api");
  await page.getByTestId("reserve-submit").click();
  assert.match(await page.getByTestId("registration-result").textContent(), /already registered/);
  await page.getByTestId("reserve-additional").check();
  await page.getByTestId("reserve-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("| api | Block 1 | 30100-30199 |"));

  await page.getByTestId("instance-project").selectOption("api");
  await page.getByTestId("instance-purpose").fill("load tests");
  await page.getByTestId("instance-status").selectOption("inactive");
  await page.getByTestId("instance-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("| api | 1 | 30000-30009 | load tests | inactive |"));

  await page.getByTestId("status-project").selectOption("api");
  await page.getByTestId("status-instance").selectOption("1");
  await page.getByTestId("status-value").selectOption("active");
  await page.getByTestId("status-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("| api | 1 | 30000-30009 | load tests | active |"));
  assert.match(await editor(page).inputValue(), /\| api \| Block 0 \| 30000-30099 \| active \|/);
  await context.close();
});

test("a misspelt status has a fix", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill("| Project | Block | Status |\n|---|---|---|\n| api | Block 0 | Actve |\n");
  const message = page.locator('[data-testid="diagnostic"][data-code="S401"] .message');
  assert.equal(await message.textContent(), "unknown status Actve", "quoted text is shown as code, without backticks");
  assert.equal(await message.locator("code").textContent(), "Actve");
  await page.locator('[data-testid="diagnostic"][data-code="S401"] [data-testid="fix"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("| api | Block 0 | Active |"));
  assert.equal(await page.locator('[data-block="0"]').getAttribute("data-state"), "active");
  await context.close();
});
