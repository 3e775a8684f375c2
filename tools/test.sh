#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, and all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# CI=true makes insta fail on a missing or changed snapshot instead of writing one.
CI=true cargo test --workspace --locked
