"""The hostile catalogue of the Python package: what a script, a helper or
a caller may throw at it, and the typed answer each gets. Nothing here may
crash or hang the interpreter."""

import asyncio
import math

import pytest

from jsbox_sandbox import Engine, JsboxError, LimitError, PolicyError, ScriptError

PROBE = """async function execute(a) {
  const out = {};
  for (const name of a.names) {
    try { out[name] = ['ok', await bad[name]()] } catch (e) { out[name] = [e.kind, e.code, e.message.length] }
  }
  return out;
}"""


class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no")


class BadCode(Exception):
    @property
    def code(self):
        raise RuntimeError("no code")


def test_helpers_that_return_what_json_cannot_carry(engine):
    cyclic = {}
    cyclic["self"] = cyclic
    deep = []
    for _ in range(100_000):
        deep = [deep]
    helpers = {
        "bad.nan": lambda: math.nan,
        "bad.cycle": lambda: cyclic,
        "bad.deep": lambda: deep,
        "bad.object": lambda: object(),
        "bad.bytes": lambda: b"raw",
        "bad.tuplekey": lambda: {(1, 2): 3},
        "bad.huge": lambda: "x" * (20 << 20),
    }
    out = engine.execute(PROBE, {"names": [n[4:] for n in helpers]}, helpers=helpers, timeout=30)
    for name in ("nan", "cycle", "deep", "object", "bytes", "tuplekey"):
        assert out.result[name][:2] == ["helper", "invalid-result"], name
    assert out.result["huge"][:2] == ["helper", "result-too-large"]


def test_helpers_that_raise_anything(engine):
    def interrupt():
        raise KeyboardInterrupt

    def exit_():
        raise SystemExit(3)

    async def async_exit():
        raise SystemExit(4)

    helpers = {
        "bad.interrupt": interrupt,
        "bad.exit": exit_,
        "bad.asyncExit": async_exit,
        "bad.unprintable": lambda: (_ for _ in ()).throw(Unprintable()),
        "bad.badcode": lambda: (_ for _ in ()).throw(BadCode("x")),
        "bad.long": lambda: (_ for _ in ()).throw(ValueError("m" * 1_000_000)),
        "bad.arity": lambda: None,
    }
    out = engine.execute(
        PROBE.replace("await bad[name]()", "await bad[name](1, 2, 3)"), {"names": [n[4:] for n in helpers]}, helpers=helpers
    )
    for name in helpers:
        kind, _code, length = out.result[name[4:]]
        assert kind == "helper", name
        assert 0 < length <= 4096, name
    # The interpreter is fine and the engine goes on.
    assert engine.execute("function execute() { return 1 }").result == 1


def test_hostile_helper_names_and_options(engine):
    for name in ("", "a..b", "__proto__", "x" * 10_000, "a b"):
        with pytest.raises(PolicyError) as caught:
            engine.execute("function execute() {}", helpers={name: lambda: 1})
        assert caught.value.kind == "invalid-policy"
        assert len(caught.value.message) <= 1200
    with pytest.raises(PolicyError) as caught:
        engine.execute("function execute() {}", allow_hosts=["not a host " + "h" * 100_000])
    assert len(caught.value.message) <= 1200
    with pytest.raises(PolicyError):
        engine.execute("function execute() {}", secrets={"T": {"value": "v", "hosts": ["*"] * 10}, "": {"value": "v", "hosts": ["a"]}})


def test_hostile_args_and_results(engine):
    deep = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(PolicyError) as caught:
        engine.execute("function execute() {}", deep)
    assert caught.value.kind == "invalid-args"
    with pytest.raises(PolicyError):
        engine.execute("function execute() {}", {"x": "\ud800"})
    # A result nested deeper than any parser allows is an error, not a crash.
    with pytest.raises(JsboxError) as caught:
        engine.execute("function execute() { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a }", timeout=30)
    assert caught.value.kind in ("output-limit", "exception")
    out = engine.execute("function execute() { return [2 ** 64, -0, 1e308, '\\u0000', 'é'] }")
    assert out.result == [2**64, 0, 1e308, "\x00", "é"]


def test_a_helper_may_run_another_execution_and_close_the_engine():
    engine = Engine(max_concurrency=4)

    def nested(n):
        return engine.execute("function execute(a) { return a.n * 2 }", {"n": n}).result

    assert engine.execute("function execute() { return h.nested(21) }", helpers={"h.nested": nested}).result == 42

    def close():
        engine.close()
        return "closed"

    out = engine.execute("function execute() { return h.close() }", helpers={"h.close": close})
    assert out.result == "closed"
    with pytest.raises(Exception):
        engine.execute("function execute() {}")


def test_helper_call_budget(engine):
    with pytest.raises(JsboxError) as caught:
        engine.execute(
            "function execute() { for (let i = 0; i < 100; i++) h.one() }", helpers={"h.one": lambda: 1}, max_helper_calls=10
        )
    assert caught.value.kind in ("helper", "output-limit")


def test_a_script_cannot_reach_python(engine):
    out = engine.execute(
        """function execute() {
          return [typeof require, typeof process, typeof Deno, typeof __import__, typeof globalThis.python,
                  typeof globalThis.__jsbox_helper__];
        }"""
    )
    assert out.result == ["undefined"] * 6


def test_async_helper_outliving_its_execution_is_cancelled(engine):
    state = {}

    async def forever():
        state["started"] = True
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            state["cancelled"] = True
            raise

    with pytest.raises(LimitError):
        engine.execute("async function execute() { await h.forever() }", timeout=0.3, helpers={"h.forever": forever})
    # Cancelled on its loop right after the execution ended.
    deadline = 200
    while "cancelled" not in state and deadline:
        engine.execute("function execute() {}")
        deadline -= 1
    assert state == {"started": True, "cancelled": True}


def test_script_errors_carry_bounded_messages(engine):
    with pytest.raises(ScriptError) as caught:
        engine.execute("function execute() { throw new Error('e'.repeat(5_000_000)) }", timeout=30)
    assert len(caught.value.message) < 100_000
