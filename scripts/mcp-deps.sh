#!/usr/bin/env bash
# The npm packages the code-mode tests (tests/code_mode.rs) run against, into
# tests/mcp/node_modules (once, again when package-lock.json changes): the
# official MCP client SDK, the reference "everything" MCP server, and tsc.
set -euo pipefail
cd "$(dirname "$0")/../tests/mcp"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "mcp-deps: installing Debian's nodejs and npm" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d node_modules/@modelcontextprotocol/sdk ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
