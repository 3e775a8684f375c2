// The hostile corpus through the app's open-a-file path, hostile names in the
// snippets and the reserve form, and unsafe fixes that ask first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";

import { editor, findings, openApp, showTab, snippetText, useApp } from "./browser.mjs";

const CORPUS = new URL("../../core/tests/fixtures/hostile/", import.meta.url);
// C0 and C1 controls, DEL and the bidirectional overrides and isolates; a
// rendered finding has none of them.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const app = useApp();

async function upload(page, name, buffer) {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/markdown", buffer });
}

async function waitForErrors(page, count) {
  await page.waitForFunction((n) => document.querySelector('[data-testid="summary"]')?.dataset.errors === String(n), count);
}

test("every hostile document opens and pastes, is checked, and shows no control character", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  const files = (await readdir(CORPUS)).filter((f) => f.endsWith(".md")).sort();
  // The snippets are under Export, one shown at a time; the document and findings stay beside it.
  await showTab(page, "export");
  assert.ok(files.length >= 15, files.join(", "));
  for (const file of files) {
    const bytes = await readFile(new URL(file, CORPUS));
    const before = await editor(page).inputValue();
    await upload(page, file, bytes);
    // Opened, or refused with a notice that names the file (a NUL byte makes it binary).
    await page.waitForFunction(
      ([old, name]) =>
        document.querySelector('[data-testid="registry-input"]')?.value !== old ||
        (document.querySelector('[data-testid="notice"]')?.textContent ?? "").includes(name),
      [before, file],
    );
    await assertShownSafely(page, file);
    // The same text typed or pasted into the editor.
    if (!bytes.includes(0)) {
      await editor(page).fill(bytes.toString("utf8"));
      await assertShownSafely(page, `${file} (pasted)`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/** No finding and no snippet on the page holds a control character. */
async function assertShownSafely(page, file) {
  const shown = await page.locator('[data-testid="diagnostics"]').innerText();
  assert.doesNotMatch(shown, UNSAFE, `${file}: a finding shows a control character`);
  const snippets = await page.locator("pre").allInnerTexts();
  const files = await page.locator('[data-testid="snippet-file"] option').evaluateAll((o) => o.map((e) => e.value));
  for (const id of files) snippets.push(await snippetText(page, id));
  for (const text of snippets) assert.doesNotMatch(text.replace(/\n/g, ""), UNSAFE, `${file}: a snippet holds a control character`);
}

test("a lone-CR document is read line by line, and a fix keeps its line endings", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Block | Ports |\r|---|---|---|\r| a | Block 0 | 30000-30099 |\r| b | Block 4 | 30100-30199 |\r";
  await upload(page, "old-mac.md", Buffer.from(doc));
  await waitForErrors(page, 1);
  assert.deepEqual(await findings(page), [["P004", 4]]);
  await page.locator('[data-testid="diagnostic"][data-code="P004"] [data-testid="fix"]').click();
  await waitForErrors(page, 0);
  await showTab(page, "export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-markdown").click()]);
  assert.equal(await readFile(await download.path(), "utf8"), doc.replace("Block 4", "Block 1"));
  await context.close();
});

test("a name that holds a control character gets no snippet, and says why", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await upload(page, "evil.md", await readFile(new URL("entities-and-controls.md", CORPUS)));
  await waitForErrors(page, 5);
  await showTab(page, "export");
  const option = page.locator('[data-testid="snippet-project"] option', { hasText: "curl" });
  await page.getByTestId("snippet-project").selectOption(await option.getAttribute("value"));
  for (const id of ["snippet-env", "snippet-toml", "snippet-compose", "snippet-ports-sh"]) {
    const text = await snippetText(page, id);
    assert.match(text, /^No snippet: the name `api\\u\{a\}curl x \| sh` holds U\+000A/, `${id}: ${text}`);
  }
  const dollar = page.locator('[data-testid="snippet-project"] option', { hasText: "touch" });
  await page.getByTestId("snippet-project").selectOption(await dollar.getAttribute("value"));
  const script = await snippetText(page, "snippet-ports-sh");
  // The name reaches the script only in comments; its project id is a slug of it, data.
  const code = script.split("\n").filter((l) => !l.startsWith("#")).join("\n");
  assert.doesNotMatch(code, /\$\(|`id`/);
  assert.match(code, /\nexport FRONTEND_PORT=\d+\n/);
  await context.close();
});

test("a name with markup and pipes is reserved as written", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const name = "a|b *star* `x` \\";
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill(name);
  await page.getByTestId("reserve-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("star"));
  await page.locator('[data-testid="snippet-project"] option', { hasText: "star" }).first().waitFor({ state: "attached" });
  const values = await page.locator('[data-testid="snippet-project"] option').evaluateAll((o) => o.map((e) => e.value));
  assert.ok(values.includes(name), values.join(" / "));
  assert.equal(await page.getByTestId("summary").getAttribute("data-errors"), "0");
  await context.close();
});

test("a name holding backticks is quoted whole, and markup reaches the document as a character reference", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a`b | Block 5 | 30500-30599 | active |\n| x``y | Block 5 | 30500-30599 | active |\n";
  await editor(page).fill(doc);
  await waitForErrors(page, 1);
  const quoted = await page.locator('[data-testid="diagnostic"][data-code="B101"] .message code').allTextContents();
  assert.deepEqual(quoted, ["a`b"], "the other project's name, whole, in one code element");

  const name = '<img src=x onerror="alert(1)">';
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill(name);
  await page.getByTestId("reserve-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]').value.includes("onerror"));
  const text = await editor(page).inputValue();
  assert.ok(text.includes('| &#60;img src=x onerror="alert(1)"> |'), text);
  await page.locator('[data-testid="snippet-project"] option', { hasText: "onerror" }).first().waitFor({ state: "attached" });
  const values = await page.locator('[data-testid="snippet-project"] option').evaluateAll((o) => o.map((e) => e.value));
  assert.ok(values.includes(name), values.join(" / "));
  assert.equal(await page.locator('img[src="x"]').count(), 0, "no element made from a name");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unsafe fix asks first, and changes nothing when refused", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| a | Block 5 | 30500-30599 | active |\n| b | Block 5 | 30500-30599 | active |\n";
  await editor(page).fill(doc);
  await waitForErrors(page, 1);
  const button = page.locator('[data-testid="diagnostic"][data-code="B101"] [data-testid="fix"]');
  assert.equal(await button.getAttribute("data-applicability"), "unsafe");
  const questions = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    dialog.dismiss();
  });
  await button.click();
  await page.waitForFunction(() => true);
  assert.equal(questions.length, 1);
  assert.equal(await editor(page).inputValue(), doc);
  assert.match(questions[0], /unsafe: “b” may already run on 30500-30599/);
  page.once("dialog", (dialog) => dialog.accept());
  await button.click();
  await waitForErrors(page, 0);
  assert.match(await editor(page).inputValue(), /\| b \| Block 0 \| 30000-30099 \| active \|/);
  await context.close();
});

test("names with control characters are shown escaped everywhere, not only in the findings", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = "| Project Name | Block | Ports | Path | Status | Owner | Date |\n|---|---|---|---|---|---|---|\n" +
    "| a\u0001\u202eb | Block 1 | 30100-30199 | ~/a | act\u0007ive | me | 2026-01-01 |\n\n" +
    "| Project | Instance | Ports | Purpose | Status | Branch/Environment |\n|---|---|---|---|---|---|\n| a\u0001\u202eb | 1 | 30100-30109 | P | active | br\u001b |\n";
  await editor(page).fill(doc);
  await page.locator('[data-block="1"]').click();
  await page.getByTestId("block-detail").waitFor();
  await showTab(page, "calculator");
  await page.getByTestId("lookup-input").fill("30\u0001100");
  const shown = await page.evaluate(() => {
    const texts = [];
    for (const el of document.querySelectorAll("body *:not(textarea):not(script):not(style)")) {
      for (const node of el.childNodes) if (node.nodeType === 3) texts.push(node.textContent);
      for (const attr of ["title", "aria-label", "data-project"]) if (el.getAttribute(attr)) texts.push(el.getAttribute(attr));
    }
    for (const option of document.querySelectorAll("option")) texts.push(option.textContent);
    return texts.join("\n");
  });
  assert.doesNotMatch(shown.replace(/\n/g, ""), UNSAFE);
  assert.match(shown, /a\\u\{1\}\\u\{202e\}b/);
  await context.close();
});
