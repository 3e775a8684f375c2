#!/usr/bin/env bash
# Installs what is missing, builds the web app in release mode and serves it,
# with its embedded sample registry, at http://127.0.0.1:30000/ (block 0,
# instance 1, frontend: portreg's own port under its policy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
source tools/env.sh
trunk build --release
echo "portreg: open http://127.0.0.1:30000/ (Ctrl-C stops)" >&2
exec node tests/e2e/server.mjs 30000
