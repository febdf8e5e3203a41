#!/usr/bin/env bash
# The Node 20 side of the Intl (ECMA-402) conformance comparison: runs every
# file of tests/intl402/ in Node (run-node.js: harness.js, assert.js, the
# file) and records which subtests pass in tests/intl402/node20.json. Run it
# once when the test files change (with Node 20). Node's results depend on
# its ICU/CLDR data: v20.20 ships ICU 78 / CLDR 48.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node --version)"
case "$version" in v20.*) ;; *) echo "intl-node: needs Node 20, found $version" >&2; exit 2 ;; esac
# The tests never read the host's zone or locale on purpose; pin both anyway.
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
python3 - "$version" <<'PY'
import glob, json, os, subprocess, sys
out = {"node": sys.argv[1], "files": {}}
total = passed_all = 0
for path in sorted(glob.glob("tests/intl402/*.js")):
    name = os.path.basename(path)
    if name in ("assert.js", "run-node.js"):
        continue
    run = subprocess.run(["node", "tests/intl402/run-node.js", path], capture_output=True, text=True, timeout=600)
    results = json.loads(run.stdout)
    if isinstance(results, dict):
        out["files"][name] = {"error": results["error"][:500]}
    else:
        out["files"][name] = {r["name"]: r["status"] == "PASS" for r in results}
    passed = sum(1 for r in (results if isinstance(results, list) else []) if r["status"] == "PASS")
    total += len(results) if isinstance(results, list) else 0
    passed_all += passed
    print(f"{name}: {passed}/{len(results) if isinstance(results, list) else 'error'}", file=sys.stderr)
print(f"total: {passed_all}/{total}", file=sys.stderr)
json.dump(out, open("tests/intl402/node20.json", "w"), indent=0, sort_keys=True, ensure_ascii=True)
PY
