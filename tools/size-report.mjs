// The web app's download, file by file: raw, gzip (level 9) and brotli
// (quality 11) bytes of every file `trunk build --release` puts in dist/.
//
//   node tools/size-report.mjs           prints the report
//   node tools/size-report.mjs --update  writes it to docs/size.md
//   node tools/size-report.mjs --check   fails when the first download grew by
//                                        more than 1 KB gzipped over docs/size.md
//
// The first download is what a visit fetches before the page is usable: the
// page, its script, its wasm and its styles. Files fetched later (a worker
// started for a large document) are listed apart. Trunk's content hashes are
// taken out of names, so a report compares across builds.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const DIST = join(ROOT, "dist");
const REPORT = join(ROOT, "docs", "size.md");
/** Growth of the first download, gzipped, that `--check` lets through. */
const ALLOWED_GROWTH = 1024;

const compressed = (body) => ({
  raw: body.length,
  gzip: gzipSync(body, { level: 9 }).length,
  brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** `portreg-app-0123456789abcdef_bg.wasm` → `portreg-app_bg.wasm`. */
const unhashed = (name) => name.replace(/-[0-9a-f]{16}(?=[._/])/g, "");

/** Every file under `dir`, as paths relative to it. */
async function walk(dir, prefix = "") {
  const out = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    out.push(...(entry.isDirectory() ? await walk(dir, path) : [path]));
  }
  return out.sort();
}

async function measure() {
  const paths = (await walk(DIST)).filter((path) => path !== "sw.js" && !path.endsWith(".svg"));
  const bodies = new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(DIST, path))])));
  // The first download: the page, what it names, the wasm of a script it
  // names, and the modules those scripts import (wasm-bindgen's snippets).
  const named = (text, path) => text.includes(path) || text.includes(path.replace(/_bg\.wasm$/, ".js"));
  const html = bodies.get("index.html").toString();
  const scripts = paths.filter((path) => path.endsWith(".js") && html.includes(path)).map((path) => bodies.get(path).toString());
  const first = (path) => path === "index.html" || named(html, path) || scripts.some((js) => js.includes(path.replace(/^snippets\//, "")));
  const files = paths.map((path) => ({ name: unhashed(path), first: first(path), ...compressed(bodies.get(path)) }));
  const sum = (list) => list.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, first: sum(files.filter((f) => f.first)), all: sum(files) };
}

const kb = (bytes) => (bytes / 1000).toFixed(1);

function markdown({ files, first, all }) {
  const row = (name, s) => `| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`;
  return [
    "# Download size",
    "",
    "What `trunk build --release` serves, in KB (1000 bytes): raw, gzip at level 9 and brotli at",
    "quality 11. Written by `node tools/size-report.mjs --update` after a release build; CI runs",
    "`--check`, which fails when the first download grows by more than 1 KB gzipped over the",
    "figures below, so a change that grows the app shows it here.",
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

const report = await measure();
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
} else {
  process.stdout.write(text);
}
