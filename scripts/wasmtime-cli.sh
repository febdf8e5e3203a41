#!/usr/bin/env bash
# The `wasmtime` CLI the standard-component tests run compiled scripts with
# (`make wasmtime-cli`): the version of the `wasmtime` crate jsbox links,
# built from crates.io into target/tools/ (kept between runs, like
# cargo-fuzz), with the features those tests use (`run`, `-S http`, `-W …`,
# `compile`, its cache) and without the rest (GC, Winch, Pulley, wasi-nn,
# TLS, `serve`, …), which would double the build.
set -euo pipefail
cd "$(dirname "$0")/.."
version=48.0.8
features=run,compile,cranelift,component-model,wasi-http,cache,config,parallel-compilation,pooling-allocator,backtrace,demangle,addr2line,clap/default
tools="$PWD/target/tools"
if [ -x "$tools/bin/wasmtime" ] && [ "$("$tools/bin/wasmtime" --version 2>/dev/null)" = "wasmtime $version" ]; then
  exit 0
fi
# The version must be the crate's: a check that fails loudly when Cargo.lock moves on.
locked="$(awk '/^name = "wasmtime"$/ { getline; gsub(/[" ]/, ""); sub(/version=/, ""); print; exit }' Cargo.lock)"
if [ "$locked" != "$version" ]; then
  echo "error: scripts/wasmtime-cli.sh pins wasmtime-cli $version but Cargo.lock has wasmtime $locked: update the pin" >&2
  exit 1
fi
echo "== installing wasmtime-cli $version into target/tools (once)"
cargo install --locked --quiet --root "$tools" --target-dir target/tools/build \
  wasmtime-cli --version "$version" --no-default-features --features "$features"
"$tools/bin/wasmtime" --version
