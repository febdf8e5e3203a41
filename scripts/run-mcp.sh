#!/usr/bin/env bash
# `make run-mcp`: the seed's flow in code mode. Starts the local demo API
# (whose POST /helpers serves the typed helper bcdr.devices), then
# examples/mcp/agent.mjs: an MCP client that starts `jsbox mcp`, reads the
# declarations and runs the script an agent would write; the result is
# printed on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
jsbox="$PWD/target/release/jsbox"
dir="$(mktemp -d)"
"$jsbox" demo-api --addr-file "$dir/addr" 2>"$dir/api.log" &
api=$!
trap 'kill "$api" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 200); do
  [ -s "$dir/addr" ] && break
  kill -0 "$api" 2>/dev/null || { cat "$dir/api.log" >&2; exit 1; }
  sleep 0.05
done
# The example resolves the MCP SDK from tests/mcp (make mcp-deps).
ln -sfn ../../tests/mcp/node_modules examples/mcp/node_modules
node examples/mcp/agent.mjs "$jsbox" "http://$(cat "$dir/addr")/helpers"
