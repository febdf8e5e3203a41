"""Durable executions from Python: ``run`` suspends a script awaiting a helper
answered ``LATER``; ``resume`` (this engine, another one, another process)
finishes it; each suspension is resumed at most once."""

import asyncio
import datetime
import json
import os
import stat
import subprocess
import sys
import time

import pytest

from jsbox_sandbox import (
    LATER,
    ContinuationError,
    Engine,
    HelperError,
    LimitError,
    Outcome,
    PolicyError,
    Suspension,
    sync_helper,
)

APPROVAL = """async function execute({ amount }) {
  log("asking for", amount);
  const decision = await approval({ amount, by: "finance" });
  return { amount, approved: decision.approved, note: decision.note };
}"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tmp_path_factory.mktemp("suspended")


@pytest.fixture(scope="module")
def durable(store):
    engine = Engine(suspend_dir=store, max_concurrency=16)
    yield engine
    engine.close()


def approval_helpers(filed=None):
    async def approval(request):
        if filed is not None:
            filed.append(request)
        return LATER

    return {"approval": approval}


def test_run_suspends_and_resume_finishes_once(durable, store):
    filed = []
    run = durable.run(APPROVAL, {"amount": 120}, helpers=approval_helpers(filed))
    assert isinstance(run, Suspension)
    assert run.status == "suspended"
    assert filed == [{"amount": 120, "by": "finance"}]
    [call] = run.pending
    assert (call.helper, call.args) == ("approval", [{"amount": 120, "by": "finance"}])
    assert isinstance(call.call_id, int)
    assert run.wake_at is None
    assert 0 < run.size < 64 * 1024
    assert run.generation == 1
    assert [(l.level, l.message) for l in run.logs] == [("info", "asking for 120")]
    mode = os.stat(store / f"{run.id}.cont").st_mode
    assert stat.S_IMODE(mode) & 0o077 == 0

    done = durable.resume(run.id, {call.call_id: {"approved": True, "note": "ok"}}, helpers=approval_helpers())
    assert isinstance(done, Outcome)
    assert done.status == "done"
    assert done.result == {"amount": 120, "approved": True, "note": "ok"}
    assert done.id == run.id
    assert done.stats.helper_calls == 1

    with pytest.raises(ContinuationError) as error:
        durable.resume(run.id, {call.call_id: {"approved": False}})
    assert error.value.kind == "continuation-used"


def test_error_completions_reject_the_scripts_promise(durable):
    script = """async function execute() {
      try { await approval(1); return "approved" } catch (e) { return [e.message, e.code] }
    }"""
    for error, code in [(HelperError("over budget", "denied"), "denied"), ("over budget", None), (ValueError("over budget"), None)]:
        run = durable.run(script, helpers=approval_helpers())
        done = durable.resume(run.id, errors={run.pending[0].call_id: error})
        assert "over budget" in done.result[0]
        assert done.result[1] == code


def test_several_suspensions_in_a_row(durable):
    script = "async function execute() { const a = await step(1); const b = await step(a + 1); return [a, b] }"
    helpers = {"step": approval_helpers()["approval"]}
    run = durable.run(script, helpers=helpers)
    assert run.pending[0].args == [1]
    run = durable.resume(run.id, {run.pending[0].call_id: 10}, helpers=helpers)
    assert (run.status, run.generation, run.pending[0].args) == ("suspended", 2, [11])
    done = durable.resume(run.id, {run.pending[0].call_id: 20}, helpers=helpers)
    assert done.result == [10, 20]


def test_a_helper_answering_now_is_awaited_as_usual(durable):
    async def double(n):
        return n * 2

    done = durable.run("async function execute() { return await double(21) }", helpers={"double": double})
    assert (done.status, done.result) == ("done", 42)


def test_another_engine_and_another_process_resume_it(durable, store):
    run = durable.run(APPROVAL, {"amount": 5}, helpers=approval_helpers())
    with Engine(suspend_dir=store) as other:
        done = other.resume(run.id, {run.pending[0].call_id: {"approved": False, "note": "no"}})
    assert done.result == {"amount": 5, "approved": False, "note": "no"}

    run = durable.run(APPROVAL, {"amount": 7}, helpers=approval_helpers())
    child = (
        "import json, sys\n"
        "from jsbox_sandbox import Engine\n"
        "with Engine(suspend_dir=sys.argv[1]) as engine:\n"
        "    done = engine.resume(sys.argv[2], {int(sys.argv[3]): {'approved': True, 'note': 'child'}})\n"
        "    print(json.dumps(done.result))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", child, str(store), run.id, str(run.pending[0].call_id)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert json.loads(out.stdout) == {"amount": 7, "approved": True, "note": "child"}


def test_a_far_timer_suspends_under_suspend_timers_after(durable):
    script = "async function execute() { await new Promise((r) => setTimeout(r, 60000)); return 1 }"
    before = time.time()
    run = durable.run(script, policy={"suspend_timers_after": "1s"})
    assert run.status == "suspended" and run.pending == []
    assert run.wake_at.tzinfo is datetime.timezone.utc
    assert before + 59 <= run.wake_at.timestamp() <= time.time() + 61


def test_async_run_and_resume(durable):
    async def main():
        run = await durable.run_async(APPROVAL, {"amount": 9}, helpers=approval_helpers())
        assert run.status == "suspended"
        return await durable.resume_async(run.id, {run.pending[0].call_id: {"approved": True, "note": "async"}}, helpers=approval_helpers())

    assert asyncio.run(main()).result == {"amount": 9, "approved": True, "note": "async"}


def test_an_engine_without_suspend_dir_cannot_run_durably():
    with Engine() as plain:
        with pytest.raises(PolicyError) as error:
            plain.run("function execute() { return 1 }")
        assert error.value.kind == "invalid-policy" and "suspend_dir" in error.value.message
        with pytest.raises(PolicyError):
            plain.resume("abc")


def test_under_execute_a_later_answer_is_unavailable(durable):
    out = durable.execute(
        "async function execute() { try { await approval(1) } catch (e) { return e.code } }",
        helpers=approval_helpers(),
    )
    assert out.result == "unavailable"


def test_a_sync_helper_cannot_answer_later(durable):
    out = durable.run(
        "function execute() { try { return now() } catch (e) { return [e.code, e.message] } }",
        helpers={"now": sync_helper(lambda: LATER)},
    )
    assert out.result[0] == "invalid-result" and "async" in out.result[1]


def test_tenants_are_kept_apart(durable):
    run = durable.run(APPROVAL, {"amount": 1}, helpers=approval_helpers(), tenant="acme")
    call = run.pending[0].call_id
    for tenant in ("globex", None):
        with pytest.raises(ContinuationError) as error:
            durable.resume(run.id, {call: {"approved": True}}, tenant=tenant)
        assert error.value.kind == "continuation-invalid"
    done = durable.resume(run.id, {call: {"approved": True, "note": ""}}, tenant="acme")
    assert done.result["approved"] is True


def test_resume_under_other_options_is_refused(durable):
    run = durable.run(APPROVAL, {"amount": 2}, helpers=approval_helpers(), memory="16MiB")
    call = run.pending[0].call_id
    with pytest.raises(ContinuationError):
        durable.resume(run.id, {call: {"approved": True}}, memory="32MiB")
    done = durable.resume(run.id, {call: {"approved": True, "note": ""}}, memory="16MiB")
    assert done.result["approved"] is True
    with pytest.raises(TypeError):
        durable.run(APPROVAL, memroy="16MiB")


def test_hostile_continuations_and_ids(durable, store):
    run = durable.run(APPROVAL, {"amount": 3}, helpers=approval_helpers())
    path = store / f"{run.id}.cont"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x40
    path.write_bytes(bytes(data))
    with pytest.raises(ContinuationError) as error:
        durable.resume(run.id)
    assert error.value.kind == "continuation-invalid"

    run = durable.run(APPROVAL, {"amount": 3}, helpers=approval_helpers())
    path = store / f"{run.id}.cont"
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(ContinuationError):
        durable.resume(run.id)

    for bad in ["", "../key", "a/b", "x" * 10000, "nul\0byte", "00000000-0000-0000-0000-000000000000"]:
        with pytest.raises(ContinuationError) as error:
            durable.resume(bad)
        assert error.value.kind == "continuation-invalid"

    run = durable.run(APPROVAL, {"amount": 3}, helpers=approval_helpers())
    with Engine(suspend_dir=store, continuation_key="ab" * 32) as other:
        with pytest.raises(ContinuationError):
            other.resume(run.id)
    with pytest.raises(PolicyError):
        Engine(suspend_dir=store, continuation_key="not hex")
    with pytest.raises(PolicyError):
        Engine(continuation_key="ab" * 32)


def test_hostile_completions_are_invalid_args_and_the_continuation_survives(durable):
    run = durable.run(APPROVAL, {"amount": 4}, helpers=approval_helpers())
    call = run.pending[0].call_id
    deep = []
    for _ in range(100_000):
        deep = [deep]
    cyclic = {}
    cyclic["self"] = cyclic
    for results, errors in [
        ([1, 2], None),
        ({"nope": 1}, None),
        ({call + 1000: 1}, None),
        (None, {call: 42}),
        ({call: 1}, {call: "both"}),
        ({call: deep}, None),
        ({call: cyclic}, None),
        ({call: b"bytes"}, None),
        ({call: float("nan")}, None),
    ]:
        with pytest.raises(PolicyError) as error:
            durable.resume(run.id, results, errors)
        assert error.value.kind == "invalid-args", (results, errors, error.value)
    done = durable.resume(run.id, {call: {"approved": True, "note": "still there"}})
    assert done.result["note"] == "still there"


def test_hostile_many_suspensions_and_huge_pending_args(durable):
    loop = "async function execute({ n }) { let s = 0; for (let i = 0; i < n; i++) s += await tick(i); return s }"
    helpers = {"tick": approval_helpers()["approval"]}
    step = durable.run(loop, {"n": 200}, helpers=helpers)
    i = 0
    while step.status == "suspended":
        assert step.pending[0].args == [i]
        step = durable.resume(step.id, {step.pending[0].call_id: i}, helpers=helpers)
        i += 1
    assert (i, step.result) == (200, sum(range(200)))

    big = 'async function execute() { return await approval("x".repeat(900 << 10)) }'
    run = durable.run(big, helpers=approval_helpers())
    assert len(run.pending[0].args[0]) == 900 << 10
    assert durable.resume(run.id, {run.pending[0].call_id: "ok"}).result == "ok"


def test_hostile_memory_bomb_after_resume(durable):
    bomb = "async function execute() { await approval(1); const a = []; for (;;) a.push(new Array(1e5).fill(1)) }"
    run = durable.run(bomb, helpers=approval_helpers(), memory="16MiB")
    with pytest.raises(LimitError) as error:
        durable.resume(run.id, {run.pending[0].call_id: 1}, memory="16MiB")
    assert error.value.kind == "memory-limit"
    assert durable.execute("function execute() { return 1 }").result == 1


def test_later_is_one_object():
    import copy
    import pickle

    assert copy.copy(LATER) is LATER and pickle.loads(pickle.dumps(LATER)) is LATER
    assert repr(LATER) == "jsbox_sandbox.LATER"


def test_hostile_tenants_call_ids_and_directories(durable, store):
    for tenant in ("t" * 5000, "a\0b"):
        with pytest.raises(PolicyError) as error:
            durable.run(APPROVAL, helpers=approval_helpers(), tenant=tenant)
        assert error.value.kind == "invalid-policy"
    run = durable.run(APPROVAL, {"amount": 8}, helpers=approval_helpers())
    call = run.pending[0].call_id
    for spelling in (f"0{call}", f" {call}", f"+{call}"):
        with pytest.raises(PolicyError) as error:
            durable.resume(run.id, {spelling: {"approved": True}})
        assert error.value.kind == "invalid-args"
    assert durable.resume(run.id, {call: {"approved": True, "note": ""}}).result["approved"] is True
    with pytest.raises(PolicyError) as error:
        Engine(suspend_dir=store / "key" / "below")
    assert "suspend_dir" in error.value.message


def test_an_object_answering_every_attribute_is_not_later(durable):
    class Anything:
        def __getattr__(self, name):
            return True

    async def sly():
        return Anything()

    out = durable.run("async function execute() { try { return await sly() } catch (e) { return e.code } }", helpers={"sly": sly})
    assert (out.status, out.result) == ("done", "invalid-result")
