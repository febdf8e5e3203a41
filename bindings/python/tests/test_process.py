"""The package in a Python process: the GIL released while scripts run,
threads, memory over many executions, and a clean exit."""

import os
import subprocess
import sys
import textwrap
import threading

from jsbox_sandbox import Engine


def test_the_gil_is_released_while_a_script_runs(engine):
    started = threading.Event()
    done = threading.Event()

    def run():
        try:
            engine.execute(
                "function execute() { h.started(); while (true) {} }", timeout=2, helpers={"h.started": started.set}
            )
        except Exception:
            pass
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(10)
    # Python runs here while the sandbox spins: with the GIL held, this loop
    # could only run once the execution had ended.
    total = sum(i for i in range(100_000))
    assert total > 0
    assert not done.is_set(), "the execution ended before Python could run"
    worker.join()


def test_eight_threads_a_thousand_executions_each(engine):
    errors = []
    counts = [0] * 8

    def run(t):
        try:
            for i in range(1000):
                out = engine.execute("function execute(a) { return a.t * 10000 + a.i }", {"t": t, "i": i})
                assert out.result == t * 10000 + i
                counts[t] += 1
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts == [1000] * 8


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_ten_thousand_executions_keep_rss_flat(engine):
    script = "function execute(a) { log('n', a.i); return { id: a.i, s: 'x'.repeat(100) } }"
    helpers = {"h.echo": lambda x: x}
    for i in range(2000):
        engine.execute(script, {"i": i}, helpers=helpers)
    before = rss_bytes()
    for i in range(10_000):
        out = engine.execute(script, {"i": i}, helpers=helpers)
        assert out.result["id"] == i
    grown = rss_bytes() - before
    print(f"RSS {before >> 20} MiB → {(before + grown) >> 20} MiB over 10,000 executions")
    assert grown < 24 << 20, f"RSS grew by {grown >> 20} MiB over 10,000 executions"


def run_python(code, timeout=120):
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


def test_no_threads_left_behind_and_a_clean_exit():
    done = run_python(
        """
        import asyncio, threading
        from jsbox_sandbox import Engine
        before = threading.active_count()
        engine = Engine()
        async def later(x):
            await asyncio.sleep(0)
            return x
        out = engine.execute("async function execute() { return await h.later(5) }", helpers={"h.later": later})
        assert out.result == 5
        assert threading.active_count() == before + 1  # the helpers' loop
        engine.close()
        assert threading.active_count() == before, threading.enumerate()
        # An engine never closed, with its loop running, does not hold up exit.
        other = Engine()
        other.execute("async function execute() { return await h.later(1) }", helpers={"h.later": later})
        asyncio.run(other.execute_async("async function execute() { return await h.later(1) }", helpers={"h.later": later}))
        print("done")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
    assert "Traceback" not in done.stderr


def test_ctrl_c_ends_a_running_execution():
    done = run_python(
        """
        import os, signal, threading
        from jsbox_sandbox import Engine
        engine = Engine()
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        try:
            engine.execute("function execute() { while (true) {} }", timeout=60)
        except KeyboardInterrupt:
            print("interrupted")
        print(engine.execute("function execute() { return 'after' }").result)
        """,
        timeout=50,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["interrupted", "after"]


def test_exit_with_executions_and_helpers_in_flight():
    # Daemon threads in `execute` with sync and async helpers, and
    # `execute_async` tasks, when the interpreter exits: no thread of jsbox's
    # may touch Python while it finalizes.
    code = """
        import asyncio, threading
        from jsbox_sandbox import Engine
        engine = Engine()
        async def later(x):
            await asyncio.sleep(0.001)
            return x
        script = "async function execute() { let s = 0; for (let i = 0; i < 20; i++) s += h.add(i, await h.later(i)); return s }"
        helpers = {"h.add": lambda a, b: a + b, "h.later": later}
        started = threading.Barrier(4)
        def spin():
            started.wait()
            while True:
                engine.execute(script, helpers=helpers)
        for _ in range(3):
            threading.Thread(target=spin, daemon=True).start()
        started.wait()
        async def main():
            for _ in range(20):
                asyncio.ensure_future(engine.execute_async(script, helpers=helpers))
            await engine.execute_async(script, helpers=helpers)
        asyncio.run(main())
        print("exit")
        """
    for _ in range(3):
        done = run_python(code)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "exit"
        assert "Fatal Python error" not in done.stderr
