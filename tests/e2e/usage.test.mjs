// The Usage section: a person runs a command, pastes what it printed, and
// sees the findings beside the others, the blocks in use marked, and
// hostile process names shown as text. A paste that is no listing is
// refused and changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, findings, openApp, showTab, useApp } from "./browser.mjs";

const app = useApp();

const DOC = `| Project | Block | Status |
|---|---|---|
| api | 5 | active |

| Project | Instance | Ports | Status |
|---|---|---|---|
| api | 1 | 30500-30509 | active |
`;

const HOSTILE = `<img src=x onerror="window.owned=1">$(reboot)`;

// ss -ltnp as a Linux terminal prints it, pasted with Windows line endings.
const LISTING = [
  "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
  'LISTEN 0      511        127.0.0.1:30500     0.0.0.0:*    users:(("node",pid=41234,fd=23))',
  'LISTEN 0      511        127.0.0.1:30512     0.0.0.0:*    users:(("python3",pid=41777,fd=5))',
  'LISTEN 0      244        127.0.0.1:30702     0.0.0.0:*    users:(("postgres",pid=51000,fd=6))',
  `LISTEN 0      5          127.0.0.1:30703     0.0.0.0:*    users:(("${HOSTILE}",pid=66,fd=3))`,
  "",
].join("\r\n");

async function paste(page, text) {
  await showTab(page, "usage");
  const box = page.getByTestId("listing-input");
  await box.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("a pasted listing adds its findings and marks the ports in use", async () => {
  const { page, context, requests, errors } = await openApp(app.browser, app.server.url);
  await editor(page).fill(DOC);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "0");
  const before = await findings(page);

  for (const system of ["linux", "macos", "windows", "windows-excluded", "docker"]) {
    assert.ok((await page.getByTestId(`usage-command-${system}`).textContent()).length > 5, system);
  }
  assert.equal(await page.getByTestId("usage-copy").count(), 5);

  await paste(page, LISTING);
  await page.waitForFunction(() => document.querySelector('[data-testid="listing-status"]').dataset.state === "read");
  assert.match(await page.getByTestId("listing-status").textContent(), /Read 4 listening sockets from ss\b/);
  const found = await findings(page);
  assert.deepEqual(
    found.filter(([code]) => code.startsWith("U")).sort(),
    [["U601", 0], ["U601", 0], ["U602", 3]],
  );
  assert.deepEqual(found.filter(([code]) => !code.startsWith("U")), before);
  const squatter = page.locator('[data-testid="diagnostic"][data-code="U601"]').first();
  assert.match(await squatter.textContent(), /port 30702: postgres \(pid 51000\) listens in free block 7/);
  assert.equal(await squatter.locator(".line-link").textContent(), "listing");

  // The hostile name is text everywhere it appears.
  const hostile = page.locator('[data-testid="diagnostic"][data-code="U601"]').nth(1);
  assert.ok((await hostile.textContent()).includes(HOSTILE));
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.evaluate(() => window.owned), undefined);
  assert.ok((await page.locator('[data-testid="listener"][data-port="30703"]').textContent()).includes(HOSTILE));

  const block = (n) => page.locator(`[data-testid="block"][data-block="${n}"]`);
  assert.match(await block(5).getAttribute("class"), /\blistening\b/);
  assert.match(await block(7).getAttribute("class"), /\blistening\b/);
  assert.doesNotMatch(await block(6).getAttribute("class"), /\blistening\b/);
  assert.match(await block(5).getAttribute("aria-label"), /2 ports in use/);

  // The name and the in-use mark both show in the cell, and the selection outline stays visible.
  await showTab(page, "blocks");
  const fits = (n) => block(n).evaluate((el) => {
    const name = el.querySelector(".block-name");
    const cell = el.getBoundingClientRect();
    const box = name.getBoundingClientRect();
    return {
      clipped: name.scrollWidth > name.clientWidth,
      inside: box.top >= cell.top && box.bottom <= cell.bottom + 0.5,
      mark: el.querySelector(".in-use-mark")?.getBoundingClientRect().width > 0,
    };
  });
  assert.deepEqual(await fits(5), { clipped: false, inside: true, mark: true });
  await block(5).click();
  const outline = await block(5).evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, style.outlineWidth];
  });
  assert.deepEqual(outline, ["solid", "3px"]);
  const inUse = await page.getByTestId("block-in-use").locator("li").allTextContents();
  assert.deepEqual(inUse, ["30500: node (pid 41234)", "30512: python3 (pid 41777)"]);
  const cell = page.locator('[data-testid="block-detail"] td.port[data-port="30512"]');
  assert.equal(await cell.getAttribute("data-listening"), "`python3` (pid 41777)");
  assert.match(await cell.getAttribute("class"), /\blistening\b/);

  // The registry itself was not touched, and nothing left the page's origin.
  assert.equal(await editor(page).inputValue(), DOC);
  const origin = new URL(app.server.url).origin;
  assert.deepEqual(requests.filter((r) => !r.startsWith(origin) && !r.startsWith("data:")), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a paste that is no listing is refused, and clearing it removes the usage findings", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  await editor(page).fill(DOC);
  await paste(page, LISTING);
  await page.waitForFunction(() => document.querySelector('[data-testid="diagnostic"][data-code="U602"]'));

  await paste(page, "Dear team,\rthe ports are attached.\u001b[2J\r");
  await page.waitForFunction(() => document.querySelector('[data-testid="listing-status"]').dataset.state === "refused");
  const said = await page.getByTestId("listing-status").textContent();
  assert.match(said, /not a listing portreg reads/);
  assert.ok(!said.includes("\u001b"), said);
  assert.deepEqual((await findings(page)).filter(([code]) => code.startsWith("U")), []);
  assert.equal(await page.locator('[data-testid="block"].listening').count(), 0);

  await paste(page, LISTING);
  await page.waitForFunction(() => document.querySelector('[data-testid="listing-status"]').dataset.state === "read");
  await page.getByTestId("listing-clear").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="listing-status"]').dataset.state === "empty");
  assert.deepEqual((await findings(page)).filter(([code]) => code.startsWith("U")), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the review lists what to archive, and emergency ports are recorded past listeners and undone", async () => {
  const { page, context, errors } = await openApp(app.browser, app.server.url);
  const doc = "| Project | Block | Status | Date |\n|---|---|---|---|\n| api | 5 | active | 2020-01-01 |\n| old | 6 | inactive | 2020-01-01 |\n";
  await editor(page).fill(doc);
  // The sample's own `old-dashboard` is listed until the typed document is read.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="review-archive"] li')].map((li) => li.textContent).join("|") === "old (inactive)");
  assert.equal(await page.getByTestId("review-blocks").textContent(), "98 of 100 blocks free.");

  await paste(page, "node 7 alice 3u IPv4 1 0t0 TCP 127.0.0.1:40003 (LISTEN)\n");
  await page.waitForFunction(() => document.querySelector('[data-testid="listing-status"]').dataset.state === "read");
  await showTab(page, "review");
  await page.getByTestId("emergency-submit").click();
  await page.getByTestId("emergency-result").waitFor();
  assert.match(await page.getByTestId("emergency-result").textContent(), /Recorded emergency ports 40010-40019 for api/);
  assert.match(await editor(page).inputValue(), /\n\| api \| 40010-40019 \| emergency \| \d{4}-\d{2}-\d{2} \|\n$/);

  await page.getByTestId("undo").click();
  await page.waitForFunction((d) => document.querySelector('[data-testid="registry-input"]').value === d, doc);
  await page.getByTestId("emergency-result").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});
