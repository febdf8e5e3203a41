#!/usr/bin/env bash
# The wheel as a user receives it: its contents checked, then a venv outside
# the repository installs target/wheels/*.whl with pip and runs a script with
# a sync and an async helper, with no Rust toolchain on PATH for that step.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
wheel="$(ls "$root"/target/wheels/jsbox_sandbox-*.whl)"
echo "python-wheel: $wheel, $(stat -c %s "$wheel") bytes" >&2
listing="$("$python" -m zipfile -l "$wheel" | awk 'NR > 1 { print $1 }')"
for required in jsbox_sandbox/__init__.py jsbox_sandbox/_native.pyi jsbox_sandbox/py.typed jsbox_sandbox/_native.abi3.so; do
  grep -qx "$required" <<<"$listing" || { echo "python-wheel: $required is missing from the wheel" >&2; exit 1; }
done
if grep -E '(^|/)(tests|src)/|\.rs$' <<<"$listing"; then
  echo "python-wheel: sources or tests leaked into the wheel" >&2
  exit 1
fi
case "$(basename "$wheel")" in
  jsbox_sandbox-*-cp39-abi3-*.whl) ;;
  *) echo "python-wheel: not an abi3 wheel for CPython 3.9+: $(basename "$wheel")" >&2; exit 1 ;;
esac

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$python" -m venv "$scratch/venv"
# A PATH with this venv's Python, and no cargo, rustc or rustup.
export PATH="$scratch/venv/bin:/usr/bin:/bin"
unset CARGO CARGO_HOME RUSTUP_HOME PYTHONPATH
for tool in cargo rustc rustup maturin; do
  if command -v "$tool" >/dev/null; then
    echo "python-wheel: $tool is still on PATH ($(command -v "$tool"))" >&2
    exit 1
  fi
done
cd "$scratch"
pip install -q --disable-pip-version-check --no-index "$root"/target/wheels/jsbox_sandbox-*.whl
cat >main.py <<'PY'
import asyncio, json
from jsbox_sandbox import Engine, JsboxError

async def lookup(customer_id):
    await asyncio.sleep(0)
    return {"id": customer_id, "name": "Ada"}

with Engine(max_concurrency=4) as engine:
    out = engine.execute(
        "async function execute({ id }) { const c = await crm.lookup(id); return { sum: math.add(id, 1), name: c.name } }",
        {"id": 41},
        helpers={"math.add": lambda a, b: a + b, "crm.lookup": lookup},
    )
    print(json.dumps(out.result), JsboxError.__mro__[1].__name__)
PY
got="$(python main.py)"
expected='{"sum": 42, "name": "Ada"} Exception'
[ "$got" = "$expected" ] || { echo "python-wheel: expected $expected, got $got" >&2; exit 1; }
echo "python-wheel: installed outside the repository without Rust; printed $got" >&2
