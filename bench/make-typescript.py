#!/usr/bin/env python3
"""Writes scenario 10's scripts: a TypeScript file of LINES lines (interfaces,
type aliases, annotated functions and classes, generics, `as` and
`satisfies`, an exported `execute`) and the same program without its types
as JavaScript, so the difference in parse-every-time cost is the stripping.
Generated and deterministic.

usage: make-typescript.py OUT_TS OUT_JS [LINES]
"""
import re
import sys

out_ts, out_js = sys.argv[1], sys.argv[2]
lines = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
ts, js = [], []
i = 0
while len(ts) < lines - 8:
    block_ts = [
        f"interface Item{i} {{ id: number; name: string; tags?: string[] }}",
        f"type Pair{i}<T> = [T, T];",
        f"function score{i}<T extends Item{i}>(item: T, weight: number = {i % 7 + 1}): number {{",
        f"  const pair: Pair{i}<number> = [item.id, weight];",
        f"  return (pair[0] * pair[1]) as number;",
        "}",
        f"class Store{i} {{",
        f"  private items: Map<number, Item{i}> = new Map();",
        f"  add(item: Item{i}): this {{ this.items.set(item.id, item); return this; }}",
        f"  get size(): number {{ return this.items.size; }}",
        "}",
        f"const defaults{i} = {{ id: {i}, name: 'n{i}' }} satisfies Item{i};",
    ]
    block_js = [
        "",
        "",
        f"function score{i}(item, weight = {i % 7 + 1}) {{",
        f"  const pair = [item.id, weight];",
        f"  return (pair[0] * pair[1]);",
        "}",
        f"class Store{i} {{",
        f"  items = new Map();",
        f"  add(item) {{ this.items.set(item.id, item); return this; }}",
        f"  get size() {{ return this.items.size; }}",
        "}",
        f"const defaults{i} = {{ id: {i}, name: 'n{i}' }};",
    ]
    ts += block_ts
    js += block_js
    i += 1
tail_ts = [
    "export function execute(args: { id: number }): { total: number; id: number } {",
    "  let total = 0;",
    f"  for (let k = 0; k < {i}; k += 97) total += k;",
    f"  total += score0(defaults0) + new Store0().add(defaults0).size;",
    "  return { total, id: args.id };",
    "}",
]
tail_js = [re.sub(r": \{ id: number \}\): \{ total: number; id: number \}", ")", tail_ts[0])] + tail_ts[1:]
tail_js[0] = "export function execute(args) {"
open(out_ts, "w").write("\n".join(ts + tail_ts) + "\n")
open(out_js, "w").write("\n".join(js + tail_js) + "\n")
