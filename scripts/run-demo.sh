#!/usr/bin/env bash
# `make run`: starts the local demo API, runs the seed's example script
# (examples/seed.js) through the jsbox CLI against it, and stops the API.
set -euo pipefail
cd "$(dirname "$0")/.."
jsbox=target/release/jsbox
dir="$(mktemp -d)"
"$jsbox" demo-api --addr-file "$dir/addr" 2>"$dir/api.log" &
api=$!
trap 'kill "$api" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 200); do
  [ -s "$dir/addr" ] && break
  kill -0 "$api" 2>/dev/null || { cat "$dir/api.log" >&2; exit 1; }
  sleep 0.05
done
addr="$(cat "$dir/addr")"
args="{\"authHeader\": \"Bearer demo-token\", \"baseUrl\": \"http://$addr/\"}"
set -x  # show the CLI call users can copy
"$jsbox" run examples/seed.js --args "$args" --allow-host "$addr" --memory 32MiB --timeout 5s
{ set +x; } 2>/dev/null
