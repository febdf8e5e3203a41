#!/usr/bin/env bash
# `make bench-compare REV=<git rev>`: the costs a change must keep, measured
# for REV and for the working tree side by side, in one run on this machine:
# the guest's size, scenario 1 (a trivial execute in a fresh sandbox, 1
# thread; also with a script that uses URL) and scenario 5 (1,000 sandboxes
# awaiting a 2 s response: peak RSS and PSS).
# The rounds alternate between the two binaries so that machine noise hits
# both alike. REV's jsbox is built once into target/compare/ (a worktree).
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: bench/compare.sh REV [ROUNDS]}"
rounds="${2:-3}"
sha="$(git rev-parse --verify "$rev^{commit}")"
short="${sha:0:12}"
after=target/release/jsbox
before_dir="$PWD/target/compare/$short"
before="$before_dir/jsbox"
out="$(mktemp -d)"
api=""
cleanup() { [ -n "$api" ] && kill "$api" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT

if [ ! -x "$before" ]; then
  echo "compare: building jsbox at $short (once; kept in $before_dir)" >&2
  tree="$PWD/target/compare/tree-$short"
  rm -rf "$tree"
  git worktree prune
  git worktree add --detach --quiet "$tree" "$sha"
  # Its own target dir: the old sources would otherwise evict the current build.
  (cd "$tree" && CARGO_TARGET_DIR="$PWD/../target" cargo build --release --quiet --bin jsbox)
  mkdir -p "$before_dir"
  cp "$tree/../target/release/jsbox" "$before"
  git show "$sha:host/prebuilt/jsbox-guest.wasm" > "$before_dir/jsbox-guest.wasm"
  git worktree remove --force "$tree"
fi

# Separate artifact caches: each binary removes the other's stale artifacts.
export_cache() { JSBOX_CACHE_DIR="$PWD/target/compare/cache-$1"; export JSBOX_CACHE_DIR; }

"$after" demo-api --addr-file "$out/addr" 2>/dev/null &
api=$!
for _ in $(seq 1 200); do [ -s "$out/addr" ] && break; sleep 0.05; done
addr="$(cat "$out/addr")"

for side in before after; do
  bin="$before"; [ "$side" = after ] && bin="$after"
  export_cache "$side"
  "$bin" run bench/scripts/trivial.js --args '{"id": 1}' >/dev/null # warm the artifact cache
done

for round in $(seq 1 "$rounds"); do
  for side in before after; do
    bin="$before"; [ "$side" = after ] && bin="$after"
    export_cache "$side"
    echo "compare: round $round/$rounds, $side" >&2
    "$bin" bench bench/scripts/trivial.js --args '{"id": 7}' -n 5000 > "$out/s1.$side.$round.json"
    "$bin" bench bench/scripts/url.js --args '{"id": 7}' -n 5000 > "$out/s1url.$side.$round.json"
    "$bin" bench bench/scripts/wait.js --args "{\"url\": \"http://$addr/delay/2000\"}" --allow-host "$addr" \
      -n 1000 --concurrency 1000 --warmup 0 --timeout 30s > "$out/s5.$side.$round.json" &
    # RSS counts the snapshot's shared pages once per sandbox; PSS counts
    # them once: sample the bench's PSS while its 1,000 sandboxes wait.
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      pss="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)"
      [ -n "$pss" ] && [ "$pss" -gt "$peak" ] && peak="$pss"
      sleep 0.05
    done
    wait "$pid"
    echo "{\"peak_pss_bytes\": $((peak * 1024))}" > "$out/s5pss.$side.$round.json"
  done
done

python3 - "$out" "$rounds" "$short" "$before_dir/jsbox-guest.wasm" host/prebuilt/jsbox-guest.wasm <<'PY'
import json, os, statistics, sys
out, rounds, short, guest_before, guest_after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
load = lambda name: json.load(open(os.path.join(out, name)))
def median(scenario, side, key):
    return statistics.median(load(f"{scenario}.{side}.{r}.json")[key] for r in range(1, rounds + 1))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
rows = [
    ("guest size (bytes)", os.path.getsize(guest_before), os.path.getsize(guest_after)),
    ("1. trivial execute: p50 (µs)", median("s1", "before", "p50_us"), median("s1", "after", "p50_us")),
    ("1. trivial execute: executions/s", median("s1", "before", "per_sec"), median("s1", "after", "per_sec")),
    ("1. execute using URL: p50 (µs)", median("s1url", "before", "p50_us"), median("s1url", "after", "p50_us")),
    ("5. 1,000 sandboxes: peak RSS (MiB)", median("s5", "before", "peak_rss_bytes") / 2**20, median("s5", "after", "peak_rss_bytes") / 2**20),
    ("5. 1,000 sandboxes: peak PSS (MiB)", median("s5pss", "before", "peak_pss_bytes") / 2**20, median("s5pss", "after", "peak_pss_bytes") / 2**20),
]
print(f"{short} (before) vs the working tree (after), median of {rounds} alternating rounds, {os.cpu_count()} cores ({cpu})\n")
print("| measure | before | after | after / before |\n|---|---|---|---|")
for name, b, a in rows:
    print(f"| {name} | {b:,.1f} | {a:,.1f} | {a / b:.2f} |")
PY
