"""`make bench`, scenario D: modebox 0.2.0 (PyPI, in the bench's venv) on
the approval flow of bench/scripts/approval.js — a few values, one await on
a host function that pauses the run, then a result using both. Prints JSON:
run-to-paused and resume latencies (µs) and continuation sizes (bytes).
usage: python modebox_bench.py N"""
import json
import sys
import time

import modebox

SOURCE = """
const amount = 120, who = "ada";
const order = { amount, who, lines: [1, 2, 3] };
const decision = await approval({ amount, who });
return { approved: decision.ok, by: decision.by, amount: order.amount, lines: order.lines.length };
"""
EXPECTED = {"approved": True, "by": "bench", "amount": 120, "lines": 3}


def approval(request):
    context = modebox.get_host_function_context()
    if context.resume is None:
        context.interrupt({"amount": request["amount"]})
    return context.resume.resolution


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runner = modebox.Runner()
    functions = {"approval": approval}
    pauses, resumes, sizes = [], [], []
    for i in range(n + n // 10):
        began = time.perf_counter()
        paused = runner.run_sync(SOURCE, host_functions=functions)
        paused_in = time.perf_counter() - began
        assert paused.status == "interrupted", paused.status
        resolution = modebox.resume_with(paused.interruptions[0].id, {"ok": True, "by": "bench"})
        began = time.perf_counter()
        done = runner.run_sync(continuation=paused.continuation, host_functions=functions, resolutions=[resolution])
        resumed_in = time.perf_counter() - began
        assert done.status == "completed" and done.value == EXPECTED, done
        if i >= n // 10:
            pauses.append(paused_in * 1e6)
            resumes.append(resumed_in * 1e6)
            sizes.append(len(paused.continuation.encode()))
    for values in (pauses, resumes, sizes):
        values.sort()
    pick = lambda values, p: values[min(len(values) - 1, int(p * len(values)))]
    print(json.dumps({
        "n": n,
        "suspend_p50_us": round(pick(pauses, 0.5)), "suspend_p99_us": round(pick(pauses, 0.99)),
        "resume_p50_us": round(pick(resumes, 0.5)), "resume_p99_us": round(pick(resumes, 0.99)),
        "size_min": sizes[0], "size_p50": pick(sizes, 0.5), "size_max": sizes[-1],
    }))


main()
