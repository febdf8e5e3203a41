#!/usr/bin/env bash
# mdBook, which builds the book in docs/ (`make doc`): a pinned version from
# crates.io into target/tools/ (kept between runs, like the wasmtime CLI),
# with search but without `serve` and `watch` (a web server and a file
# watcher the build does not need, and most of the compile time).
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.5.4
tools="$PWD/target/tools"
if [ -x "$tools/bin/mdbook" ] && [ "$("$tools/bin/mdbook" --version 2>/dev/null)" = "mdbook v$version" ]; then
  exit 0
fi
echo "== installing mdbook $version into target/tools (once)"
cargo install --locked --quiet --root "$tools" --target-dir target/tools/build \
  mdbook --version "$version" --no-default-features --features search
"$tools/bin/mdbook" --version
