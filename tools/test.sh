#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, Rust tests (unit,
# snapshot, property, CLI) and the browser tests against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --tests
source tools/env.sh

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p portreg-app --target wasm32-unknown-unknown --locked -- -D warnings
# CI=true makes insta fail on a missing or changed snapshot instead of writing one.
CI=true cargo test --workspace --locked

trunk build --release
node tools/size-report.mjs --check
npm run --silent test:e2e
