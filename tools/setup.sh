#!/usr/bin/env bash
# Installs what building and testing portreg needs and this machine lacks.
# Idempotent: each tool is installed only when missing or at the wrong version.
#   bash tools/setup.sh            tools to build and serve the web app
#   bash tools/setup.sh --tests    also what the tests need (Chromium, shellcheck, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-split-cli, which splits the sections off the app's wasm (tools/build-wasm.sh):
# the version that reads the split points of the wasm_split_helpers in Cargo.lock.
WASM_SPLIT_VERSION=0.2.4
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')

say() { echo "setup: $*" >&2; }

rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install "trunk@$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION to match Cargo.lock"
  # Not --locked: its lock file wants a crate version the registry may lack.
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install "wasm_split_cli_support@$WASM_SPLIT_VERSION" --locked --features build-binary
fi

# wasm-opt 132 from npm's binaryen (Debian's wasm-opt 108 breaks the wasm), and the browser test tools.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund >/dev/null
fi

if [ "${1:-}" = "--tests" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v lsof >/dev/null || missing+=(lsof)
  command -v chattr >/dev/null || missing+=(e2fsprogs)
  command -v patch >/dev/null || missing+=(patch)
  command -v flock >/dev/null || missing+=(util-linux)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
