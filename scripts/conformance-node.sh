#!/usr/bin/env bash
# The Node 20 side of a conformance comparison: runs every test file of a
# suite in Node (the suite's run-node.js) and records which subtests pass in
# the suite's node20.json. Run it once when the suite's files change (with
# Node 20); `make test` replays jsbox against it.
#
#   scripts/conformance-node.sh [SUITE]    tests/conformance (default) or tests/intl402
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-tests/conformance}"
version="$(node --version)"
case "$version" in v20.*) ;; *) echo "conformance-node: needs Node 20, found $version" >&2; exit 2 ;; esac
# The tests never read the host's zone or locale on purpose; pin both anyway.
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
python3 - "$version" "$suite" <<'PY'
import glob, json, os, subprocess, sys
version, suite = sys.argv[1], sys.argv[2]
out = {"node": version, "files": {}}
total = passed_all = 0
for path in sorted(glob.glob(f"{suite}/*.js")):
    name = os.path.basename(path)
    if name in ("harness.js", "assert.js", "run-node.js"):
        continue
    run = subprocess.run(["node", f"{suite}/run-node.js", path], capture_output=True, text=True, timeout=600)
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
json.dump(out, open(f"{suite}/node20.json", "w"), indent=0, sort_keys=True, ensure_ascii=True)
PY
