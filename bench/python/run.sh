#!/usr/bin/env bash
# `make bench`, scenarios P1/P8/PT: the Python package beside its peers from
# PyPI, each pinned and installed into the bench's own venv
# (target/python/bench); one that does not install here is reported as such.
# usage: bench/python/run.sh OUT.json
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
[ -n "$(ls "$root"/target/wheels/jsbox_sandbox-*.whl 2>/dev/null)" ] || "$root/scripts/python.sh" >&2
venv="$root/target/python/bench"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip() { "$venv/bin/python" -m pip -q --disable-pip-version-check "$@"; }
pip install --force-reinstall --no-deps "$root"/target/wheels/jsbox_sandbox-*.whl >&2
missing="{}"
for peer in quickjs-rs==0.2.6 modebox==0.2.0 mini-racer==0.14.0; do
  if ! pip install "$peer" >&2 2>"$venv/pip.log"; then
    echo "bench/python: $peer does not install here: $(tail -1 "$venv/pip.log")" >&2
    missing="$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d[sys.argv[2]]="does not install here: "+sys.argv[3]; print(json.dumps(d))' "$missing" "${peer%%==*}" "$(tail -1 "$venv/pip.log")")"
  fi
done
JSBOX_BENCH_MISSING="$missing" "$venv/bin/python" "$root/bench/python/bench.py" >"$out"
