#!/usr/bin/env bash
# `make node`: the npm package `jsbox` in bindings/node/, built here: the
# pinned @napi-rs/cli from npm (package-lock.json) builds the Linux x64
# (glibc) addon and writes its TypeScript declarations from the Rust types
# (native.d.ts). Nothing prebuilt is downloaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/bindings/node"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  # Debian's own Node.js (18 or later since bookworm) and npm.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "node: installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null ||
    { echo "node: Node.js (18 or later) and npm are needed; install them (e.g. apt-get install nodejs npm)" >&2; exit 1; }
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || { echo "node: Node.js 18 or later is needed, this is $(node --version)" >&2; exit 1; }
if [ ! -x node_modules/.bin/napi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The addon shares target/release/ with the workspace (see cargo-host.sh).
# napi's "Failed to copy artifact" hides its cause; a full disk was one.
CARGO="$root/scripts/cargo-host.sh" node_modules/.bin/napi build --platform --release --no-js --dts native.d.ts || {
  status=$?
  echo "node: napi build failed (exit $status); free space where it builds and writes:" >&2
  df -h "$root/target" "$PWD" >&2 || true
  exit "$status"
}
# Symbols are not needed to run it (49 → 41 MB); napi's --strip would pass
# RUSTFLAGS and rebuild every dependency.
if command -v strip >/dev/null; then strip --strip-unneeded jsbox.*.node; fi
ls -l jsbox.*.node >&2
