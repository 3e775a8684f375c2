// The pictures tell the truth: a misspelt status, a stray instance row, a
// reserved block and a conflict are drawn as what they are.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, openApp, useApp } from "./browser.mjs";

const app = useApp();

const DOC = `| Project | Block | Status |
|---|---|---|
| typo | Block 0 | actve |
| held | Block 1 | reserved |
| one | Block 3 | active |
| two | Block 3 | active |

| Project | Instance | Ports |
|---|---|---|
| ghost | 1 | 30200-30209 |
`;

test("each block is drawn as what it is, and its detail says who holds it", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  await editor(page).fill(DOC);
  const block = (n) => page.locator(`[data-testid="block"][data-block="${n}"]`);
  await page.waitForFunction(() => document.querySelector('[data-block="3"]').dataset.state === "conflict");
  const states = [];
  for (const n of [0, 1, 2, 3, 4]) states.push(await block(n).getAttribute("data-state"));
  assert.deepEqual(states, ["unknown", "reserved", "stray", "conflict", "free"]);
  assert.equal(await block(2).getAttribute("data-project"), "ghost");

  const detail = async (n) => {
    await block(n).click();
    await page.waitForFunction((b) => document.querySelector('[data-testid="block-detail"] h2')?.textContent.startsWith(`Block ${b}:`), n);
    const rows = await page.locator('[data-testid="block-detail"] tbody tr td:nth-child(2)').allTextContents();
    return { holding: await page.getByTestId("block-holding").textContent(), rows };
  };
  const reserved = await detail(1);
  assert.equal(reserved.holding, "reserved by held");
  assert.ok(reserved.rows.every((r) => r === "taken (no instance row)"), reserved.rows.join(" / "));
  const conflict = await detail(3);
  assert.equal(conflict.holding, "conflict: one, two");
  assert.ok(conflict.rows.every((r) => r === "taken (no instance row)"), conflict.rows.join(" / "));
  const stray = await detail(2);
  assert.match(stray.holding, /^stray instance rows of ghost/);
  assert.match(stray.rows[0], /^ghost/);
  const free = await detail(4);
  assert.equal(free.holding, "free");
  assert.ok(free.rows.every((r) => r === "free"));
  await context.close();
});

test("the grid is one Tab stop, arrows move through it, Escape closes a block's detail", async () => {
  const { page, context } = await openApp(app.browser, app.server.url);
  assert.equal(await page.locator('[data-testid="block"][tabindex="0"]').count(), 1);
  await page.locator('[data-block="0"]').focus();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.block);
  await page.keyboard.press("ArrowRight");
  assert.equal(await focused(), "1");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(), "11");
  await page.keyboard.press("End");
  assert.equal(await focused(), "19");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await focused(), "18");
  assert.deepEqual(await page.locator('[data-testid="block"][tabindex="0"]').evaluateAll((e) => e.map((x) => x.dataset.block)), ["18"]);
  await page.keyboard.press("Enter");
  await page.getByTestId("block-detail").waitFor();
  await page.getByTestId("close-detail").focus();
  await page.keyboard.press("Escape");
  await page.getByTestId("block-detail").waitFor({ state: "detached" });
  assert.equal(await focused(), "18");
  await context.close();
});

test("on a phone the block detail fits its width: each instance's range instead of ten ports", async () => {
  const { page, context } = await openApp(app.browser, app.server.url, { viewport: { width: 390, height: 844 } });
  await page.locator('[data-block="2"]').click();
  const detail = page.getByTestId("block-detail");
  const [tableWidth, boxWidth] = await detail.locator(".table-scroll").evaluate((box) => [box.scrollWidth, box.clientWidth]);
  assert.ok(tableWidth <= boxWidth, `${tableWidth} > ${boxWidth}`);
  const first = detail.locator("tbody tr").first();
  assert.equal(await first.locator("td.range").textContent(), "30200–30209");
  assert.equal(await first.locator("td.port").first().isVisible(), false);
  await context.close();
});
