#!/usr/bin/env bash
# The Node 20 side of the web-platform conformance comparison: runs every
# file of tests/conformance/ in Node (run-node.js) and records which
# subtests pass in tests/conformance/node20.json. Run it once when the test
# files change (with Node 20); `make test` replays jsbox against it.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node --version)"
case "$version" in v20.*) ;; *) echo "conformance-node: needs Node 20, found $version" >&2; exit 2 ;; esac
python3 - "$version" <<'PY'
import glob, json, os, subprocess, sys
out = {"node": sys.argv[1], "files": {}}
for path in sorted(glob.glob("tests/conformance/*.js")):
    name = os.path.basename(path)
    if name in ("harness.js", "run-node.js"):
        continue
    run = subprocess.run(["node", "tests/conformance/run-node.js", path], capture_output=True, text=True, timeout=600)
    results = json.loads(run.stdout)
    if isinstance(results, dict):
        out["files"][name] = {"error": results["error"][:500]}
    else:
        out["files"][name] = {r["name"]: r["status"] == "PASS" for r in results}
    passed = sum(1 for r in (results if isinstance(results, list) else []) if r["status"] == "PASS")
    print(f"{name}: {passed}/{len(results) if isinstance(results, list) else 'error'}", file=sys.stderr)
json.dump(out, open("tests/conformance/node20.json", "w"), indent=0, sort_keys=True, ensure_ascii=True)
PY
