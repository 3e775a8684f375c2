// The web app's download, file by file: raw, gzip (level 9) and brotli
// (quality 11) bytes of every file `trunk build --release` puts in dist/.
//
//   node tools/size-report.mjs           prints the report
//   node tools/size-report.mjs --update  writes it to docs/size.md
//   node tools/size-report.mjs --check   fails when the first download grew by
//                                        more than 1 KB gzipped over docs/size.md,
//                                        or a download passed its budget
//
// The first download is what a visit fetches before the page is usable: the
// page, its script and the modules it imports, its wasm and its styles. Files
// fetched later (the sections' wasm, a worker started for a large document)
// are listed apart. Content hashes are taken out of names, so a report
// compares across builds.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { measure } from "./sizes.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const DIST = join(ROOT, "dist");
const REPORT = join(ROOT, "docs", "size.md");
/** Growth of the first download, gzipped, that `--check` lets through. */
const ALLOWED_GROWTH = 1024;
/**
 * The budget, gzipped bytes (docs/size-budget.md says how it was set): a
 * change that takes a download past it changes the budget there, on purpose.
 */
const BUDGET = { first: 360_000, all: 470_000 };

const kb = (bytes) => (bytes / 1000).toFixed(1);

function markdown({ files, first, all }) {
  const row = (name, s) => `| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`;
  return [
    "# Download size",
    "",
    "What `trunk build --release` serves, in KB (1000 bytes): raw, gzip at level 9 and brotli at",
    "quality 11. Written by `node tools/size-report.mjs --update` after a release build; CI runs",
    "`--check`, which fails when the first download grows by more than 1 KB gzipped over the",
    "figures below, so a change that grows the app shows it here, or passes the budget",
    `(${kb(BUDGET.first)} KB gzipped first, ${kb(BUDGET.all)} in all; see [size-budget.md](size-budget.md)).`,
    "",
    "| File | Raw | Gzip | Brotli |",
    "|---|---:|---:|---:|",
    ...files.map((f) => row(f.first ? f.name : `${f.name} (later)`, f)),
    row("**First download**", first),
    row("**Everything**", all),
    "",
    `<!-- first-download-gzip: ${first.gzip} -->`,
    "",
  ].join("\n");
}

const report = await measure(DIST);
const text = markdown(report);
const mode = process.argv[2];
if (mode === "--update") {
  await writeFile(REPORT, text);
  console.log(`wrote ${REPORT}`);
} else if (mode === "--check") {
  const recorded = Number(/first-download-gzip: (\d+)/.exec(await readFile(REPORT, "utf8"))?.[1]);
  const now = report.first.gzip;
  console.log(`first download: ${now} bytes gzipped (recorded ${recorded})`);
  if (!(now <= recorded + ALLOWED_GROWTH)) {
    console.error(`The first download grew by ${now - recorded} bytes gzipped. If that is intended, run node tools/size-report.mjs --update and commit docs/size.md.`);
    process.exit(1);
  }
  for (const part of ["first", "all"]) {
    if (report[part].gzip > BUDGET[part]) {
      console.error(`The ${part === "first" ? "first download" : "whole app"} is ${report[part].gzip} bytes gzipped, over its budget of ${BUDGET[part]} (docs/size-budget.md).`);
      process.exit(1);
    }
  }
} else {
  process.stdout.write(text);
}
