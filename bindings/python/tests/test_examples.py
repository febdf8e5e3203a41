"""The examples users copy: examples/python/seed.py against the local demo
API, and every ```python block of the package's README and the book's
Python page, run as written."""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
JSBOX = Path(os.environ.get("JSBOX_BIN", ROOT / "target" / "release" / "jsbox"))


def test_the_seed_runs_against_the_demo_api():
    assert JSBOX.exists(), f"{JSBOX} is missing: `make build` first"
    with tempfile.TemporaryDirectory() as scratch:
        addr_file = Path(scratch) / "addr"
        api = subprocess.Popen(
            [str(JSBOX), "demo-api", "--listen", "127.0.0.1:0", "--addr-file", str(addr_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(400):
                if addr_file.exists() and addr_file.read_text().strip():
                    break
                assert api.poll() is None, "demo-api exited"
                time.sleep(0.025)  # polling for the address file
            addr = addr_file.read_text().strip()
            run = subprocess.run(
                [sys.executable, str(ROOT / "examples" / "python" / "seed.py"), f"http://{addr}/"],
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            api.kill()
            api.wait()
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"http://{addr}/bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1"
    assert '"serialNumber": "DEMO-0001"' in run.stdout
    assert lines[-1] == '{"id": 7, "owner": "Acme Corp"}'


def python_blocks(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(), flags=re.S)


@pytest.mark.parametrize("page", ["bindings/python/README.md", "docs/src/python.md"])
def test_the_documented_examples_run(page):
    blocks = python_blocks(ROOT / page)
    assert blocks, f"no python examples in {page}"
    for block in blocks:
        run = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert run.returncode == 0, f"{page}:\n{block}\n{run.stderr}"
        # What a block says it prints (`# → value`) is what it prints.
        expected = [line.split("# → ", 1)[1].strip() for line in block.splitlines() if "# → " in line]
        assert run.stdout.split("\n")[: len(expected)] == expected, f"{page}:\n{block}\n{run.stdout}"
