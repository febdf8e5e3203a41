#!/usr/bin/env bash
# The guest (QuickJS + the shims, for wasm32-wasip1), built reproducibly:
#
#   scripts/guest.sh build   build it and refresh the committed artifact
#                            (host/prebuilt/jsbox-guest.{wasm,inputs}) — `make guest`
#   scripts/guest.sh check   build it and fail unless the bytes equal the
#                            committed artifact — part of `make test`
#
# Reproducible means: the same inputs (tools/src/lib.rs, INPUTS) and the same
# toolchain (recorded in the manifest) give the same bytes, wherever the
# checkout and the cargo home are. Paths are remapped so neither leaks in.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode="${1:-build}"
export WASI_SDK="${WASI_SDK:-$root/target/wasi-sdk}"

# Four builds, in the order of jsbox_tools::ARTIFACTS: jsbox's guest, the
# standalone component of `jsbox compile` with and without wasi:http (only
# the guest crate's features differ between these three), and the
# TypeScript stripper (guest/typescript).
cores=()
for features in "" network component; do
  # Intl's locale data: the baked subset in guest/intl-data/ (scripts/intl-data.sh).
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS ICU4X_DATA_DIR="$root/guest/intl-data/baked" \
    cargo build --release --locked --manifest-path guest/Cargo.toml --target wasm32-wasip1 --target-dir target \
    --features "$features"
  core="target/guest-cores/jsbox_guest${features:+-$features}.wasm"
  mkdir -p target/guest-cores
  cp target/wasm32-wasip1/release/jsbox_guest.wasm "$core"
  cores+=("$core")
done
# The TypeScript stripper the host sandboxes: its own crate and lockfile.
env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
  cargo build --release --locked --manifest-path guest/typescript/Cargo.toml --target wasm32-wasip1 --target-dir target
cp target/wasm32-wasip1/release/jsbox_typescript.wasm target/guest-cores/jsbox_typescript.wasm
cores+=(target/guest-cores/jsbox_typescript.wasm)
cargo build --release --quiet -p jsbox-tools --bin jsbox-guest
tool=target/release/jsbox-guest

case "$mode" in
  build)
    "$tool" pack "${cores[@]}" \
      "rustc=$(rustc -V)" \
      "clang=$("$WASI_SDK/bin/clang" --version | head -1)" \
      "wasi-libc=$(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null || echo unknown)"
    # The tool again, now embedding the guest just packed, lists its globals.
    cargo build --release --quiet -p jsbox-tools --bin jsbox-guest
    "$tool" globals
    ;;
  check)
    "$tool" compare "${cores[@]}"
    "$tool" check
    "$tool" globals --check
    ;;
  *)
    echo "usage: scripts/guest.sh build|check" >&2
    exit 2
    ;;
esac
