#!/usr/bin/env bash
# Builds the web app's wasm in two downloads and puts it in trunk's staging
# directory; trunk runs it after the rest of the site is built (Trunk.toml).
#
#   1. cargo builds the app, keeping relocations (.cargo/config.toml);
#   2. wasm-split-cli moves the code only the sections a person opens now and
#      then need (app/src/sections.rs) into split_sections.wasm, fetched once
#      the page is shown;
#   3. wasm-bindgen writes the page's script; in release, wasm-opt shrinks
#      both wasm files;
#   4. the sections' fetch gets their digest (SRI), so a wrong file is refused;
#   5. the files go in app-HASH/ (HASH from their content, so a browser never
#      mixes files of two versions), and the page's <!-- portreg-app -->
#      line becomes the links and the script that start it.
#
# Run by `trunk build` (TRUNK_STAGING_DIR, TRUNK_PROFILE set); by hand:
#   TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release bash tools/build-wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh

staging=${TRUNK_STAGING_DIR:?run by trunk, or set TRUNK_STAGING_DIR}
profile=${TRUNK_PROFILE:-debug}
name=portreg-app
work=target/wasm-split/$profile
rm -rf "$work" && mkdir -p "$work/split" "$work/out"

if [ "$profile" = release ]; then
  cargo build --locked --release --target wasm32-unknown-unknown -p portreg-app
else
  cargo build --locked --target wasm32-unknown-unknown -p portreg-app
fi
wasm-split-cli "target/wasm32-unknown-unknown/$profile/$name.wasm" "$work/split" --out-name "$name" --target web
# --keep-lld-exports: the sections import the function table from the main wasm.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-name "$name" --out-dir "$work/out" "$work/split/$name.wasm"
cp "$work/split/__wasm_split.js" "$work/split/split_sections.wasm" "$work/out/"
if [ "$profile" = release ]; then
  for wasm in "$work/out/${name}_bg.wasm" "$work/out/split_sections.wasm"; do
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm"
  done
fi

# The sections' wasm is fetched with its digest: a file that is not this
# build's (a stale cache, a proxy's) is refused like a failed download, never
# run against this build's main wasm. A fetch still unfinished after 30 s
# (PATIENCE_MS in app/src/sections.rs) is given up, so that Try again starts
# a new one instead of waiting on a stalled one.
fetch='fetch(new URL("./split_sections.wasm", import.meta.url))'
grep -qF "$fetch" "$work/out/__wasm_split.js" || { echo "build-wasm: __wasm_split.js does not fetch the sections as expected" >&2; exit 1; }
digest=$(node -e 'const { createHash } = require("node:crypto"); process.stdout.write(createHash("sha384").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"))' "$work/out/split_sections.wasm")
sed -i "s|fetch(new URL(\"./split_sections.wasm\", import.meta.url))|fetch(new URL(\"./split_sections.wasm\", import.meta.url), { integrity: \"sha384-$digest\", signal: AbortSignal.timeout(30000) })|" "$work/out/__wasm_split.js"
grep -qF "sha384-$digest" "$work/out/__wasm_split.js" || { echo "build-wasm: could not give the sections' fetch its digest" >&2; exit 1; }

# The page's start: the app's script and wasm, then the "Starting portreg…"
# line goes; if either cannot be had (a failed download, a browser without
# WebAssembly) or the app fails to start, the line says so instead of the
# page staying blank.
start_script() {
  local script=$1 wasm=$2
  printf '%s' "const starting = document.getElementById(\"starting\"); \
const fail = (text) => { if (starting) { starting.classList.add(\"failed\"); starting.setAttribute(\"role\", \"alert\"); starting.textContent = text; } }; \
if (typeof WebAssembly !== \"object\") { fail(\"portreg needs WebAssembly, which this browser does not have or has turned off.\"); } \
else { try { const { default: init } = await import(\"$script\"); await init({ module_or_path: \"$wasm\" }); starting?.remove(); } \
catch (error) { fail(\"portreg could not start: \" + (error?.message ?? error) + \". Reload the page to try again.\"); throw error; } }"
}

hash=$(cd "$work/out" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
dir=app-$hash
rm -rf "${staging:?}/$dir" && cp -r "$work/out" "$staging/$dir"

links="<link rel=\"modulepreload\" href=\"./$dir/$name.js\" />\
<link rel=\"preload\" href=\"./$dir/${name}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\" />\
<script type=\"module\">$(start_script "./$dir/$name.js" "./$dir/${name}_bg.wasm")</script>"
grep -q '<!-- portreg-app -->' "$staging/index.html" || { echo "build-wasm: no <!-- portreg-app --> line in index.html" >&2; exit 1; }
sed -i "s|<!-- portreg-app -->|$links|" "$staging/index.html"
