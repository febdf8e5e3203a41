"""A bounded load through the load balancer: N execute requests, C at a time,
each with its own argument and checked for its own result; after AFTER
answers, SIGTERM goes to process PID (one replica). Exits 1 unless every
request got its correct answer. Loopback only: ADDR must be 127.0.0.1:PORT."""
import http.client
import json
import os
import signal
import sys
import threading
import time

addr, total, concurrency, after, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
host, port = addr.rsplit(":", 1)
assert host == "127.0.0.1", "loopback only"
script = "async function execute({ n }) { await new Promise((r) => setTimeout(r, 5)); return { double: n * 2 } }"
lock = threading.Lock()
state = {"next": 0, "done": 0, "wrong": [], "signalled": False, "latencies": []}


def worker():
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    while True:
        with lock:
            n = state["next"]
            if n >= total:
                return
            state["next"] += 1
        body = json.dumps({"script": script, "args": {"n": n}})
        started = time.perf_counter()
        try:
            conn.request("POST", "/v1/execute", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            reply = response.read()
            ok = response.status == 200 and json.loads(reply)["result"] == {"double": 2 * n}
            problem = None if ok else f"request {n}: {response.status} {reply[:200]!r}"
        except Exception as e:  # a lost request is a failure too
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            problem = f"request {n}: {e!r}"
        with lock:
            state["latencies"].append(time.perf_counter() - started)
            state["done"] += 1
            if problem:
                state["wrong"].append(problem)
            if state["done"] >= after and not state["signalled"]:
                state["signalled"] = True
                os.kill(pid, signal.SIGTERM)


started = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
lat = sorted(state["latencies"])
print(f"scale-load: {state['done']} requests in {elapsed:.1f} s ({state['done'] / elapsed:.0f}/s), "
      f"p50 {lat[len(lat) // 2] * 1000:.1f} ms, p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.1f} ms, "
      f"{len(state['wrong'])} wrong or lost; SIGTERM sent to one replica after {after}")
for problem in state["wrong"][:20]:
    print("  " + problem)
sys.exit(1 if state["wrong"] or state["done"] != total else 0)
