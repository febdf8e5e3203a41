#!/usr/bin/env bash
# The Node 20 side of the Intl (ECMA-402) comparison: tests/intl402/ run in
# Node (run-node.js: harness.js, assert.js, the file), recorded in
# tests/intl402/node20.json. Node's results depend on its ICU/CLDR data:
# v20.20 ships ICU 78 / CLDR 48.
exec "$(dirname "$0")/conformance-node.sh" tests/intl402
