// Starts portreg's checker: the app's own wasm (already downloaded for the
// page, and kept by the service worker) run in this worker, where it checks
// big documents without holding up the page. The page's first message names
// its script and wasm, which must be of this site. When they cannot be
// loaded, the page is told so, and checks documents itself.
self.onmessage = async (event) => {
  self.onmessage = null;
  try {
    const [kind, app, wasm] = event.data;
    const script = new URL(app, self.location.href);
    const binary = new URL(wasm, self.location.href);
    if (kind !== "start" || script.origin !== self.location.origin || binary.origin !== self.location.origin) {
      throw new Error("portreg's checker runs this site's files only");
    }
    const { default: init } = await import(script.href);
    // The app sees it runs in a worker and answers the page from here on.
    await init({ module_or_path: binary.href });
  } catch {
    self.postMessage("failed");
    self.close();
  }
};
