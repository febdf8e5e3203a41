#!/usr/bin/env bash
# `cargo package -p jsbox`: the crate as crates.io would receive it. It must
# hold the prebuilt guest and the WIT it was built against, and stay under
# the registry's 10 MB limit. (The build of the unpacked crate is what
# scripts/embed-check.sh does for the path dependency.)
set -euo pipefail
cd "$(dirname "$0")/.."
list="$(cargo package -p jsbox --list --allow-dirty)"
for required in prebuilt/jsbox-guest.wasm prebuilt/jsbox-guest.inputs wit/jsbox.wit wit/component.wit wit/deps/http.wit src/lib.rs; do
  grep -qx "$required" <<<"$list" || { echo "package: $required is missing from the package" >&2; exit 1; }
done
cargo package -p jsbox --no-verify --allow-dirty --quiet
crate="$(ls -t target/package/jsbox-*.crate | head -1)"
size=$(stat -c %s "$crate")
limit=$((10 * 1000 * 1000))
if [ "$size" -ge "$limit" ]; then
  echo "package: $crate is $size bytes, over crates.io's limit of $limit" >&2
  exit 1
fi
echo "package: $crate, $size bytes ($((size * 100 / limit))% of crates.io's 10 MB limit)" >&2
