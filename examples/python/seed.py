"""The seed's IsolatedVmContext, in Python, on jsbox_sandbox: the same
methods and helpers (``global``, ``log``, ``btoa``, ``http.sendGetRequest``,
``http.sendPostRequest``, your own sync and async helpers), with a fresh
WebAssembly sandbox per script, so a script that runs out of memory fails
alone and cannot take the process down.

    python examples/python/seed.py http://127.0.0.1:PORT/

runs the seed's ``runExample()`` against that API: its user script
unchanged, its two args pointing at the local API (the token as a secret
placeholder), then a script calling a custom sync and an async helper.
(``make test`` runs it against ``jsbox demo-api``; ``make run`` starts one.)
"""

import asyncio
import json
import os
import sys
from urllib.parse import urlsplit

from jsbox_sandbox import Engine, JsboxError

# One engine per process: it holds the compiled sandbox and its pool.
engine = Engine()


class NotFoundError(Exception):
    def __init__(self, message, user_message):
        super().__init__(message)
        self.user_message = user_message


class IsolatedVmContext:
    # Set once at startup by the platform: what every context may reach, and
    # the credentials scripts use as {{secrets.NAME}} without seeing them.
    defaults = {"allow_hosts": [], "secrets": {}, "timeout": 10.0}

    def __init__(self, memory_limit=128, **options):
        """``IsolatedVmContext(32)`` (MB, as the seed) or with ``allow_hosts``, ``timeout``, ``helpers``."""
        self._helpers = dict(options.pop("helpers", {}))
        self._options = {**self.defaults, **options, "memory": f"{memory_limit}MiB"}

    # global, log, btoa and http.* are built into every jsbox sandbox:
    # nothing to set up. Kept so that the seed's calls run as they are.
    async def initialize_context(self):
        pass

    def add_helper(self, name, fn):
        """A synchronous helper: the script gets its value."""
        self._helpers[name] = fn

    def add_async_helper(self, name, fn):
        """An asynchronous helper (an ``async def``): the script awaits it."""
        self._helpers[name] = fn

    async def compile_user_script(self, user_script, args):
        try:
            out = await engine.execute_async(user_script, args, helpers=self._helpers, **self._options)
        except JsboxError as error:
            for line in error.logs:
                print(line.message)
            if error.kind == "missing-execute":
                raise NotFoundError(
                    "The function 'execute' could not be found.", "We couldn't find the requested function."
                ) from error
            raise
        for line in out.logs:
            print(line.message)
        return out.result


# ---- The seed's example usage (its args point at the local API) -------------


async def run_example():
    isolated_context = IsolatedVmContext(32)  # 32 MB memory limit
    await isolated_context.initialize_context()

    user_script = """
    async function execute({ authHeader, baseUrl }) {
      const url = baseUrl + "bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1";
      log(url);
      const devicesResponse = await http.sendGetRequest(
        { Authorization: authHeader },
        url
      );
      return devicesResponse;
    }
    """

    result = await isolated_context.compile_user_script(
        user_script, {"authHeader": "Bearer {{secrets.DATTO_TOKEN}}", "baseUrl": API}
    )
    print(json.dumps(result, indent=2))


async def run_helpers_example():
    """The seed's custom helpers: one sync, one async, on the platform's side."""
    context = IsolatedVmContext(32)
    context.add_helper("format.title", lambda text: text.title())

    async def lookup(device_id):
        await asyncio.sleep(0)  # e.g. a database query
        return {"id": device_id, "owner": "acme corp"}

    context.add_async_helper("inventory.lookup", lookup)
    result = await context.compile_user_script(
        """
        async function execute({ id }) {
          const device = await inventory.lookup(id);
          return { id: device.id, owner: format.title(device.owner) };
        }
        """,
        {"id": 7},
    )
    print(json.dumps(result))


# ---- The platform's startup ---------------------------------------------------

API = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/"
host = urlsplit(API).netloc
IsolatedVmContext.defaults["allow_hosts"] = [host]
# The token stays in this process: the script holds a placeholder.
IsolatedVmContext.defaults["secrets"] = {
    "DATTO_TOKEN": {"value": os.environ.get("DATTO_TOKEN", "demo-token"), "hosts": [host]}
}

asyncio.run(run_example())
asyncio.run(run_helpers_example())
engine.close()
