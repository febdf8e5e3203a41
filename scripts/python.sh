#!/usr/bin/env bash
# `make python`: the PyPI package `jsbox-sandbox` (module `jsbox_sandbox`)
# from bindings/python/: maturin (pinned, from PyPI, in its own venv) builds
# the abi3 wheel (CPython 3.9 and later) into target/wheels/, then the test
# venv target/python/venv gets the wheel and pytest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
MATURIN_VERSION=1.16.0
PYTEST_VERSION=9.2.0
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  # Debian's Python with venv.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "python: installing Debian's python3 and python3-venv" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >/dev/null ||
    { echo "python: Python 3.9 or later with venv is needed (e.g. apt-get install python3 python3-venv)" >&2; exit 1; }
  python=python3
fi
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
  { echo "python: Python 3.9 or later is needed, this is $("$python" --version)" >&2; exit 1; }

venv() { # venv DIR PACKAGES…: a venv with these packages (once)
  local dir="$1"; shift
  if [ ! -x "$dir/bin/python" ] || [ "$(cat "$dir/.pins" 2>/dev/null)" != "$*" ]; then
    rm -rf "$dir"
    "$python" -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@"
    echo "$*" >"$dir/.pins"
  fi
}

venv "$root/target/python/build" "maturin==$MATURIN_VERSION"
rm -f "$root"/target/wheels/jsbox_sandbox-*.whl
# The extension shares target/release/ with the workspace.
(cd "$root/bindings/python" && "$root/target/python/build/bin/maturin" build --release --strip \
  --interpreter "$python" --out "$root/target/wheels" --quiet)
wheel="$(ls "$root"/target/wheels/jsbox_sandbox-*.whl)"
ls -l "$wheel" >&2

venv "$root/target/python/venv" "pytest==$PYTEST_VERSION"
"$root/target/python/venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
