# Sourced by the tools: cargo-installed binaries and npm's wasm-opt on PATH.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
