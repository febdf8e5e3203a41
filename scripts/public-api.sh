#!/usr/bin/env bash
# `make public-api`: the jsbox library's public API, listed by cargo
# public-api (from rustdoc's JSON: nightly Rust), compared with the committed
# host/public-api.txt. A difference fails and prints the diff: a change of
# the API is deliberate, so update the file with `make public-api UPDATE=1`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "error: make public-api needs the nightly Rust toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
version=0.52.0
tools="$PWD/target/tools"
if ! [ -x "$tools/bin/cargo-public-api" ] || ! "$tools/bin/cargo-public-api" --version 2>/dev/null | grep -q " $version$"; then
  echo "== installing cargo-public-api $version into target/tools (once)"
  cargo install --locked --quiet --root "$tools" --target-dir target/tools/build cargo-public-api --version "$version"
fi
export PATH="$tools/bin:$PATH"
listed="$(mktemp)"
trap 'rm -f "$listed"' EXIT
CARGO_TARGET_DIR=target/public-api cargo public-api -p jsbox --simplified >"$listed"
if [ "${UPDATE:-}" = 1 ]; then
  cp "$listed" host/public-api.txt
  echo "host/public-api.txt: $(wc -l <host/public-api.txt) lines"
elif diff -u host/public-api.txt "$listed"; then
  echo "the public API is host/public-api.txt ($(wc -l <host/public-api.txt) lines)"
else
  echo "error: the public API changed (above); if on purpose, run make public-api UPDATE=1 and commit host/public-api.txt" >&2
  exit 1
fi
