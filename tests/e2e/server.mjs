// A static file server for the built app (dist/), on loopback only. Tests mount
// the app under a sub-path, as a wiki would; `node tests/e2e/server.mjs` serves
// it at / on port 30000 (block 0, instance 1, frontend) for people.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

export const DIST = resolve(fileURLToPath(new URL("../../dist", import.meta.url)));

/**
 * Serves `root` under `base` (e.g. "/wiki/portreg/") on 127.0.0.1:`port` (0: any free port),
 * and the texts of `extra` (a Map from a path such as "/wiki/ports.md"), as a wiki would.
 * With `gzip`, files go gzipped to a browser that accepts it, as static hosts send them.
 */
export function startServer({ root = DIST, base = "/", port = 0, extra = new Map(), gzip = false } = {}) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    if (extra.has(path)) {
      response.writeHead(200, { "content-type": "text/markdown; charset=utf-8", "cache-control": "no-cache" });
      response.end(extra.get(path));
      return;
    }
    if (!path.startsWith(base)) {
      response.writeHead(404).end("not found");
      return;
    }
    let relative = path.slice(base.length) || "index.html";
    if (relative.endsWith("/")) relative += "index.html";
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (gzip && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        response.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "accept-encoding" });
        response.end(gzipSync(body, { level: 9 }));
      } else {
        response.writeHead(200, headers);
        response.end(body);
      }
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  return new Promise((done) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      done({ origin: `http://127.0.0.1:${address.port}`, url: `http://127.0.0.1:${address.port}${base}`, close: () => server.close() });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 30000);
  const { url } = await startServer({ port });
  console.log(`portreg is served at ${url}`);
}
