// Starts portreg's checker: the app's own wasm (already downloaded for the
// page, and kept by the service worker) run in this worker, where it checks
// big documents without holding up the page. The page names its script and
// wasm, which must be of this site.
const params = new URL(self.location.href).searchParams;
const script = new URL(params.get("app") ?? "", self.location.href);
const wasm = new URL(params.get("wasm") ?? "", self.location.href);
if (script.origin !== self.location.origin || wasm.origin !== self.location.origin) {
  throw new Error("portreg's checker runs this site's files only");
}
const { default: init } = await import(script.href);
await init({ module_or_path: wasm.href });
