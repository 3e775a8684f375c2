// Keeps portreg working offline once loaded: same-origin GET requests go to the
// network first and are kept; without a network the kept copy answers.
const CACHE = "portreg-v1";

// The checker's starter is asked for only when a big document is checked
// (it runs the app's own script and wasm, kept below when the page loads):
// kept now, so that a big document is checked offline too.
const CHECKER = "./check-worker.js";

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(CHECKER))
      .catch(() => {}),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// A page hands over the files it loads, those of its first visit included,
// before this worker took it over: each not kept yet is fetched and kept.
self.addEventListener("message", (event) => {
  const keep = event.data?.keep;
  if (!Array.isArray(keep)) {
    return;
  }
  // Only this site's files under the app's own folder (not the rest of a
  // wiki it is hosted in), and a bounded number per message.
  const ours = (url) => {
    try {
      const parsed = new URL(url);
      return parsed.origin === self.location.origin && parsed.href.startsWith(self.registration.scope);
    } catch {
      return false;
    }
  };
  const own = keep.filter((url) => typeof url === "string" && ours(url)).slice(0, 100);
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(own.map((url) => cache.match(url).then((hit) => hit || cache.add(url)).catch(() => {}))).then(() =>
        dropOtherBuilds(cache, own),
      ),
    ),
  );
});

// Each build's app files are in a folder named by their content (app-HASH/):
// once a page loads one build's, the kept files of the others are dropped, so
// the cache does not grow with every deploy.
const BUILD = /\/app-[0-9a-f]{16}\//;
async function dropOtherBuilds(cache, loaded) {
  const builds = new Set(loaded.map((url) => BUILD.exec(url)?.[0]).filter(Boolean));
  if (builds.size !== 1) {
    return;
  }
  const [current] = builds;
  const kept = await cache.keys();
  await Promise.all(
    kept.filter((request) => BUILD.test(request.url) && !request.url.includes(current)).map((request) => cache.delete(request)),
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || Response.error())),
  );
});
