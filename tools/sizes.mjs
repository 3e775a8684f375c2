// What a release build serves, file by file: raw, gzip (level 9) and brotli
// (quality 11) bytes, and which files are the first download, what a visit
// fetches before the page is usable: the page, the files it names, and the
// modules its scripts import. Files fetched later (the sections' wasm, the
// checker's worker) are apart. Used by tools/size-report.mjs and
// tests/e2e/measure.mjs.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

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

/** The files `text` (of the file at `from`) loads as it starts: `href`/`src` attributes and static `import … from "…"` lines, resolved against `from`'s folder. */
function loadedBy(text, from) {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const named = [...text.matchAll(/(?:href|src)="([^"]+)"|import\s*(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/g)]
    .map((m) => m[1] ?? m[2])
    .filter((target) => target.startsWith("./"));
  return named.map((target) => join(dir, target).replaceAll("\\", "/"));
}

/** The sizes of every file under `dist`, the first download and everything. */
export async function measure(dist) {
  const paths = (await walk(dist)).filter((path) => path !== "sw.js" && !path.endsWith(".svg"));
  const bodies = new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(dist, path))])));
  // The first download: the page, the files it names, and the modules those
  // scripts import before they run. A file only a script fetches later (the
  // sections' wasm, the checker's worker) is not in it.
  const first = new Set(["index.html"]);
  const queue = ["index.html"];
  while (queue.length > 0) {
    const path = queue.shift();
    if (!/\.(html|js)$/.test(path)) continue;
    for (const target of loadedBy(bodies.get(path).toString(), path)) {
      if (bodies.has(target) && !first.has(target)) {
        first.add(target);
        queue.push(target);
      }
    }
  }
  const files = paths.map((path) => ({ name: unhashed(path), first: first.has(path), ...compressed(bodies.get(path)) }));
  const sum = (list) => list.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, first: sum(files.filter((f) => f.first)), all: sum(files) };
}

