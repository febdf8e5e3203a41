#!/usr/bin/env bash
# `make run-mcp`: the seed's flow in code mode. Starts the local demo API
# (whose POST /helpers serves the typed helper bcdr.devices), then
# examples/mcp/agent.mjs: an MCP client that starts `jsbox mcp`, reads the
# declarations and runs the script an agent would write; the result is
# printed on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
jsbox="$PWD/target/release/jsbox"
source scripts/demo-api.sh
# The example resolves the MCP SDK from tests/mcp (make mcp-deps).
ln -sfn ../../tests/mcp/node_modules examples/mcp/node_modules
node examples/mcp/agent.mjs "$jsbox" "http://$addr/helpers"
