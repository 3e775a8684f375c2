// Hosted next to the team's registry: `?registry=PATH` reads it from the
// page's own site, never from another, and never discards the user's document.
import { test } from "node:test";
import assert from "node:assert/strict";

import { editor, openApp, useApp } from "./browser.mjs";

const TEAM = "| Project | Block | Ports | Status |\n|---|---|---|---|\n| team-app | Block 0 | 30000-30099 | active |\n";
const MINE = "| Project | Ports |\n|---|---|\n| mine | 30500-30599 |\n";
const extra = new Map([["/wiki/tools/ports.md", TEAM]]);

const app = useApp({ base: "/wiki/tools/portreg/", extra });

async function waitForValue(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="registry-input"]')?.value === t, text);
}

test("the team's registry opens with the page, keeps the user's own document, and reloads", async () => {
  const { page, context, requests } = await openApp(app.browser, app.server.url);
  await editor(page).fill(MINE);
  await page.goto(`${app.server.url}?registry=../ports.md`);
  await page.waitForSelector('[data-testid="block-grid"] [data-testid="block"]');
  await waitForValue(page, TEAM);
  await page.getByTestId("restore").click();
  await waitForValue(page, MINE);
  extra.set("/wiki/tools/ports.md", TEAM.replace("team-app", "renamed"));
  await page.getByTestId("reload-registry").click();
  await waitForValue(page, TEAM.replace("team-app", "renamed"));
  assert.ok(requests.every((url) => url.startsWith(app.server.origin)), requests.join("\n"));
  extra.set("/wiki/tools/ports.md", TEAM);
  await context.close();
});

test("a registry on another site, or one that is missing, is refused with a message", async () => {
  for (const [param, message] of [
    ["https://evil.example/ports.md", /not a relative path on this site/],
    ["//evil.example/ports.md", /not a relative path on this site/],
    ["javascript:alert(1)", /not a relative path on this site/],
    ["../missing.md", /Could not read \.\.\/missing\.md from this site: 404/],
  ]) {
    const { page, context, requests } = await openApp(app.browser, `${app.server.url}?registry=${encodeURIComponent(param)}`);
    await page.getByTestId("notice").waitFor();
    assert.match(await page.getByTestId("notice").textContent(), message);
    assert.match(await page.getByTestId("notice").textContent(), /Your document was kept/);
    assert.ok(requests.every((url) => url.startsWith(app.server.origin)), requests.join("\n"));
    await context.close();
  }
});
