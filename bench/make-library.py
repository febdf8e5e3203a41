#!/usr/bin/env python3
"""Writes scenario 7's script: ~200 KB of generated utility code (the shape
of a bundled library: many small functions, closures, classes, object
literals and string constants) and a small `execute` that uses a few of
them. Generated, so the bench needs no third-party code; deterministic.

usage: make-library.py OUT [KB] [module]

With `module`, OUT is an ES module exporting the library (`export default
lib`) instead of a script with `execute`: scenario 9's platform module.
"""
import random
import sys

out, kb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(15)
parts = ["'use strict';\nconst lib = {};\n"]
i = 0
while sum(map(len, parts)) < kb * 1024:
    k = rng.randrange(6)
    if k == 0:
        parts.append(f"""lib.chunk{i} = function chunk{i}(array, size) {{
  const out = [];
  for (let j = 0; j < array.length; j += size || {1 + i % 5}) out.push(array.slice(j, j + (size || {1 + i % 5})));
  return out;
}};
""")
    elif k == 1:
        parts.append(f"""lib.pick{i} = (object, ...keys) => {{
  const result = {{}};
  for (const key of keys.flat()) if (key in object) result[key] = object[key];
  return Object.keys(result).length ? result : {{ empty: true, tag: "pick{i}" }};
}};
""")
    elif k == 2:
        parts.append(f"""class Cache{i} {{
  #entries = new Map();
  constructor(limit = {10 + i % 90}) {{ this.limit = limit; }}
  get size() {{ return this.#entries.size; }}
  set(key, value) {{
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value);
    this.#entries.set(key, value);
    return this;
  }}
  get(key) {{ return this.#entries.get(key); }}
}}
lib.Cache{i} = Cache{i};
""")
    elif k == 3:
        parts.append(f"""lib.format{i} = function format{i}(template, values) {{
  return String(template).replace(/\\{{(\\w+)\\}}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match);
}};
lib.messages{i} = {{ ok: "Operation {i} completed", failed: "Operation {i} failed: {{reason}}", retry: "Retrying in {{seconds}} s" }};
""")
    elif k == 4:
        parts.append(f"""lib.debounce{i} = function debounce{i}(fn, wait = {i % 300}) {{
  let timer = null, lastArgs = null;
  const debounced = (...args) => {{
    lastArgs = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {{ timer = null; fn(...lastArgs); }}, wait);
  }};
  debounced.cancel = () => {{ if (timer !== null) clearTimeout(timer); timer = null; }};
  return debounced;
}};
""")
    else:
        parts.append(f"""lib.sumBy{i} = function sumBy{i}(items, key = "value") {{
  let total = 0;
  for (const item of items) {{
    const v = typeof key === "function" ? key(item) : item[key];
    if (typeof v === "number" && Number.isFinite(v)) total += v * {1 + i % 7} / {1 + i % 7};
  }}
  return Math.round(total * 100) / 100;
}};
""")
    i += 1
n = i
if len(sys.argv) > 3 and sys.argv[3] == "module":
    parts[0] = "const lib = {};\n"
    parts.append("export default lib;\n")
    open(out, "w").write("".join(parts))
    sys.exit(0)
parts.append(f"""
function execute(args) {{
  const items = Array.from({{ length: 20 }}, (_, j) => ({{ id: j, value: j * 1.5 }}));
  const helpers = Object.keys(lib).length;
  const chunks = Object.values(lib).find((f) => typeof f === "function" && f.name.startsWith("chunk"));
  return {{ helpers, chunks: chunks ? chunks(items, 5).length : 0, id: args.id }};
}}
""")
open(out, "w").write("".join(parts))
