// A big document is edited a part at a time: the editor holds whole lines
// of up to 256 KB, and what is typed there lands in the document at its
// place, byte for byte, whatever its line endings.
import { test } from "node:test";
import assert from "node:assert/strict";

import { documentText, editor, goToLine, openApp, useApp } from "./browser.mjs";
import { bigRegistry, paste, settledSummary } from "./big.mjs";

const app = useApp();
const PART = 256 * 1024;

/** Which lines the editor holds (counted from 1), and what it shows. */
async function held(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('[data-testid="part-lines"]');
    const area = document.querySelector('[data-testid="registry-input"]');
    const [, first, last, total] = bar.textContent.match(/^Lines (\d+)–(\d+) of (\d+)/).map(Number);
    return { first, last, total, value: area.value };
  });
}

/** Puts the caret at UTF-16 offset `at` of the editor (the end for -1). */
async function caretAt(page, at) {
  await editor(page).evaluate((area, at) => {
    const to = at < 0 ? area.value.length : at;
    area.focus();
    area.setSelectionRange(to, to);
  }, at);
}

test("typing at a part's edges lands on its lines, CRLF and lone-CR line endings kept byte for byte", async () => {
  for (const [name, eol] of [["crlf.md", "\r\n"], ["old-mac.md", "\r"]]) {
    const { page, context, errors } = await openApp(app.browser, app.server.url);
    const doc = bigRegistry(8).replaceAll("\n", eol);
    const lines = doc.split(eol);
    await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/markdown", buffer: Buffer.from(doc) });
    await page.getByTestId("part").waitFor();
    let part = await held(page);
    assert.equal(part.first, 1, name);
    assert.equal(part.total, lines.length, name);
    assert.equal(part.value, lines.slice(0, part.last).join("\n"), `${name}: the editor shows the first lines as they are`);
    assert.ok(part.value.length <= PART);

    await page.getByTestId("part-later").click();
    part = await held(page);
    assert.ok(part.first > 1, name);
    assert.equal(part.value, lines.slice(part.first - 1, part.last).join("\n"), `${name}: and the next ones`);
    // At the end of the part's last line, and a new line before its first.
    await caretAt(page, -1);
    await page.keyboard.type("Z");
    await caretAt(page, 0);
    await page.keyboard.press("Enter");
    const expected = [...lines];
    expected[part.last - 1] += "Z";
    expected.splice(part.first - 1, 0, "");
    await settledSummary(page);
    assert.equal(await documentText(page), expected.join(eol), `${name}: the document changed there and nowhere else`);
    assert.equal((await held(page)).first, part.first, `${name}: the editor kept its lines`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a finding in other lines is shown and selected there, and undo shows its change", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = bigRegistry();
  await paste(page, doc);
  await settledSummary(page);
  // The paste's caret is at its end: the editor holds the last lines.
  let part = await held(page);
  assert.equal(part.last, part.total);
  const finding = page.locator('[data-testid="diagnostic"]').first();
  const line = Number(await finding.getAttribute("data-line"));
  assert.ok(line < part.first, `the first finding (line ${line}) is in earlier lines`);
  await finding.locator(".line-link").click();
  part = await held(page);
  assert.ok(part.first <= line && line <= part.last, `line ${line} is in ${part.first}–${part.last}`);
  const selected = await editor(page).evaluate((area) => area.value.slice(area.selectionStart, area.selectionEnd));
  assert.equal(selected, doc.split("\n")[line - 1], "its line is selected");
  // The gutter follows the editor's scroll on the next frame.
  await page.waitForFunction((l) => {
    const first = Number(document.querySelector(".gutter-lines").dataset.first);
    return first <= l && l < first + 20;
  }, line);

  // Typed here, undone while other lines are shown: the editor shows the undone lines again.
  await page.keyboard.press("End");
  await page.keyboard.type("Q");
  await page.getByTestId("part-later").click();
  assert.ok((await held(page)).first > line);
  await page.getByTestId("undo").click();
  part = await held(page);
  assert.ok(part.first <= line && line <= part.last, "undo shows the line it changed");
  assert.equal(part.value.split("\n")[line - part.first], doc.split("\n")[line - 1]);
  await context.close();
});

test("a paste that makes a document big leaves the caret after it, in the lines around it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await paste(page, "# Top\n\nend\n");
  const big = bigRegistry(6);
  // As a paste does: the text goes in at the caret, which ends after it, then one input event.
  await editor(page).evaluate((area, big) => {
    area.focus();
    area.setRangeText(big, 6, 6, "end");
    area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, big);
  await page.getByTestId("part").waitFor();
  const caret = await editor(page).evaluate((area) => ({ before: area.value.slice(0, area.selectionStart), after: area.value.slice(area.selectionEnd) }));
  assert.ok(caret.before.endsWith(big.slice(-2000)), "the caret follows what was pasted");
  assert.equal(caret.after, "\nend\n");
  assert.ok((await editor(page).inputValue()).length <= PART + 64);
  assert.equal(await documentText(page), `# Top\n${big}\nend\n`);
  await context.close();
});

test("Go to line takes any number and keeps within the document", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  const doc = bigRegistry(6);
  const lines = doc.split("\n");
  await paste(page, doc);
  const go = page.getByTestId("go-to-line");
  for (const [typed, line] of [["0", 1], ["-7", 1], ["99999999", lines.length], ["1e3", 1000], ["12.7", 12], ["", null]]) {
    await go.fill(typed);
    await go.press("Enter");
    if (line === null) continue;
    const part = await held(page);
    assert.ok(part.first <= line && line <= part.last, `${typed}: line ${line} is in ${part.first}–${part.last}`);
    const selected = await editor(page).evaluate((area) => area.value.slice(area.selectionStart, area.selectionEnd));
    assert.equal(selected, lines[line - 1], `${typed}: line ${line} is selected`);
  }
  // Earlier and Later stop at the document's ends.
  await go.fill("1");
  await go.press("Enter");
  assert.equal(await page.getByTestId("part-earlier").getAttribute("aria-disabled"), "true");
  // To the end by keyboard: the button keeps the focus once there is nothing later.
  await page.getByTestId("part-later").focus();
  while ((await page.getByTestId("part-later").getAttribute("aria-disabled")) !== "true") await page.keyboard.press("Enter");
  assert.equal((await held(page)).last, lines.length);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "part-later");
  await page.keyboard.press("Enter");
  assert.equal((await held(page)).last, lines.length);
  // The same number again, by Enter (no change event), goes there again.
  await go.fill("500");
  await go.press("Enter");
  await page.getByTestId("part-later").click();
  await go.press("Enter");
  const part = await held(page);
  assert.ok(part.first <= 500 && 500 <= part.last, `line 500 is in ${part.first}–${part.last}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("after Later lines, typing goes where the lines shown start", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = bigRegistry(6);
  await paste(page, doc);
  await goToLine(page, 1);
  await page.getByTestId("part-later").click();
  const part = await held(page);
  await editor(page).focus();
  await page.keyboard.type("K");
  const lines = doc.split("\n");
  lines[part.first - 1] = "K" + lines[part.first - 1];
  assert.equal(await documentText(page), lines.join("\n"));
  await context.close();
});

test("undo shows the line it changes, with the caret on it, from other lines scrolled anywhere", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = bigRegistry();
  await paste(page, doc);
  await goToLine(page, 5);
  await page.keyboard.press("End");
  await page.keyboard.type("QQ");
  await page.getByTestId("part-later").click();
  await editor(page).evaluate((area) => (area.scrollTop = 30000));
  await page.getByTestId("undo").click();
  const part = await held(page);
  assert.equal(part.first, 1);
  const caret = await editor(page).evaluate((area) => area.value.slice(0, area.selectionStart).split("\n").length);
  assert.equal(caret, 5, "the caret is on the line undone");
  await page.waitForFunction(() => {
    const first = Number(document.querySelector(".gutter-lines").dataset.first);
    return first <= 5 && 5 < first + 15;
  });
  await context.close();
});

test("a document cut down to fit goes back into the editor whole", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = bigRegistry(4);
  await paste(page, doc);
  await goToLine(page, 1);
  const part = await held(page);
  // Select all (within the part) and delete: what is left fits.
  await editor(page).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.waitForFunction(() => document.querySelector('[data-testid="part"]').hidden);
  const left = doc.split("\n").slice(part.last).join("\n");
  assert.equal(await editor(page).inputValue(), "\n" + left);
  assert.equal(await documentText(page), "\n" + left);
  await context.close();
});

test("a finding chosen while the findings are checked again is refused, not selected at an old place", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await paste(page, bigRegistry());
  await settledSummary(page);
  const [typed, chosen] = await editor(page).evaluate((area) => {
    area.setRangeText("\n\n\n# hi\n", 0, 0, "end");
    area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
    const typed = [area.selectionStart, area.selectionEnd];
    document.querySelector('[data-testid="diagnostic"] .line-link').click();
    return [typed, [area.selectionStart, area.selectionEnd]];
  });
  assert.match(await page.getByTestId("notice").textContent(), /being checked again/);
  assert.deepEqual(chosen, typed, "the caret stays where the typing left it");
  await context.close();
});

test("a document that fits in one part shows no part bar", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await paste(page, bigRegistry(2));
  await settledSummary(page);
  assert.equal(await page.getByTestId("part").isVisible(), false);
  await context.close();
});
