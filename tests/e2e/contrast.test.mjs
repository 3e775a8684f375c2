// Every block state has its own colour, told apart from the background and
// from the states drawn with the other ink by WCAG non-text contrast (3:1),
// in light and dark mode; its sign and name are readable on it (4.5:1).
// Colours are read from the page as the browser computed them.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openApp, useApp } from "./browser.mjs";

const app = useApp();

/** WCAG 2 relative luminance of `rgb(r, g, b)`. */
export function luminance(css) {
  const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`every block state meets 3:1 against the background and the other tier (${colorScheme})`, async () => {
    const { page, context } = await openApp(app.browser, app.server.url, { colorScheme });
    const read = await page.evaluate(() => {
      const style = (el) => getComputedStyle(el);
      const states = {};
      for (const swatch of document.querySelectorAll(".legend .swatch.state")) {
        const s = style(swatch);
        states[swatch.dataset.state] = { fill: s.backgroundColor, ink: s.color, border: s.borderTopColor };
      }
      const cells = {};
      for (const cell of document.querySelectorAll('[data-testid="block"]')) {
        cells[cell.dataset.state] ??= { fill: style(cell).backgroundColor, ink: style(cell).color };
      }
      const panel = style(document.querySelector('[data-testid="block-grid"]').closest(".panel")).backgroundColor;
      return { states, cells, panel, page: style(document.body).backgroundColor };
    });
    const names = Object.keys(read.states);
    assert.equal(names.length, 11, names.join(", "));
    const report = [];
    for (const name of names) {
      const { fill, ink, border } = read.states[name];
      // A cell of the grid is drawn as its legend swatch.
      if (read.cells[name]) assert.deepEqual(read.cells[name], { fill, ink }, name);
      const text = contrast(fill, ink);
      assert.ok(text >= 4.5, `${name}: its sign and name have ${text.toFixed(2)}:1 on it`);
      if (name === "free") {
        // An empty cell: the panel's own colour inside a border that stands out.
        assert.equal(fill, read.panel);
        const edge = contrast(border, read.panel);
        assert.ok(edge >= 3, `free: its border has ${edge.toFixed(2)}:1 against the panel`);
        report.push(`free border ${edge.toFixed(2)}`);
        continue;
      }
      const [onPanel, onPage] = [contrast(fill, read.panel), contrast(fill, read.page)];
      assert.ok(onPanel >= 3 && onPage >= 3, `${name}: ${onPanel.toFixed(2)}:1 on the panel, ${onPage.toFixed(2)}:1 on the page`);
      report.push(`${name} ${Math.min(onPanel, onPage).toFixed(2)}`);
    }
    // States drawn with the other ink (the other tier) are 3:1 apart; within a tier hue and sign tell them apart.
    let closest = Infinity;
    for (const a of names) {
      for (const b of names) {
        if (a >= b) continue;
        assert.notEqual(read.states[a].fill, read.states[b].fill, `${a} and ${b} share a colour`);
        if (read.states[a].ink !== read.states[b].ink) {
          const ratio = contrast(read.states[a].fill, read.states[b].fill);
          closest = Math.min(closest, ratio);
          assert.ok(ratio >= 3, `${a} and ${b}: ${ratio.toFixed(2)}:1`);
        }
      }
    }
    console.log(`${colorScheme}: against the background ${report.join(", ")}; across tiers at least ${closest.toFixed(2)}`);
    await context.close();
  });
}
