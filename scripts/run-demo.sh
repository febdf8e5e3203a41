#!/usr/bin/env bash
# `make run`: starts the local demo API, runs the seed's example script
# (examples/seed.js) through the jsbox CLI against it, with the API token as
# a secret the script never sees, and stops the API.
set -euo pipefail
cd "$(dirname "$0")/.."
jsbox=target/release/jsbox
source scripts/demo-api.sh
addr="$(cat "$dir/addr")"
# The token is a secret: the script gets the placeholder, the host puts the
# value in on the way to the API (and only there).
export DATTO_TOKEN=demo-token
args="{\"authHeader\": \"Bearer {{secrets.DATTO_TOKEN}}\", \"baseUrl\": \"http://$addr/\"}"
set -x  # show the CLI call users can copy
"$jsbox" run examples/seed.js --args "$args" --allow-host "$addr" --secret "DATTO_TOKEN@$addr" --memory 32MiB --timeout 5s
{ set +x; } 2>/dev/null
