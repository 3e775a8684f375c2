// The web app as a person uses it, in headless Chromium against the release
// build served from a sub-path of a local static server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";

import { documentText, editor, findings, launch, makeShareLink, openApp, showTab, snippetText, waitForKept } from "./browser.mjs";
import { startServer } from "./server.mjs";

const require = createRequire(import.meta.url);
const SAMPLE = await readFile(new URL("../../examples/ports.md", import.meta.url), "utf8");
/** A share link's fragment as portreg made them with its own deflate (miniz_oxide, level 9). */
const OLD_LINK = "VYs7CoAwEET7nGIvsBBIldYTBDxBWCP4wYW4Wu2FrLyAXS7mVoLFzLyBGYVUeS4koNCtTItl4iq7ZS9ZDgOniPiTU6A8tgvbs7WbeCjfPRgFH7xH8xitZZLptIF7AQ";
const OLD_LINK_DOCUMENT = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| café-ünïcode | Block 3 | 30300-30399 | active |\n";
const SHOTS = new URL("../../target/screenshots/", import.meta.url);

let server;
let browser;
const opened = [];

before(async () => {
  server = await startServer({ base: "/wiki/tools/portreg/" });
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser.close();
  server.close();
});

async function open(options) {
  const app = await openApp(browser, server.url, options);
  opened.push(app);
  return app;
}

async function setDocument(page, text) {
  await editor(page).fill(text);
}

async function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

const CONFLICTS = `| Project | Block | Ports | Status |
|---|---|---|---|
| api | Block 5 | 30500-30599 | active |
| web | Block 4 | 30500-30599 | active |

| Project | Instance | Ports | Status |
|---|---|---|---|
| api | 3 | 30510-30519 | active |
`;

test("first load shows the sample and its grid", async () => {
  const { page, errors, context } = await open();
  assert.equal(await editor(page).inputValue(), SAMPLE);
  const blocks = page.locator('[data-testid="block-grid"] [data-testid="block"]');
  assert.equal(await blocks.count(), 100);
  const first = page.locator('[data-testid="block"][data-block="0"]');
  assert.equal(await first.getAttribute("data-state"), "active");
  assert.equal(await first.getAttribute("data-project"), "portreg");
  assert.equal(await page.locator('[data-block="4"]').getAttribute("data-state"), "free");
  assert.equal(await page.locator('[data-block="5"]').getAttribute("data-state"), "reserved");
  assert.equal(await page.getByTestId("summary").getAttribute("data-errors"), "0");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a pasted registry with conflicts lists them with codes and lines", async () => {
  const { page, context } = await open();
  await setDocument(page, CONFLICTS);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "3");
  assert.deepEqual(await findings(page), [["B101", 4], ["P004", 4], ["I304", 8]]);
  const summary = page.getByTestId("summary");
  assert.deepEqual(
    [await summary.getAttribute("data-errors"), await summary.getAttribute("data-warnings"), await summary.getAttribute("data-infos")],
    ["3", "0", "0"],
  );
  assert.equal(await page.locator('[data-block="5"]').getAttribute("data-state"), "conflict");
  assert.equal(await page.locator('[data-block="5"]').getAttribute("data-project"), "api, web");
  // Choosing a finding selects its line in the editor.
  await page.locator('[data-testid="diagnostic"][data-code="I304"] .line-link').click();
  const selected = await editor(page).evaluate((area) => area.value.slice(area.selectionStart, area.selectionEnd));
  assert.equal(selected, "| api | 3 | 30510-30519 | active |");
  await context.close();
});

test("a file is uploaded, and a binary file is refused without losing the document", async () => {
  const { page, context } = await open();
  await page.getByTestId("file-input").setInputFiles({ name: "team.md", mimeType: "text/markdown", buffer: Buffer.from(CONFLICTS) });
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]')?.value === text, CONFLICTS);
  await page.getByTestId("file-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([137, 80, 78, 71, 0, 0, 0, 13]) });
  await page.getByTestId("notice").waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /photo\.png is a binary file.*kept/);
  assert.equal(await editor(page).inputValue(), CONFLICTS);
  await context.close();
});

test("a file dropped on the page is opened", async () => {
  const { page, context } = await open();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped.md", { type: "text/markdown" }));
    document.querySelector(".page").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, CONFLICTS);
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]')?.value === text, CONFLICTS);
  await context.close();
});

test("reserve and add-instance edit the document and keep its other bytes", async () => {
  const { page, context } = await open();
  const today = await browserToday(page);
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("new-app");
  await page.getByTestId("reserve-path").fill("/src/new-app");
  await page.getByTestId("reserve-owner").fill("ana");
  await page.getByTestId("reserve-submit").click();
  const reserved = SAMPLE.replace(
    "| username | 2026-11-20 |\n",
    `| username | 2026-11-20 |\n| new-app | Block 4 | 30400-30499 | /src/new-app | reserved | ana | ${today} |\n`,
  );
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]')?.value === text, reserved);
  assert.equal(await page.locator('[data-block="4"]').getAttribute("data-project"), "new-app");

  await page.getByTestId("instance-project").selectOption("new-app");
  await page.getByTestId("instance-branch").fill("main");
  await page.getByTestId("instance-submit").click();
  const withInstance = `${reserved}| new-app | 1 | 30400-30409 | Development/Main | active | main |\n`;
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]')?.value === text, withInstance);

  await page.getByTestId("status-project").selectOption("new-app");
  await page.getByTestId("status-value").selectOption("active");
  await page.getByTestId("status-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-block="4"]').dataset.state === "active");
  assert.equal(await editor(page).inputValue(), withInstance.replace("| ana | " + today + " |", "| ana | " + today + " |").replace("| reserved | ana |", "| active | ana |"));

  await page.getByTestId("reserve-name").fill("portreg");
  await page.getByTestId("reserve-submit").click();
  assert.match(await page.getByTestId("registration-result").textContent(), /already registered/);
  await context.close();
});

test("a chosen block and a chosen instance are reserved", async () => {
  const { page, context } = await open();
  const today = await browserToday(page);
  await showTab(page, "register");
  await page.getByTestId("reserve-name").fill("chosen");
  await page.getByTestId("reserve-block").selectOption("42");
  await page.getByTestId("reserve-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-block="42"]').dataset.project === "chosen");
  assert.ok((await editor(page).inputValue()).includes(`| chosen | Block 42 | 34200-34299 |  | reserved |  | ${today} |\n`));
  assert.equal(await page.getByTestId("block-detail").locator("h2").textContent(), "Block 42: 34200-34299");
  await page.getByTestId("instance-project").selectOption("chosen");
  await page.getByTestId("instance-number").selectOption("5");
  await page.getByTestId("instance-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="registry-input"]')?.value.includes("| chosen | 5 | 34240-34249 | Staging | active |  |"));
  await page.getByTestId("instance-submit").click();
  // The name is quoted as code, not with literal backticks.
  const refused = page.getByTestId("registration-result").filter({ hasText: "instance 5 of chosen is already registered" });
  await refused.waitFor();
  assert.deepEqual(await refused.locator("code").allTextContents(), ["chosen"]);
  await context.close();
});

test("a fix rewrites only the cell it fixes", async () => {
  const { page, context } = await open();
  const broken = SAMPLE.replace("| spousey-app | Block 1 |", "| spousey-app | Block 7 |");
  await setDocument(page, broken);
  await page.locator('[data-testid="diagnostic"][data-code="P004"] [data-testid="fix"]').click();
  await page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]')?.value === text, SAMPLE);
  assert.equal(await page.locator('[data-testid="diagnostic"][data-severity="error"]').count(), 0);
  await context.close();
});

test("lookup works both ways", async () => {
  const { page, context } = await open();
  await showTab(page, "calculator");
  await page.getByTestId("calc-block").fill("2");
  await page.getByTestId("calc-instance").selectOption("2");
  await page.getByTestId("calc-service").selectOption("3");
  assert.equal(await page.getByTestId("calc-port").textContent(), "30213");
  await page.getByTestId("lookup-input").fill("30213");
  const result = await page.getByTestId("lookup-result").textContent();
  assert.match(result, /^30213: block 2, instance 2 \(Test\/CI\), \+3 Supabase API; held by assessment-tracker \(30200-30299, active\); assessment-tracker instance 2/);
  await page.getByTestId("lookup-input").fill("54321");
  assert.match(await page.getByTestId("lookup-result").textContent(), /Supabase defaults.*old-dashboard/);
  await page.getByTestId("lookup-input").fill("70000");
  assert.equal(await page.getByTestId("lookup-result").textContent(), "70000 is not a port (1-65535).");
  await context.close();
});

test("each snippet is made for the chosen project and instance", async () => {
  const { page, context } = await open();
  await showTab(page, "export");
  await page.getByTestId("snippet-project").selectOption("spousey-app");
  await page.getByTestId("snippet-instance").selectOption("2");
  // One snippet is shown at a time: each is chosen in the File select.
  assert.equal(await page.locator('[data-testid="snippet-file"] option').count(), 12);
  const text = (id) => snippetText(page, id);
  assert.match(await text("snippet-env"), /^FRONTEND_PORT=30110\nAPI_PORT=30111\nDB_PORT=30112\n/);
  assert.match(await text("snippet-toml"), /project_id = "env\(PORTREG_PROJECT_ID\)"\n\n\[api\]\nport = 30113\n/);
  assert.match(await text("snippet-compose"), /"127\.0\.0\.1:\$\{FRONTEND_PORT:-30110\}:3000"/);
  assert.match(await text("snippet-env-example"), /# Block 1 \(30100-30199\)/);
  assert.match(await text("snippet-check-ports-sh"), /"30119 SUPABASE_DB_SHADOW_PORT"/);
  assert.match(await text("snippet-env"), /\nPORTREG_PROJECT_ID=spousey-app-2\n/);
  assert.match(await text("snippet-next-instance-sh"), /\nproject=spousey-app\n/);
  assert.match(await text("snippet-next"), /"dev": "next dev --port \$\{FRONTEND_PORT:-30110\} --hostname 127\.0\.0\.1"/);
  assert.match(await text("snippet-vite"), /Number\(env\.FRONTEND_PORT \|\| 30110\)/);
  assert.match(await text("snippet-app-env"), /\nVITE_SUPABASE_URL=http:\/\/127\.0\.0\.1:30113\n/);
  assert.match(await page.getByTestId("migration-plan").textContent(), /^# Migration plan: old-dashboard/);
  // Without a Supabase stack, +9 is auxiliary again and compose publishes the database.
  await page.getByTestId("snippet-supabase").uncheck();
  assert.match(await text("snippet-env"), /\nAUX_PORT=30119\n/);
  assert.doesNotMatch(await text("snippet-env"), /SUPABASE_DB_SHADOW_PORT/);
  assert.match(await text("snippet-compose"), /\$\{DB_PORT:-30112\}:5432/);
  await context.close();
});

test("snippets follow the chosen block of a project with two", async () => {
  const { page, context } = await open();
  await setDocument(page, "| Project | Block | Status |\n|---|---|---|\n| big | Block 3 | active |\n| big | Block 7 | active |\n");
  await showTab(page, "export");
  await page.getByTestId("snippet-project").selectOption("big");
  assert.match(await page.getByTestId("snippet-env").textContent(), /^FRONTEND_PORT=30300\n/);
  await page.getByTestId("snippet-block").selectOption("7");
  await page.getByTestId("snippet-instance").selectOption("3");
  assert.match(await page.getByTestId("snippet-env").textContent(), /^FRONTEND_PORT=30720\n/);
  await context.close();
});

test("the registry downloads as ports.md", async () => {
  const { page, context } = await open();
  await setDocument(page, CONFLICTS);
  await showTab(page, "export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-markdown").click()]);
  assert.equal(download.suggestedFilename(), "ports.md");
  assert.equal(await readFile(await download.path(), "utf8"), CONFLICTS);
  assert.equal(await page.getByTestId("export-markdown").inputValue(), CONFLICTS);
  await context.close();
});

test("a share link opens the same document elsewhere", async () => {
  const first = await open();
  await setDocument(first.page, CONFLICTS);
  await showTab(first.page, "export");
  const url = await makeShareLink(first.page);
  assert.ok(url.startsWith(`${server.url}#doc=`), url);
  await first.context.close();
  const second = await openApp(browser, url);
  opened.push(second);
  await second.page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]').value === text, CONFLICTS);
  await second.context.close();
  // A link made by portreg's own deflate, before links were made by the browser's, opens the same.
  const old = await openApp(browser, `${server.url}#doc=${OLD_LINK}`);
  opened.push(old);
  await old.page.waitForFunction((text) => document.querySelector('[data-testid="registry-input"]').value === text, OLD_LINK_DOCUMENT);
  await old.context.close();
  // A link that inflates past the largest document a link carries (1 MiB) is refused, not opened.
  const bomb = await openApp(browser, server.url);
  opened.push(bomb);
  const bombLink = await bomb.page.evaluate(async () => {
    const stream = new Blob([new Uint8Array(3 * 1024 * 1024).fill(32)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  });
  const before = await editor(bomb.page).inputValue();
  await bomb.page.goto(`${server.url}#doc=${bombLink}`);
  assert.match(await bomb.page.getByTestId("notice").textContent(), /share link holds a document over 1048576 bytes \(1 MiB\)/);
  assert.equal(await editor(bomb.page).inputValue(), before);
  await bomb.context.close();
  const damaged = await openApp(browser, `${server.url}#doc=not-a-document`);
  opened.push(damaged);
  assert.match(await damaged.page.getByTestId("notice").textContent(), /share link is damaged/);
  await damaged.context.close();
});

test("HTML in a cell stays text", async () => {
  const { page, context } = await open();
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const payload = '<img src=x onerror="window.__xss=1">';
  await setDocument(page, `| Project | Block | Status |\n|---|---|---|\n| ${payload} | Block 7 | active |\n| <script>window.__xss=2</script> | Block 8 | active |\n`);
  await page.waitForFunction(() => document.querySelector('[data-block="7"]').dataset.state === "active");
  assert.equal(await page.locator('[data-block="7"]').getAttribute("data-project"), payload);
  assert.equal(await page.locator('[data-block="7"] .block-name').textContent(), payload);
  assert.equal(await page.locator("main img, main script").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(dialogs, 0);
  await context.close();
});

test("a huge paste gets a message and keeps the page responsive", async () => {
  const { page, context } = await open();
  const huge = "| Project | Ports |\n|---|---|\n" + "| x | 30000-30099 |\n".repeat(150000);
  // As a paste does: the value changes, then one input event.
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, huge);
  await page.getByText(/This document is 2\.9 MB; portreg checks registries up to 2\.0 MB/).waitFor();
  assert.equal(await documentText(page), huge);
  assert.ok((await editor(page).inputValue()).length <= 256 * 1024, "the editor holds a part of it");
  // Select all and paste would replace the part the editor holds: Clear replaces the document.
  await page.getByTestId("clear").click();
  await setDocument(page, CONFLICTS);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "3");
  await context.close();
});

test("a paste with thousands of findings lists the first ones and counts all", async () => {
  const { page, context } = await open();
  const rows = Array.from({ length: 3000 }, (_, i) => `| p${i} | 30000-30099 | active |`).join("\n");
  await page.evaluate((text) => {
    const area = document.querySelector('[data-testid="registry-input"]');
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, `| Project | Ports | Status |\n|---|---|---|\n${rows}\n`);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').dataset.errors === "2999");
  assert.equal(await page.locator('[data-testid="diagnostic"][data-severity="error"]').count(), 200);
  assert.match(await page.locator(".more").first().textContent(), /and 2799 more/);
  await context.close();
});

test("the document is kept across reloads", async () => {
  const { page, context } = await open();
  await setDocument(page, CONFLICTS);
  await page.reload();
  await page.waitForSelector('[data-testid="block"]');
  assert.equal(await editor(page).inputValue(), CONFLICTS);
  await page.getByTestId("load-sample").click();
  assert.equal(await editor(page).inputValue(), SAMPLE);
  await context.close();
});

test("blocks work by keyboard and show their instances", async () => {
  const { page, context } = await open();
  await page.locator('[data-block="2"]').focus();
  assert.match(await page.locator(".pointed").textContent(), /^Block 2 \(30200-30299\): active by assessment-tracker$/);
  await page.keyboard.press("Enter");
  const detail = page.getByTestId("block-detail");
  assert.match(await detail.locator("h2").textContent(), /^Block 2: 30200-30299$/);
  assert.match(await detail.textContent(), /2 Test\/CI.*assessment-tracker \(test-suite\), active/);
  assert.equal(await detail.locator("tbody tr").count(), 10);
  await context.close();
});

test("it keeps working offline after one visit", async () => {
  const { page, context } = await open({ serviceWorkers: "allow" });
  // The files of this first visit are handed to the service worker to keep.
  await waitForKept(page, ["/", "_bg.wasm", "portreg-app.js", "__wasm_split.js", ".css", "split_sections.wasm"]);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="block"]');
  assert.equal(await page.locator('[data-testid="block"]').count(), 100);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`no serious or critical accessibility finding (${colorScheme})`, async () => {
    const { page, context } = await open({ colorScheme });
    await page.locator('[data-block="2"]').click();
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, []);
    await context.close();
  });
}

for (const [name, viewport] of [["laptop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  test(`fits a ${name} screen`, async () => {
    const { page, context } = await open({ viewport });
    await page.locator('[data-block="2"]').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: name === "phone" ? false : true });
    await context.close();
  });
}

test("no page asked for anything outside its own origin", () => {
  const all = opened.flatMap((o) => o.requests);
  assert.ok(all.length > opened.length, "requests were recorded");
  const foreign = all.filter((url) => !url.startsWith(server.origin) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(foreign, []);
});
