"""Turns the JSON lines of one `make bench` run into bench/RESULTS.md."""
import datetime
import glob
import json
import os
import platform
import sys

out, target = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(out, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "n/a"


def us(v):
    return f"{v:,} µs" if v < 10_000 else f"{v / 1000:,.0f} ms"


def mib(v):
    return f"{v / 2**20:,.0f} MiB"


rows = []
for key, title in [("s1", "1. trivial execute, 1 thread"), ("s2", "2. trivial execute, all cores"), ("s3", "3. JSON transform (1,000 objects)")]:
    j, v = load(key + ".jsbox"), load(key + ".ivm")
    rows.append((title, f"{us(j['p50_us'])} p50, {j['per_sec']:,.0f}/s",
                 f"{us(v['p50_us'])} p50, {v['per_sec']:,.0f}/s" if v else "skipped",
                 f"{ratio(j['per_sec'], v['per_sec'] if v else 0)} throughput"))
j, h = load("s1.jsbox"), load("s1h.jsbox")
if h:
    rows.insert(1, ("1h. the same, two helpers visible but unused", f"{us(h['p50_us'])} p50, {h['per_sec']:,.0f}/s", "",
                    f"{h['per_sec'] / j['per_sec']:.2f}× scenario 1's throughput"))
typed = [(load(f"T{r}.jsbox"), load(f"T{r}typed.jsbox")) for r in (1, 2)]
typed = [(u, t) for u, t in typed if u and t]
if typed:
    # 1,000 calls per execution: µs per execution / 1,000 = µs per call; the
    # better of the two alternating rounds of each.
    untyped_us = min(u["p50_us"] for u, _ in typed) / 1000
    typed_us = min(t["p50_us"] for _, t in typed) / 1000
    rows.append(("T. a sync helper call with an object argument: untyped; typed (JSON Schema checked, argument and result)",
                 f"{untyped_us:.2f} µs per call; {typed_us:.2f} µs per call", "",
                 f"validation adds {typed_us - untyped_us:.2f} µs per call"))
j, v, n = load("s4.jsbox"), load("s4.ivm"), load("s4.native")
rows.append(("4. compute (10M-iteration loop)", f"{us(j['p50_us'])} p50",
             f"{us(v['p50_us'])} p50" if v else "skipped",
             f"native QuickJS {us(n['p50_us'])}: jsbox = {j['p50_us'] / n['p50_us']:.2f}× native; isolated-vm (V8 JIT) {ratio(j['p50_us'], v['p50_us'] if v else 0)} faster"))
j, v = load("s5.jsbox"), load("s5.ivm")
jt, vt = j["n"] / j["per_sec"], (v["n"] / v["per_sec"] if v else 0)
rows.append(("5. 1,000 sandboxes awaiting a 2 s response", f"{jt:.2f} s, peak RSS {mib(j['peak_rss_bytes'])}, peak PSS {mib(j['peak_pss_bytes'])}",
             f"{vt:.2f} s, peak RSS {mib(v['peak_rss_bytes'])}, peak PSS {mib(v.get('peak_pss_bytes', 0))}" if v else "skipped",
             f"{ratio(vt, jt)} faster, {ratio(v['peak_rss_bytes'] if v else 0, j['peak_rss_bytes'])} less memory"))
j = load("s6.jsbox")
if j:
    jt = j["n"] / j["per_sec"]
    rows.append(("6. 10,000 sandboxes awaiting a 2 s response", f"{jt:.2f} s, peak RSS {mib(j['peak_rss_bytes'])}, peak PSS {mib(j['peak_pss_bytes'])}",
                 "not run (≈10× scenario 5's memory)", f"p50 {us(j['p50_us'])}, p99 {us(j['p99_us'])}"))
j, c, v = load("s7.jsbox"), load("s7cold.jsbox"), load("s7.ivm")
if j and c:
    rows.append(("7. a 200 KB script: cached bytecode (parsed every time)", f"{us(j['p50_us'])} p50, {j['per_sec']:,.0f}/s ({us(c['p50_us'])}, {c['per_sec']:,.0f}/s)",
                 f"{us(v['p50_us'])} p50, {v['per_sec']:,.0f}/s (compiles every time)" if v else "skipped",
                 f"{ratio(j['per_sec'], v['per_sec'] if v else 0)} throughput cached ({ratio(c['per_sec'], v['per_sec'] if v else 0)} parsed); cache {ratio(j['per_sec'], c['per_sec'])}"))
j, v = load("s8.jsbox"), load("s8.ivm")
if j:
    rows.append(("8. the seed's flow (log + http.sendGetRequest to the local API)", f"{us(j['p50_us'])} p50, {j['per_sec']:,.0f}/s",
                 f"{us(v['p50_us'])} p50, {v['per_sec']:,.0f}/s" if v else "skipped",
                 f"{ratio(j['per_sec'], v['per_sec'] if v else 0)} throughput"))
j, c = load("s9.jsbox"), load("s9cold.jsbox")
if j and c:
    rows.append(("9. a script importing a 200 KB platform module: compiled once (parsed every time)",
                 f"{us(j['p50_us'])} p50, {j['per_sec']:,.0f}/s ({us(c['p50_us'])}, {c['per_sec']:,.0f}/s)",
                 "", f"module cache {ratio(j['per_sec'], c['per_sec'])}"))
t, p, k = load("s10ts.jsbox"), load("s10js.jsbox"), load("s10cached.jsbox")
if t and p and k:
    rows.append(("10. a 2,000-line TypeScript file: parsed every time (the same as JavaScript; cached)",
                 f"{us(t['p50_us'])} p50 ({us(p['p50_us'])}; {us(k['p50_us'])})", "",
                 f"stripping types {us(t['p50_us'] - p['p50_us'])} per run; none once cached"))
node = load("node")
if node:
    lib1, lib16 = load("s1.jsbox"), load("s1c16.jsbox")
    for key, title in [("s1", "N1. Node.js package: trivial execute, 1 at a time"), ("s1c16", "N1. Node.js package: trivial execute, 16 at a time"),
                       ("s8", "N8. Node.js package: the seed's flow, 1 at a time"), ("s8c16", "N8. Node.js package: the seed's flow, 16 at a time")]:
        j, v = node["jsbox"].get(key), node["ivm"].get(key)
        if not j:
            continue
        note = f"{ratio(j['per_sec'], v['per_sec'] if v else 0)} throughput"
        if key == "s1" and lib1:
            note += f"; over the library (scenario 1): +{j['p50_us'] - lib1['p50_us']:,} µs p50"
            if node.get("handoff") and node.get("floor"):
                note += (f" (the addon's hand-offs alone, no execution: {node['handoff']['p50_us']:,} µs p50; "
                         f"a round trip through Node's own thread pool: {node['floor']['p50_us']:,} µs p50)")
        if key == "s1c16" and lib16:
            note += f"; over the library at 16: +{1e6 / j['per_sec'] - 1e6 / lib16['per_sec']:,.1f} µs per execution"
        rows.append((title, f"{us(j['p50_us'])} p50, {j['per_sec']:,.0f}/s",
                     f"{us(v['p50_us'])} p50, {v['per_sec']:,.0f}/s" if v else "skipped", note))
s = load("startup")
rows.append(("process start → first result (warm artifact cache)", f"{s['median_ms']:.0f} ms median of {s['runs']}", "", ""))
c = load("component")
if c:
    rows.append(("11. `jsbox compile`: the seed as a component; `wasmtime run` start → result of a trivial one "
                 "(uncached; wasmtime's cache; precompiled .cwasm)",
                 f"{c['seed_bytes'] / 2**20:.1f} MiB; {c['uncached_ms']:.0f} ms ({c['cached_ms']:.0f} ms; {c['precompiled_ms']:.0f} ms)",
                 "", f"`jsbox run` of the same script: {s['median_ms']:.0f} ms (above)"))

libraries = []
for lib, what in [("hash", "hashing (SHA-256/HMAC over 64 KiB)"), ("expr", "expressions (parse, derive, evaluate 400)"),
                  ("format", "formatting (a 37 KB minified program, twice)")]:
    j, cold, n, v = load(f"L{lib}.jsbox"), load(f"L{lib}cold.jsbox"), load(f"L{lib}.native"), load(f"L{lib}.ivm")
    if j and cold and n:
        node = f"{v['p50_us'] / 1000:,.1f} ms" if v else "not run"
        libraries.append(f"| {what} | {j['p50_us'] / 1000:,.0f} ms | {cold['p50_us'] / 1000:,.0f} ms | "
                         f"{n['p50_us'] / 1000:,.0f} ms | {j['p50_us'] / n['p50_us']:.2f}× | {node} |")
service = []
for c in [1, os.cpu_count(), 16]:
    h, i = load(f"svc-http-{c}"), load(f"svc-inproc-{c}")
    w, f = load(f"svc-warm-{c}"), load(f"svc-floor-{c}")
    cell = lambda r: f"{r['per_sec']:,.0f}/s, p50 {us(r['p50_us'])}, p99 {us(r['p99_us'])}" if r else "not run"
    keeps = lambda r: f"{r['per_sec'] / i['per_sec']:.0%}" if r else ""
    if h and i:
        service.append(f"| {c} | {cell(h)} | {keeps(h)} | {cell(w)} | {keeps(w)} | {cell(i)} | {cell(f)} | {keeps(f)} |")
fair = [load("fair-alone"), load("fair-steady"), load("fair-flood")]

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
head = (f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Linux {platform.release()}; "
        "jsbox and isolated-vm 5.0.4 (Node " + os.popen("node --version 2>/dev/null").read().strip() + ") in one run of `make bench`.")
table = ["| scenario | ratio | jsbox | isolated-vm |", "|---|---|---|---|"]
table += [f"| {a} | {d} | {b} | {c} |" for a, b, c, d in rows]
text = "# Benchmark results\n\n" + head + "\n\n" + "\n".join(table) + "\n"

# Every run adds a line to bench/history.jsonl; the range covers the runs on
# this CPU model, since the same binary moves between CPU vendors.
def figures():
    f = {}
    j, v = load("s1.jsbox"), load("s1.ivm")
    f["1. trivial, jsbox p50 µs"] = j["p50_us"]
    if v:
        f["1. trivial, × isolated-vm throughput"] = round(j["per_sec"] / v["per_sec"], 1)
    j2 = load("s2.jsbox")
    f["2. all cores ÷ 1 thread throughput"] = round(j2["per_sec"] / j["per_sec"], 2)
    if typed:
        f["T. typed helper: validation µs per call"] = round(typed_us - untyped_us, 2)
    j, v = load("s3.jsbox"), load("s3.ivm")
    if v:
        f["3. JSON, × isolated-vm throughput"] = round(j["per_sec"] / v["per_sec"], 2)
    j, n = load("s4.jsbox"), load("s4.native")
    f["4. compute, × native QuickJS time"] = round(j["p50_us"] / n["p50_us"], 2)
    placement = load("placement")
    if placement and "offset_mod_64" in placement:
        f["4. interpreter (JS_CallInternal) start, bytes mod 64"] = placement["offset_mod_64"]
    j = load("s5.jsbox")
    f["5. 1,000 waiting: seconds"] = round(j["n"] / j["per_sec"], 2)
    f["5. 1,000 waiting: peak PSS MiB"] = round(j["peak_pss_bytes"] / 2**20)
    j = load("s6.jsbox")
    if j:
        f["6. 10,000 waiting: seconds"] = round(j["n"] / j["per_sec"], 1)
    j, v = load("s7.jsbox"), load("s7.ivm")
    if j and v:
        f["7. 200 KB script cached, × isolated-vm throughput"] = round(j["per_sec"] / v["per_sec"], 1)
    j, v = load("s8.jsbox"), load("s8.ivm")
    if j and v:
        f["8. seed flow, × isolated-vm throughput"] = round(j["per_sec"] / v["per_sec"], 1)
    j, c = load("s9.jsbox"), load("s9cold.jsbox")
    if j and c:
        f["9. platform module cached ÷ parsed throughput"] = round(j["per_sec"] / c["per_sec"], 1)
    t, p = load("s10ts.jsbox"), load("s10js.jsbox")
    if t and p:
        f["10. TypeScript stripping, µs per 2,000 lines"] = t["p50_us"] - p["p50_us"]
    node, lib1, lib16 = load("node"), load("s1.jsbox"), load("s1c16.jsbox")
    if node and node["jsbox"].get("s1"):
        n1 = node["jsbox"]["s1"]
        if node["ivm"].get("s1"):
            f["N1. Node package trivial, × isolated-vm throughput"] = round(n1["per_sec"] / node["ivm"]["s1"]["per_sec"], 1)
        if lib1:
            f["N1. Node package over the library, µs p50"] = n1["p50_us"] - lib1["p50_us"]
        if node.get("floor"):
            f["N1. Node thread-pool round trip, µs p50"] = node["floor"]["p50_us"]
        if node.get("handoff"):
            f["N1. addon hand-offs alone, µs p50"] = node["handoff"]["p50_us"]
        if lib16 and node["jsbox"].get("s1c16"):
            f["N1. Node package over the library at 16, µs per execution"] = round(1e6 / node["jsbox"]["s1c16"]["per_sec"] - 1e6 / lib16["per_sec"], 1)
    py, lib = load("python"), load("s1py.jsbox")
    if py and py["P1"].get("jsbox_sandbox"):
        mine = py["P1"]["jsbox_sandbox"]
        if lib:
            f["P1. Python package over the library, µs p50"] = mine["p50_us"] - lib["p50_us"]
        for name, r in py["P1"].items():
            if not name.startswith("jsbox"):
                f[f"P1. × {name} (p50)"] = round(r["p50_us"] / mine["p50_us"], 1)
    for c in [1, os.cpu_count(), 16]:
        i = load(f"svc-inproc-{c}")
        for name, r in [("service", load(f"svc-http-{c}")), ("keep-warm", load(f"svc-warm-{c}"))]:
            if r and i:
                f[f"S. {name} at {c}: HTTP keeps % of in process"] = round(100 * r["per_sec"] / i["per_sec"])
                if c == 1:
                    f[f"S. {name} at 1: p50 µs over in process"] = r["p50_us"] - i["p50_us"]
    for lib in ["hash", "expr", "format"]:
        j, n = load(f"L{lib}.jsbox"), load(f"L{lib}.native")
        if j and n:
            f[f"L. {lib} library, × native QuickJS time"] = round(j["p50_us"] / n["p50_us"], 2)
    d, m = load("sd.jsbox"), load("sd.modebox")
    if d:
        f["D. durable: run to suspended, µs p50"] = d["suspend_p50_us"]
        f["D. durable: resume, µs p50"] = d["resume_p50_us"]
        f["D. durable: continuation, bytes p50"] = d["size_p50"]
        h = load("sdhold.jsbox")
        if h:
            f["D. durable: RSS MiB with 100,000 suspended"] = round(h["rss"][-1][1] / 2**20)
        if m:
            f["D. durable: × modebox run-to-paused (p50)"] = round(m["suspend_p50_us"] / d["suspend_p50_us"], 1)
            f["D. durable: × modebox resume (p50)"] = round(m["resume_p50_us"] / d["resume_p50_us"], 1)
    c = load("component")
    if c:
        f["11. compiled seed, bytes"] = c["seed_bytes"]
        f["11. wasmtime run start-up (cached), ms"] = round(c["cached_ms"], 1)
    return f

history = os.path.join(os.path.dirname(target), "history.jsonl")
entry = {"date": datetime.date.today().isoformat(), "cpu": cpu, "figures": figures()}
with open(history, "a") as h:
    h.write(json.dumps(entry, ensure_ascii=False) + "\n")
runs = [json.loads(l) for l in open(history) if l.strip()]
runs = [r for r in runs if r["cpu"] == cpu]
if len(runs) > 1:
    text += (f"\nRange over the {len(runs)} runs recorded on this CPU model (`bench/history.jsonl`, "
             f"{runs[0]['date']} to {runs[-1]['date']}):\n\n| figure | lowest | highest | this run |\n|---|---|---|---|\n")
    for key, value in entry["figures"].items():
        seen = [r["figures"][key] for r in runs if key in r["figures"]]
        text += f"| {key} | {min(seen):,} | {max(seen):,} | {value:,} |\n"
if service:
    text += ("\nThe service (`jsbox serve`, POST /v1/execute of scenario 1's script, measured with wrk on 127.0.0.1) "
             "against `jsbox bench` in process, at the same concurrency; with `--keep-warm 1ms` (workers kept polling "
             "1 ms after each request); and the floor: GET /healthz on the same server, HTTP alone (the share is of "
             "the in-process throughput):\n\n"
             "| concurrency | over HTTP | keeps | keep-warm | keeps | in process | HTTP alone (/healthz) | keeps |\n"
             "|---|---|---|---|---|---|---|---|\n" + "\n".join(service) + "\n")
if libraries:
    text += ("\nScenario L, library workloads (`bench/libraries/*.js`, written for jsbox: interpreter-bound code of the "
             "kind crypto-js, mathjs and prettier run), one execution at a time, p50:\n\n"
             "| library | jsbox (cached bytecode) | jsbox (parsed every time) | native QuickJS | jsbox ÷ native | "
             "isolated-vm (V8 JIT) |\n|---|---|---|---|---|---|\n" + "\n".join(libraries) + "\n")
if all(fair):
    alone, steady, flood = fair
    text += (f"\nFairness: a steady tenant (1 request at a time) alone: p50 {us(alone['p50_us'])}, p99 {us(alone['p99_us'])}; "
             f"while another tenant floods with 64 connections (held to its quota; {flood['non_2xx']:,} of its "
             f"{flood['requests']:,} requests got 429 at once): p50 {us(steady['p50_us'])}, p99 {us(steady['p99_us'])}.\n")
py = load("python")
if py:
    lib = load("s1py.jsbox")
    mine = py["P1"].get("jsbox_sandbox")
    text += (f"\nThe Python package beside its peers from PyPI in one Python {py['python']} process "
             "(scenario P1: a fresh isolated context per execution of scenario 1's trivial script; P8: the seed's flow "
             "with an async helper the host answers; one at a time):\n\n"
             "| scenario | engine | p50 | per second | jsbox_sandbox is |\n|---|---|---|---|---|\n")
    for scenario, base_key in [("P1", "jsbox_sandbox"), ("P8", "jsbox_sandbox execute")]:
        base = py[scenario].get(base_key)
        for name, r in py[scenario].items():
            faster = f"{r['p50_us'] / base['p50_us']:.1f}× faster (p50)" if base and not name.startswith("jsbox") else ""
            text += f"| {scenario} | {name} | {us(r['p50_us'])} | {r['per_sec']:,.0f} | {faster} |\n"
    for name, why in py.get("missing", {}).items():
        text += f"| | {name} | {why.splitlines()[0][:120]} | | |\n"
    if mine and lib:
        text += (f"\nOver the Rust library (`jsbox bench`, the same script, right after): "
                 f"{us(mine['p50_us'])} vs {us(lib['p50_us'])} p50, +{mine['p50_us'] - lib['p50_us']:,} µs per execution")
        if py.get("handoff"):
            text += (f"; `execute_async` adds two thread hand-offs (to jsbox's runtime and back to the event loop): "
                     f"{us(py['handoff']['p50_us'])} p50 alone")
        text += ".\n"
    if py.get("PT"):
        text += "\nPT, `execute` from Python threads (the GIL released while scripts run): " + ", ".join(
            f"{k}: {v['per_sec']:,.0f}/s" for k, v in py["PT"].items()) + ".\n"
d, dfs, m = load("sd.jsbox"), load("sdfs.jsbox"), load("sd.modebox")
if d:
    text += ("\nScenario D, durable executions (bench/scripts/approval.js: a few values, one await on a helper that "
             "pauses, then a result using both; each run suspended once and resumed once, one at a time):\n\n"
             "| engine | run to suspended p50 (p99) | resume p50 (p99) | continuation bytes min / p50 / max |\n|---|---|---|---|\n")
    for name, r in [("jsbox, continuations in memory", d), ("jsbox, FsStore (fsync per save)", dfs), ("modebox 0.2.0 (Python)", m)]:
        if r:
            text += (f"| {name} | {us(r['suspend_p50_us'])} ({us(r['suspend_p99_us'])}) | {us(r['resume_p50_us'])} "
                     f"({us(r['resume_p99_us'])}) | {r['size_min']:,} / {r['size_p50']:,} / {r['size_max']:,} |\n")
    sizes = sorted(glob.glob(os.path.join(out, "sdsize.*.jsbox.json")))
    if sizes:
        text += ("\nContinuation sizes over library and hostile cases (bench/durable/cases; each suspended on one "
                 "`approval` call, 20 runs; run to suspended includes running the script):\n\n"
                 "| case | sealed bytes min / p50 / max | run to suspended p50 | resume p50 |\n|---|---|---|---|\n")
        for path in sizes:
            name = os.path.basename(path)[len("sdsize."):-len(".jsbox.json")]
            r = json.load(open(path))
            text += (f"| {name} | {r['size_min']:,} / {r['size_p50']:,} / {r['size_max']:,} | "
                     f"{us(r['suspend_p50_us'])} | {us(r['resume_p50_us'])} |\n")
    h = load("sdhold.jsbox")
    if h:
        text += (f"\n{h['n']:,} executions suspended into a file store and left there ({h['stored_bytes'] / 2**20:,.0f} MiB "
                 f"sealed, {h['per_sec']:,.0f} suspensions/s): resident memory " +
                 ", ".join(f"{mib(r)} after {k:,}" for k, r in h["rss"]) + ".\n")
    if m:
        text += (f"\njsbox suspends {m['suspend_p50_us'] / d['suspend_p50_us']:.1f}× and resumes "
                 f"{m['resume_p50_us'] / d['resume_p50_us']:.1f}× faster than modebox (p50), with a continuation "
                 f"{m['size_p50'] / d['size_p50']:.1f}× smaller.\n")
goals = os.path.join(os.path.dirname(os.path.abspath(__file__)), "GOALS.md")
if os.path.exists(goals):
    text += "\n" + open(goals).read()
open(target, "w").write(text)
print(text)
