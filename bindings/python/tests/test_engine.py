"""jsbox_sandbox's behaviour, as a Python user meets it."""

import asyncio
import datetime
import time

import pytest

from jsbox_sandbox import (
    Engine,
    EngineClosedError,
    HelperError,
    JsboxError,
    LimitError,
    LogLine,
    Outcome,
    PolicyError,
    ScriptError,
    async_helper,
    sync_helper,
)


def test_results_are_plain_python_values(engine):
    out = engine.execute(
        "function execute(a) { log('hi', a.n); console.warn('w'); return { n: a.n + 1, list: [1.5, 'x', null, true], big: 2 ** 53 } }",
        {"n": 41},
    )
    assert isinstance(out, Outcome)
    assert out.result == {"n": 42, "list": [1.5, "x", None, True], "big": 2**53}
    assert out.logs == [LogLine("info", "hi 41"), LogLine("warn", "w")]
    assert out.stats.peak_memory > 0 and out.stats.wall_time_us > 0
    assert out.stats.fuel_used is None and out.stats.helper_calls == 0
    assert len(out.id) == 36
    # Objects keep the script's key order, as json.loads would.
    out = engine.execute("function execute(a) { return { b: 1, a: 2, nested: { z: 1, y: a } } }", {"q": 1, "p": 2})
    assert list(out.result) == ["b", "a", "nested"] and list(out.result["nested"]) == ["z", "y"]
    assert list(out.result["nested"]["y"]) == ["q", "p"]
    # Default args are {}; None is null.
    assert engine.execute("function execute(a) { return a }").result == {}
    assert engine.execute("function execute(a) { return a === null }", None).result is True
    assert engine.execute("function execute() {}").result is None


@pytest.mark.parametrize(
    "kind, family, script, options",
    [
        ("syntax", ScriptError, "function execute( {", {}),
        ("missing-execute", ScriptError, "function run() {}", {}),
        ("exception", ScriptError, "function execute() { throw new TypeError('bad') }", {}),
        ("memory-limit", LimitError, "function execute() { const a = []; while (true) a.push('x'.repeat(4096)) }", {"memory": "16MiB"}),
        ("fuel", LimitError, "function execute() { while (true) {} }", {"fuel": 1_000_000}),
        ("timeout", LimitError, "function execute() { while (true) {} }", {"timeout": 0.2}),
        ("output-limit", LimitError, "function execute() { for (;;) log('x'.repeat(100)) }", {"max_log_bytes": "1KiB"}),
        ("network-denied", PolicyError, "async function execute() { await fetch('http://127.0.0.1:9/') }", {}),
        ("invalid-policy", PolicyError, "function execute() {}", {"allow_hosts": ["http://not a host/"]}),
        ("helper", ScriptError, "function execute() { return h.fail() }", {"helpers": {"h.fail": lambda: 1 / 0}}),
    ],
)
def test_every_error_kind_raises_its_family(engine, kind, family, script, options):
    with pytest.raises(family) as caught:
        engine.execute(script, {}, **options)
    error = caught.value
    assert isinstance(error, JsboxError)
    assert error.kind == kind, error.message
    assert error.message


def test_invalid_args_and_options_are_typed(engine):
    cyclic = []
    cyclic.append(cyclic)
    for args in (cyclic, {"x": float("nan")}, {1j: 2}, object()):
        with pytest.raises(PolicyError) as caught:
            engine.execute("function execute() {}", args)
        assert caught.value.kind == "invalid-args"
    for options in (
        {"memory": -1},
        {"memory": True},
        {"timeout": float("inf")},
        {"timeout": -1},
        {"timeout": "forever"},
        {"timeout": [1]},
        {"language": "cobol"},
        {"allow_hosts": "example.com"},
        {"max_log_lines": 1.5},
        {"secrets": {"T": {"value": "v"}}},
        {"modules": {"m": 1}},
        {"policy": {"memry": 1}},
        {"helpers": {"h": 1}},
        {"helpers": [1]},
    ):
        with pytest.raises(PolicyError) as caught:
            engine.execute("function execute() {}", {}, **options)
        assert caught.value.kind == "invalid-policy", options
    with pytest.raises(TypeError):
        engine.execute("function execute() {}", {}, memroy="1MiB")
    with pytest.raises(PolicyError):
        engine.execute(b"function execute() {}")


def test_scripts_stack_and_logs_come_with_the_error(engine):
    with pytest.raises(ScriptError) as caught:
        engine.execute("function execute() {\n  log('before');\n  throw new Error('boom');\n}")
    error = caught.value
    assert error.kind == "exception" and "boom" in error.message
    assert "script.js:3" in error.stack
    assert "script.js:3" in str(error)
    assert error.logs == [LogLine("info", "before")]


def test_memory_bomb_leaves_the_interpreter_alive(engine):
    for _ in range(3):
        with pytest.raises(LimitError) as caught:
            engine.execute("function execute() { const a = []; for (;;) a.push(new Array(4096).fill(1)) }", memory="16MiB")
        assert caught.value.kind == "memory-limit"
    assert engine.execute("function execute() { return 1 }").result == 1


def test_timeouts_take_seconds_text_or_timedelta(engine):
    for timeout in (0.1, "100ms", datetime.timedelta(milliseconds=100)):
        began = time.monotonic()
        with pytest.raises(LimitError) as caught:
            engine.execute("function execute() { while (true) {} }", timeout=timeout)
        assert caught.value.kind == "timeout"
        assert time.monotonic() - began < 5
    # An awaited helper counts against the timeout too.
    async def slow():
        await asyncio.sleep(30)

    with pytest.raises(LimitError):
        engine.execute("async function execute() { await h.slow() }", timeout=0.2, helpers={"h.slow": slow})


def test_helpers_sync_async_and_raising(engine):
    seen = []

    def add(a, b):
        seen.append("add")
        return a + b

    async def lookup(customer_id):
        await asyncio.sleep(0)
        return {"id": customer_id, "name": "Ada"}

    def fail():
        raise HelperError("no such customer", "not-found")

    async def reject():
        raise ValueError("down")

    helpers = {"math.add": add, "crm.lookup": lookup, "crm.fail": fail, "crm.reject": reject}
    script = """async function execute() {
      const sum = math.add(2, 3);
      const isPromise = crm.lookup(1) instanceof Promise;
      const customer = await crm.lookup(7);
      let sync, asyncErr;
      try { crm.fail() } catch (e) { sync = [e.message, e.code, e.kind] }
      try { await crm.reject() } catch (e) { asyncErr = [e.message, e.code] }
      return { sum, isPromise, customer, sync, asyncErr };
    }"""
    out = engine.execute(script, helpers=helpers)
    assert out.result == {
        "sum": 5,
        "isPromise": True,
        "customer": {"id": 7, "name": "Ada"},
        "sync": ["no such customer", "not-found", "helper"],
        "asyncErr": ["down", None],
    }
    assert seen == ["add"]
    assert out.stats.helper_calls == 5
    with pytest.raises(ScriptError) as caught:
        engine.execute("function execute() { return crm.fail() }", helpers=helpers)
    assert caught.value.kind == "helper" and caught.value.code == "not-found"
    # Helpers not passed are not there.
    out = engine.execute("function execute() { return typeof crm }")
    assert out.result == "undefined"


def test_async_helpers_run_concurrently(engine):
    # Each waits for all three to have started: only concurrent calls finish.
    started = []
    everyone = asyncio.Event  # made on the helpers' loop

    state = {}

    async def wait_for_all(i):
        if "event" not in state:
            state["event"] = everyone()
        started.append(i)
        if len(started) == 3:
            state["event"].set()
        await asyncio.wait_for(state["event"].wait(), 5)
        return i

    out = engine.execute(
        "async function execute() { return await Promise.all([h.w(1), h.w(2), h.w(3)]) }",
        helpers={"h.w": wait_for_all},
        timeout=10,
    )
    assert out.result == [1, 2, 3]


def test_marked_helpers_and_callable_objects(engine):
    class Counter:
        def __init__(self):
            self.n = 0

        def __call__(self, by):
            self.n += by
            return self.n

    class AsyncThing:
        async def __call__(self, x):
            return x * 3

    counter = Counter()
    helpers = {
        "c.add": counter,
        "a.triple": AsyncThing(),
        "a.later": async_helper(lambda x: x * 2),
        "s.now": sync_helper(lambda: 7),
        "s.coro": lambda: asyncio.sleep(0, result="awaited"),
    }
    script = """async function execute() {
      c.add(2);
      const p = a.later(4);
      return [c.add(3), await a.triple(2), p instanceof Promise, await p, s.now(), s.coro()];
    }"""
    out = engine.execute(script, helpers=helpers)
    assert out.result == [5, 6, True, 8, 7, "awaited"]


def test_secrets_are_sent_but_never_seen(engine, server):
    script = """async function execute({ baseUrl }) {
      const data = await http.sendGetRequest({ Authorization: "Bearer {{secrets.TOKEN}}" }, baseUrl + "devices");
      return { count: data.items.length, token: "{{secrets.TOKEN}}" };
    }"""
    out = engine.execute(
        script,
        {"baseUrl": server.url},
        allow_hosts=[server.host],
        secrets={"TOKEN": {"value": "s3cr3t", "hosts": [server.host]}},
    )
    assert out.result == {"count": 3, "token": "{{secrets.TOKEN}}"}
    assert server.seen[0]["headers"]["authorization"] == "Bearer s3cr3t"
    assert out.stats.http_requests == 1
    # Not allowed: denied before any packet.
    with pytest.raises(PolicyError) as caught:
        engine.execute(script, {"baseUrl": server.url})
    assert caught.value.kind == "network-denied"
    assert len(server.seen) == 1


def test_modules_and_typescript(engine):
    out = engine.execute(
        "import { double } from 'lib'; import { greet } from 'greet.ts'; export function execute(a) { return [double(a.n), greet('Ada')] }",
        {"n": 21},
        modules={
            "lib": "export const double = (n) => n * 2;",
            "greet.ts": "export function greet(name: string): string { return `hi ${name}` }",
        },
    )
    assert out.result == [42, "hi Ada"]
    out = engine.execute(
        "interface Args { n: number }\nfunction execute(a: Args): number { return a.n + 1 }",
        {"n": 1},
        language="typescript",
    )
    assert out.result == 2


def test_fuel_and_policy(engine):
    out = engine.execute("function execute() { let s = 0; for (let i = 0; i < 1000; i++) s += i; return s }", fuel=10_000_000)
    assert out.result == 499500 and out.stats.fuel_used > 0
    with pytest.raises(LimitError):
        engine.execute("function execute() { return 'x'.repeat(2048) }", policy={"max_result_bytes": 1024})
    with pytest.raises(LimitError):
        engine.execute("function execute() { return 'x'.repeat(2048) }", max_result_bytes="1KiB")


def test_execute_async_with_helpers_on_the_callers_loop(engine):
    async def main():
        loop = asyncio.get_running_loop()
        loops = []

        async def where():
            loops.append(asyncio.get_running_loop())
            return "ok"

        out = await engine.execute_async(
            "async function execute(a) { return [await h.where(), a.x] }", {"x": 1}, helpers={"h.where": where}
        )
        assert out.result == ["ok", 1]
        assert loops == [loop]
        # Several at once.
        outs = await asyncio.gather(*(engine.execute_async("function execute(a) { return a.i }", {"i": i}) for i in range(20)))
        assert [o.result for o in outs] == list(range(20))
        with pytest.raises(LimitError):
            await engine.execute_async("function execute() { while (true) {} }", timeout=0.1)
        with pytest.raises(PolicyError):
            await engine.execute_async("function execute() {}", {}, memory="lots")

    asyncio.run(main())


def test_cancelling_the_task_ends_the_execution():
    engine = Engine(max_concurrency=1)

    async def main():
        started = asyncio.Event()
        cancelled = []

        async def hang():
            started.set()
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                cancelled.append(True)
                raise

        task = asyncio.ensure_future(
            engine.execute_async("async function execute() { h.hang(); while (true) {} }", timeout=60, helpers={"h.hang": hang})
        )
        await asyncio.wait_for(started.wait(), 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The only slot is free again: this one runs now, not in 60 s.
        out = await asyncio.wait_for(engine.execute_async("function execute() { return 1 }"), 10)
        assert out.result == 1
        await asyncio.sleep(0)
        assert cancelled == [True]

    try:
        asyncio.run(main())
    finally:
        engine.close()


def test_closed_engine_refuses_work():
    engine = Engine()
    engine.close()
    engine.close()
    with pytest.raises(EngineClosedError):
        engine.execute("function execute() {}")
    with pytest.raises(EngineClosedError):
        asyncio.run(engine.execute_async("function execute() {}"))
    with Engine() as scoped:
        assert scoped.execute("function execute() { return 2 }").result == 2
    with pytest.raises(EngineClosedError):
        scoped.execute("function execute() {}")


def test_engine_options_are_checked():
    for options in ({"max_concurrency": 0}, {"max_concurrency": -1}, {"max_memory": "much"}, {"max_concurrency": True}):
        with pytest.raises(PolicyError) as caught:
            Engine(**options)
        assert caught.value.kind == "invalid-policy"
    with pytest.raises(TypeError):
        Engine(max_concurency=1)


def test_a_slow_sync_helper_ends_as_timeout_when_it_returns(engine):
    # The sandbox waits for a def helper; the deadline applies once it returns.
    with pytest.raises(LimitError) as caught:
        engine.execute("function execute() { return h.slow() }", helpers={"h.slow": lambda: time.sleep(0.5) or 5}, timeout=0.1)
    assert caught.value.kind == "timeout"
