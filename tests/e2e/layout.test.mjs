// The page as a tool kept open: sections as tabs with their own addresses
// (click, keyboard, Back and Forward, a share link still opening), line
// numbers beside the document, pictures readable at laptop width, findings
// that say when they are cut, help that points to the app's own sections.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";

import { editor, editorHolds, goToLine, makeShareLink, openApp, showTab, useApp } from "./browser.mjs";

const app = useApp();
const SHOTS = new URL("../../target/screenshots/", import.meta.url);

const selectedTab = (page) => page.locator('[data-testid="tab"][aria-selected="true"]').getAttribute("data-tab");
const visiblePanels = (page) => page.locator('[role="tabpanel"]:not([hidden])').evaluateAll((p) => p.map((e) => e.id));

test("tabs open by click, by keyboard and by address, and Back and Forward follow", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  assert.equal(await selectedTab(page), "blocks");
  assert.deepEqual(await visiblePanels(page), ["panel-blocks"]);
  assert.equal(await page.getByRole("tablist").getAttribute("aria-label"), "Sections");
  assert.equal(await page.locator('[role="tab"][tabindex="0"]').count(), 1);

  await showTab(page, "register");
  assert.equal(new URL(page.url()).hash, "#register");
  assert.deepEqual(await visiblePanels(page), ["panel-register"]);
  await page.getByTestId("reserve-name").waitFor({ state: "visible" });
  assert.equal(await page.getByTestId("block-grid").isVisible(), false);

  // Arrows, Home and End move along the tabs and open them.
  await page.locator("#tab-register").focus();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.tab);
  for (const [key, expected] of [["ArrowRight", "export"], ["End", "review"], ["ArrowRight", "blocks"], ["ArrowLeft", "review"], ["Home", "blocks"], ["ArrowRight", "calculator"]]) {
    await page.keyboard.press(key);
    assert.equal(await focused(), expected, key);
    assert.equal(await selectedTab(page), expected, key);
    assert.deepEqual(await visiblePanels(page), [`panel-${expected}`], key);
    assert.equal(new URL(page.url()).hash, `#${expected}`, key);
  }
  // Tab leaves the tab list for the panel's content.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]')?.id), "panel-calculator");

  await showTab(page, "usage");
  await showTab(page, "export");
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[aria-selected="true"]')?.dataset.tab === "usage");
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[aria-selected="true"]')?.dataset.tab === "calculator");
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[aria-selected="true"]')?.dataset.tab === "usage");

  // A link to a section opens it.
  const linked = await openApp(app.browser, `${app.server.url}#review`);
  assert.equal(await selectedTab(linked.page), "review");
  await linked.page.getByTestId("emergency-submit").waitFor({ state: "visible" });
  await linked.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link still opens its document, from a fresh page and over an open section", async () => {
  const shared = "| Project | Ports |\n|---|---|\n| shared | 30000-30099 |\n";
  const first = await openApp(app.browser, app.server.url);
  await editor(first.page).fill(shared);
  await showTab(first.page, "export");
  const url = await makeShareLink(first.page);
  assert.match(url, /#doc=/);
  await first.context.close();

  const fresh = await openApp(app.browser, url);
  await fresh.page.waitForFunction((t) => document.querySelector('[data-testid="registry-input"]').value === t, shared);
  assert.equal(new URL(fresh.page.url()).hash, "");
  assert.equal(await selectedTab(fresh.page), "blocks");
  await fresh.context.close();

  const open = await openApp(app.browser, `${app.server.url}#usage`);
  await open.page.goto(url);
  await open.page.waitForFunction((t) => document.querySelector('[data-testid="registry-input"]').value === t, shared);
  assert.equal(new URL(open.page.url()).hash, "#usage", "the address names the section still shown");
  assert.equal(await selectedTab(open.page), "usage", "the section shown stays");
  await open.context.close();
});

/** The gutter's numbers in view with their tops, and where the editor's lines start. */
async function gutter(page) {
  return page.evaluate(() => {
    const area = document.querySelector('[data-testid="registry-input"]');
    const style = getComputedStyle(area);
    const line = parseFloat(style.lineHeight);
    const top = area.getBoundingClientRect().top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop) - area.scrollTop;
    // One text node, a number a line: each number's box is measured through a Range over its characters.
    const drawn = document.querySelector('[data-testid="line-numbers"] .gutter-lines');
    const text = drawn.firstChild;
    const numbers = [];
    let at = 0;
    for (const label of text.textContent.split("\n")) {
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + label.length);
      const box = range.getBoundingClientRect();
      numbers.push({ line: Number(label), top: box.top, height: box.height });
      at += label.length + 1;
    }
    return {
      line,
      top,
      numbers,
      lineBox: parseFloat(getComputedStyle(drawn).lineHeight),
      first: Number(drawn.dataset.first),
      count: Number(document.querySelector('[data-testid="line-numbers"]').dataset.lines),
      // The lines before the editor's, when it holds a part of a big document.
      before: Number(document.querySelector('[data-testid="part-lines"]')?.dataset.first ?? 1) - 1,
      lines: area.value.split("\n"),
    };
  });
}

/** Every number drawn sits on its line of the editor, numbered from the first in view. */
function assertAligned(g) {
  assert.equal(g.lineBox, g.line, "the gutter and the editor share a line height");
  g.numbers.forEach((n, i) => assert.equal(n.line, g.first + i));
  for (const n of g.numbers) {
    // A glyph box sits inside its line box: centred on the same line.
    const expected = g.top + (n.line - 1 - g.before) * g.line + g.line / 2;
    const centre = n.top + n.height / 2;
    assert.ok(Math.abs(centre - expected) < 2, `line ${n.line} is drawn centred at ${centre}, its text at ${expected}`);
  }
}

/** Waits for the gutter's first number to be the editor's first line in view: it follows on the next frame. */
async function gutterFollows(page) {
  await page.waitForFunction(() => {
    const area = document.querySelector('[data-testid="registry-input"]');
    const height = parseFloat(getComputedStyle(area).lineHeight);
    const before = Number(document.querySelector('[data-testid="part-lines"]')?.dataset.first ?? 1) - 1;
    const first = Math.floor(area.scrollTop / height) + 1 + before;
    const drawn = document.querySelector('[data-testid="line-numbers"] .gutter-lines');
    const shift = -(Math.floor(area.scrollTop) % height);
    return Number(drawn.dataset.first) === first && drawn.style.transform === `translateY(${shift}px)`;
  });
}

/** Scrolls the editor to `line` (or as far as it goes) and waits for the gutter to follow. */
async function scrollEditorTo(page, line) {
  await editor(page).evaluate((area, l) => {
    const height = parseFloat(getComputedStyle(area).lineHeight);
    const before = Number(document.querySelector('[data-testid="part-lines"]')?.dataset.first ?? 1) - 1;
    area.scrollTop = (l - 1 - before) * height;
  }, line);
  await gutterFollows(page);
}

test("line numbers count CRLF and lone-CR lines as the findings do, and stay on their lines", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const rows = Array.from({ length: 40 }, (_, i) => `| p${i} | ${31000 + i * 100}-${31099 + i * 100} |`);
  for (const [name, eol] of [["crlf.md", "\r\n"], ["old-mac.md", "\r"]]) {
    const doc = ["| Project | Ports |", "|---|---|", ...rows, "| bad | 30000-30099 |", "| bad2 | 30000-30099 |", ""].join(eol);
    await page.getByTestId("file-input").setInputFiles({ name, mimeType: "text/markdown", buffer: Buffer.from(doc) });
    // The editor holds this file (the last had as many lines), and the gutter has followed its scroll.
    await page.waitForFunction((d) => document.querySelector('[data-testid="registry-input"]').value === d.replace(/\r\n?/g, "\n"), doc);
    await gutterFollows(page);
    assert.equal(await page.getByTestId("line-numbers").getAttribute("data-lines"), "45", name);
    let g = await gutter(page);
    assert.equal(g.count, 45, name);
    assert.equal(g.lines.length, 45, name);
    assertAligned(g);
    // A finding's line is the number beside its row.
    const line = Number(await page.locator('[data-testid="diagnostic"]').first().getAttribute("data-line"));
    assert.ok(line > 30, `${name}: a finding far down (${line})`);
    await scrollEditorTo(page, line - 2);
    g = await gutter(page);
    assertAligned(g);
    const number = g.numbers.find((n) => n.line === line);
    assert.ok(number, `${name}: line ${line} is numbered`);
    assert.match(g.lines[line - 1], /^\| (bad2?|p\d+) \|/, name);
  }
  await context.close();
});

test("a very long document draws only the numbers in view, down to its last line", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Ports |\n|---|---|\n" + "| x | 30000-30099 |\n".repeat(50000);
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, doc);
  await page.waitForFunction(() => document.querySelector('[data-testid="line-numbers"]').dataset.lines === "50003");
  const drawn = await page.locator('[data-testid="line-numbers"] .gutter-lines').textContent();
  assert.ok(drawn.split("\n").length <= 120, "only the numbers in view are drawn");
  // A 1 MB document is edited a part at a time: the last part holds its last lines.
  await goToLine(page, 49990);
  await scrollEditorTo(page, 49990);
  const g = await gutter(page);
  assertAligned(g);
  assert.equal(Math.max(...g.numbers.map((n) => n.line)), 50003);
  await context.close();
});

test("at laptop width a block's detail shows all ten services, and the port map has a scale and every zone", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await page.locator('[data-block="2"]').click();
  const fit = await page.getByTestId("block-detail").evaluate((detail) => {
    const region = detail.querySelector(".table-scroll");
    const box = region.getBoundingClientRect();
    const heads = [...detail.querySelectorAll("thead th.service")].map((th) => th.getBoundingClientRect());
    return { scroll: region.scrollWidth - region.clientWidth, heads: heads.length, inside: heads.every((r) => r.left >= box.left && r.right <= box.right + 0.5) };
  });
  assert.deepEqual(fit, { scroll: 0, heads: 10, inside: true });

  const ticks = await page.locator('[data-testid="port-scale"] .tick').allTextContents();
  assert.deepEqual(ticks, ["1", "10000", "20000", "30000", "40000", "50000", "60000", "65535"]);
  await page.locator(".port-map").scrollIntoViewIfNeeded();
  const zones = await page.locator('[data-testid="zone"]').evaluateAll((all) => all.map((z) => {
    const r = z.getBoundingClientRect();
    const seen = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { zone: z.className, width: r.width, seen: seen === z };
  }));
  assert.equal(zones.length, 6);
  for (const z of zones) assert.ok(z.width >= 4 && z.seen, JSON.stringify(z));
  assert.ok((await page.locator(".marker").count()) > 0, "the sample has entries outside the blocks");
  await context.close();
});

test("a chosen block's detail comes into view, and Escape on the grid closes it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await page.locator('[data-block="2"]').click();
  await page.getByTestId("block-detail").waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="block-detail"]').getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight - 200;
  });
  await page.locator('[data-block="2"]').focus();
  await page.keyboard.press("Escape");
  assert.equal(await page.getByTestId("block-detail").count(), 0);
  await context.close();
});

test("an editor made taller numbers every line it shows", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Ports |\n|---|---|\n" + "| x | 30000-30099 |\n".repeat(400);
  await editor(page).fill(doc);
  await page.getByTestId("registry-input").evaluate((area) => {
    area.style.height = "4000px";
    area.dispatchEvent(new PointerEvent("pointerup", { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="line-numbers"] .gutter-lines').textContent.split("\n").length >= 190);
  await context.close();
});

test("names are readable in the grid at laptop and phone width", async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const { page, context } = await openApp(app.browser, app.server.url, { viewport });
    const cell = await page.locator('[data-block="2"]').evaluate((el) => {
      const name = el.querySelector(".block-name");
      return { visible: name.getBoundingClientRect().width > 30, text: name.textContent, title: el.title };
    });
    assert.equal(cell.text, "assessment-tracker");
    assert.ok(cell.visible, `${viewport.width}: the name is shown`);
    assert.match(cell.title, /assessment-tracker/);
    // Arrows follow the columns drawn: five on a phone.
    await page.locator('[data-block="2"]').focus();
    await page.keyboard.press("ArrowDown");
    const below = await page.evaluate(() => document.activeElement?.dataset.block);
    assert.equal(below, viewport.width < 600 ? "7" : "12");
    await context.close();
  }
});

test("a cut findings list says so and lists more on request", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const rows = Array.from({ length: 500 }, (_, i) => `| p${i} | 30000-30099 | active |`).join("\n");
  await editor(page).fill(`| Project | Ports | Status |\n|---|---|---|\n${rows}\n`);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "499");
  const errors = () => page.locator('[data-testid="diagnostic"][data-severity="error"]').count();
  assert.equal(await errors(), 200);
  assert.match(await page.getByTestId("more-findings").textContent(), /Showing 200 of 499: and 299 more, not listed yet/);
  await page.getByTestId("show-more").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"][data-severity="error"]').length === 400);
  await page.getByTestId("show-more").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"][data-severity="error"]').length === 499);
  assert.equal(await page.getByTestId("more-findings").count(), 0);
  await context.close();
});

test("help that names a command points to the section that does it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill("| Project | Block | Status |\n|---|---|---|\n| api | Block 0 | active |\n\n| Project | Instance | Ports |\n|---|---|---|\n| ghost | 1 | 30500-30509 |\n");
  const finding = page.locator('[data-testid="diagnostic"]', { has: page.locator(".help", { hasText: "portreg reserve" }) }).first();
  const go = finding.getByTestId("go-to-section");
  assert.equal(await go.getAttribute("data-tab"), "register");
  assert.match(await go.textContent(), /under Register/);
  await go.click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "reserve-name");
  assert.equal(await selectedTab(page), "register");
  assert.equal(new URL(page.url()).hash, "#register");
  // The form has the project the command names, and reserves it as typed.
  assert.equal(await page.getByTestId("reserve-name").inputValue(), "ghost");
  await page.getByTestId("reserve-submit").click();
  await editorHolds(page, "| ghost | Block 1 |");
  await context.close();
});

test("a help button picks the project its command names in the section's list, quotes and all", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  const name = "it's <b>api</b>";
  await editor(page).fill(`| Project | Block | Ports | Status |\n|---|---|---|---|\n| alpha | Block 0 | 30000-30099 | active |\n| ${name} | Block 1 | 30100-30199 | active |\n\n| Project | Ports | Status |\n|---|---|---|\n| ${name} | 54321-54323 | active |\n`);
  const finding = page.locator('[data-testid="diagnostic"][data-code="R203"]').first();
  assert.match(await finding.locator(".help").textContent(), /portreg env 'it'\\''s <b>api<\/b>' --format toml/);
  await finding.getByTestId("go-to-section").click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "snippet-project");
  assert.equal(await page.getByTestId("snippet-project").inputValue(), name);
  // The snippets are the chosen project's: its block 1.
  assert.match(await page.getByTestId("snippet-env").textContent(), /=301\d\d/);
  await context.close();
});

for (const [name, viewport] of [["laptop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`screenshots: ${name}, ${colorScheme}`, async () => {
      await mkdir(SHOTS, { recursive: true });
      const { page, context } = await openApp(app.browser, app.server.url, { viewport, colorScheme });
      await page.locator('[data-block="2"]').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: new URL(`layout-${name}-${colorScheme}.png`, SHOTS).pathname, fullPage: true });
      for (const tab of ["register", "export", "usage"]) {
        await showTab(page, tab);
        await page.screenshot({ path: new URL(`layout-${name}-${colorScheme}-${tab}.png`, SHOTS).pathname, fullPage: name === "laptop" });
      }
      await context.close();
    });
  }
}
