"""The Python package beside its Python peers, in one Python process
(`make bench`, scenarios P1, P8 and PT): each peer installed from PyPI into
the bench's own venv (bench/python/run.sh); one that does not install or
import here is reported as such.

P1: a fresh isolated context per execution running scenario 1's trivial
script, one at a time. P8: the seed's flow with an async helper: the script
logs the URL and awaits `api.get(headers, url)`, which the host answers with
the demo API's devices (no network, so that the figures are the sandboxes'
and the crossings'). PT: jsbox's `execute` from 1, cores and 8 threads.

usage: python bench/python/bench.py   (prints one JSON object)
"""

import asyncio
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRIVIAL = (ROOT / "bench" / "scripts" / "trivial.js").read_text()
ARGS = {"id": 7}
# The trivial script as an expression every engine can evaluate.
TRIVIAL_CALL = "(" + TRIVIAL.split("\n", 1)[1].strip() + ")(" + json.dumps(ARGS) + ")"
DEVICES = {
    "pagination": {"page": "1", "perPage": "100", "totalCount": 3},
    "items": [
        {"serialNumber": f"DEMO-000{i}", "name": f"backup-appliance-{i}", "model": "S3B2000", "online": True}
        for i in (1, 2, 3)
    ],
}
SEED_ARGS = {"authHeader": "Bearer demo-token", "baseUrl": "http://127.0.0.1:9/"}
# The seed's execute, its http.sendGetRequest an async helper of the host's.
SEED_BODY = """
  const url = baseUrl + "bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1";
  log(url);
  const devicesResponse = await api.get({ Authorization: authHeader }, url);
  return devicesResponse;
"""
SEED = "async function execute({ authHeader, baseUrl }) {" + SEED_BODY + "}"


async def api_get(headers, url):
    return DEVICES


def measure(run, n, warmup):
    for _ in range(warmup):
        run()
    latencies = []
    started = time.perf_counter()
    for _ in range(n):
        began = time.perf_counter()
        run()
        latencies.append(time.perf_counter() - began)
    return report(latencies, time.perf_counter() - started)


async def measure_async(run, n, warmup):
    for _ in range(warmup):
        await run()
    latencies = []
    started = time.perf_counter()
    for _ in range(n):
        began = time.perf_counter()
        await run()
        latencies.append(time.perf_counter() - began)
    return report(latencies, time.perf_counter() - started)


def report(latencies, elapsed):
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1e6)
    return {"n": len(latencies), "p50_us": pick(0.5), "p99_us": pick(0.99), "per_sec": len(latencies) / elapsed}


def check(value, expected, who):
    if value != expected:
        raise AssertionError(f"{who} returned {value!r}, not {expected!r}")


EXPECTED_TRIVIAL = {"id": 7, "name": "item-7", "ok": True}


def jsbox_side(out):
    from jsbox_sandbox import Engine

    engine = Engine()
    check(engine.execute(TRIVIAL, ARGS).result, EXPECTED_TRIVIAL, "jsbox_sandbox")
    out["P1"]["jsbox_sandbox"] = measure(lambda: engine.execute(TRIVIAL, ARGS), 5000, 500)
    helpers = {"api.get": api_get}
    check(engine.execute(SEED, SEED_ARGS, helpers=helpers).result, DEVICES, "jsbox_sandbox")
    out["P8"]["jsbox_sandbox execute"] = measure(lambda: engine.execute(SEED, SEED_ARGS, helpers=helpers), 2000, 200)

    async def flows():
        out["P8"]["jsbox_sandbox execute_async"] = await measure_async(
            lambda: engine.execute_async(SEED, SEED_ARGS, helpers=helpers), 2000, 200
        )
        out["P1"]["jsbox_sandbox execute_async"] = await measure_async(
            lambda: engine.execute_async(TRIVIAL, ARGS), 5000, 500
        )
        # The runtime's hand-offs alone: a spawn and a call back to the loop.
        loop = asyncio.get_running_loop()

        async def round_trip():
            future = loop.create_future()
            engine._native.round_trip(lambda _: loop.call_soon_threadsafe(future.set_result, None))
            await future

        out["handoff"] = await measure_async(round_trip, 5000, 500)

    asyncio.run(flows())
    # PT: threads.
    for threads in sorted({1, os.cpu_count() or 1, 8}):
        per_thread = 8000 // threads
        barrier = threading.Barrier(threads + 1)

        def work():
            barrier.wait()
            for _ in range(per_thread):
                engine.execute(TRIVIAL, ARGS)

        pool = [threading.Thread(target=work) for _ in range(threads)]
        for t in pool:
            t.start()
        barrier.wait()
        began = time.perf_counter()
        for t in pool:
            t.join()
        out["PT"][f"{threads} threads"] = {"n": per_thread * threads, "per_sec": per_thread * threads / (time.perf_counter() - began)}
    engine.close()


def quickjs_side(out):
    import quickjs_rs

    shared = quickjs_rs.Runtime()

    def fresh_context():
        ctx = shared.new_context()
        try:
            return ctx.eval(TRIVIAL_CALL)
        finally:
            ctx.close()

    def fresh_runtime():
        with quickjs_rs.Runtime() as rt:
            ctx = rt.new_context()
            try:
                return ctx.eval(TRIVIAL_CALL)
            finally:
                ctx.close()

    check(fresh_context(), EXPECTED_TRIVIAL, "quickjs-rs")
    out["P1"]["quickjs-rs new Context"] = measure(fresh_context, 1000, 100)
    out["P1"]["quickjs-rs new Runtime"] = measure(fresh_runtime, 500, 50)

    seed = "(async ({ authHeader, baseUrl }) => {" + SEED_BODY.replace("log(url)", "console_log(url)") + "})(" + json.dumps(SEED_ARGS) + ")"

    async def seed_flow():
        ctx = shared.new_context()
        try:
            logs = []
            ctx.register("console_log", logs.append)
            ctx.register("api_get", api_get, is_async=True)
            return await ctx.eval_async("const api = { get: api_get };\nawait " + seed)
        finally:
            ctx.close()

    async def flows():
        check(await seed_flow(), DEVICES, "quickjs-rs")
        out["P8"]["quickjs-rs new Context"] = await measure_async(seed_flow, 1000, 100)

    asyncio.run(flows())
    shared.close()


def modebox_side(out):
    import modebox

    runner = modebox.Runner()
    trivial = "const args = " + json.dumps(ARGS) + ";\nreturn " + TRIVIAL_CALL
    seed = (
        "const { authHeader, baseUrl } = " + json.dumps(SEED_ARGS) + ";\nconst log = console.log;\n" + SEED_BODY
    )

    async def flows():
        check((await runner.run(trivial)).value, EXPECTED_TRIVIAL, "modebox")
        out["P1"]["modebox Runner.run"] = await measure_async(lambda: runner.run(trivial), 1000, 100)
        functions = {"api": {"get": api_get}}
        check((await runner.run(seed, host_functions=functions)).value, DEVICES, "modebox")
        out["P8"]["modebox Runner.run"] = await measure_async(
            lambda: runner.run(seed, host_functions=functions), 1000, 100
        )

    asyncio.run(flows())
    runner.close()


def mini_racer_side(out):
    from py_mini_racer import MiniRacer

    def fresh():
        mr = MiniRacer()
        try:
            return mr.execute(TRIVIAL_CALL)
        finally:
            mr.close()

    check(fresh(), EXPECTED_TRIVIAL, "mini-racer")
    out["P1"]["mini-racer new MiniRacer"] = measure(fresh, 300, 30)

    seed = "(async ({ authHeader, baseUrl }) => {" + SEED_BODY.replace("log(url)", "") + "})"

    async def get_text(*args):
        # mini-racer carries primitives only across a Python function: JSON text.
        return json.dumps(await api_get(*args))

    async def seed_flow():
        mr = MiniRacer()
        try:
            async with mr.wrap_py_function(get_text) as get:
                mr.eval("(get) => { globalThis.api = { get: async (...a) => JSON.parse(await get(...a)) } }")(get)
                run = mr.eval("(flow, args) => flow(JSON.parse(args)).then((v) => JSON.stringify(v))")
                return json.loads(await run(mr.eval(seed), json.dumps(SEED_ARGS)))
        finally:
            mr.close()

    async def flows():
        check(await seed_flow(), DEVICES, "mini-racer")
        out["P8"]["mini-racer new MiniRacer"] = await measure_async(seed_flow, 300, 30)

    asyncio.run(flows())


def main():
    out = {"P1": {}, "P8": {}, "PT": {}, "missing": json.loads(os.environ.get("JSBOX_BENCH_MISSING") or "{}"),
           "python": sys.version.split()[0]}
    for name, side in [("jsbox_sandbox", jsbox_side), ("quickjs-rs", quickjs_side), ("modebox", modebox_side), ("mini-racer", mini_racer_side)]:
        if name in out["missing"]:
            continue
        try:
            side(out)
        except ImportError as error:
            out["missing"][name] = f"not installed here ({error})"
        except Exception as error:  # a peer that breaks is reported, the others still run
            out["missing"][name] = f"failed: {type(error).__name__}: {error}"
        print(f"bench/python: {name} done", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
