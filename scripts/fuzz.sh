#!/usr/bin/env bash
# `make fuzz`: each cargo fuzz target (every parser surface: scripts and
# args, policies and CLI flags, TypeScript, secret substitution and
# redaction, helper endpoints' answers, the service's configuration and
# ceilings, compiled components) for FUZZ_SECONDS (default 60), starting
# from fuzz/seeds and fuzz/regressions. New corpus entries go to
# target/fuzz-corpus, crashes to target/fuzz-artifacts; a crash fails the run
# and should become a file in fuzz/regressions/<target>/ (replayed by
# `make test`). Needs the nightly toolchain (cargo fuzz instruments with -Z
# flags); installs cargo-fuzz from crates.io into target/tools.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-execute policy typescript secrets helper_answer config component binding_calls continuations helper_schema mcp_messages}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "error: make fuzz needs the nightly Rust toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
tools="$PWD/target/tools"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
  cargo install --locked cargo-fuzz --version 0.13.2 --root "$tools"
fi
export PATH="$tools/bin:$PATH"
export JSBOX_CACHE_DIR="$PWD/target/fuzz-cache"

for target in $targets; do
  corpus="target/fuzz-corpus/$target"
  artifacts="target/fuzz-artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  extra=()
  [ -f "fuzz/$target.dict" ] && extra+=("-dict=fuzz/$target.dict")
  # The typescript target compares SWC linked natively with the sandboxed
  # stripper, a release build: natively too, SWC is built as shipped, without
  # its debug assertions (one fires on input its release build reports as a
  # syntax error: fuzz/regressions/typescript/swc-eof-assertion-in-an-enum).
  build=()
  [ "$target" = typescript ] && build+=(-O)
  echo "== fuzz $target for ${seconds}s"
  cargo +nightly fuzz run "${build[@]}" --sanitizer "${FUZZ_SANITIZER:-none}" --target-dir target/fuzz "$target" \
    "$corpus" "fuzz/seeds/$target" "fuzz/regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}"
done
