"""Differential fuzzing of the extension's value conversion (Python ⇄ JSON,
src/values.rs) against Python's own json module: random values, hostile
ones among them, go in as args and come back from a helper. Each either
arrives as json.loads(json.dumps(value)) would give it, or is refused with
a typed error (invalid-args; a helper's invalid-result) — never a crash.
Seeded, so a failure reproduces."""

import json
import math
import os
import random

import pytest

from jsbox_sandbox import PolicyError

# `make test` runs 8 seeds; JSBOX_FUZZ_SEEDS=300 for a longer run.
SEEDS = int(os.environ.get("JSBOX_FUZZ_SEEDS", "8"))
ECHO = "function execute(a) { return a }"
THROUGH_HELPER = "function execute(a) { try { return ['ok', h.echo(a)] } catch (e) { return [e.code, e.message.length > 0] } }"


class Opaque:
    pass


def atom(rng):
    return rng.choice(
        [
            lambda: None,
            lambda: rng.random() < 0.5,
            lambda: rng.randint(-(2**70), 2**70),
            lambda: rng.randint(-1000, 1000),
            lambda: rng.uniform(-1e308, 1e308),
            lambda: rng.choice([math.nan, math.inf, -math.inf, -0.0, 5e-324]),
            lambda: "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0xD7FF), rng.randint(0xE000, 0x10FFFF), 0xD800])) for _ in range(rng.randint(0, 8))),
            lambda: b"bytes",
            lambda: {1, 2},
            lambda: Opaque(),
            lambda: 1j,
        ]
    )()


def value(rng, depth=0):
    if depth > 6 or rng.random() < 0.35:
        return atom(rng)
    kind = rng.randint(0, 2)
    if kind == 0:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind == 1:
        return tuple(value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    keys = [rng.choice([atom(rng), "k" + str(rng.randint(0, 9))]) for _ in range(rng.randint(0, 4))]
    out = {}
    for key in keys:
        try:
            out[key] = value(rng, depth + 1)
        except TypeError:  # unhashable keys
            pass
    return out


REFUSED = object()


def reference(v):
    """What json gives for `v`, or REFUSED when json refuses it (or its
    text is not UTF-8: a lone surrogate)."""
    try:
        text = json.dumps(v, allow_nan=False, ensure_ascii=False)
        text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        return REFUSED
    return json.loads(text, parse_int=lambda s: int(s) if abs(int(s)) < 2**64 else float(s))


def same(a, b):
    # The script holds numbers as doubles: integers beyond 2**53 come back rounded.
    if type(a) is int and abs(a) > 2**53 and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, float) and isinstance(b, (int, float)):
        return a == b or (math.isclose(a, b) if math.isfinite(a) else False)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("seed", range(SEEDS))
def test_values_cross_like_json_or_are_refused(engine, seed):
    rng = random.Random(seed)
    for _ in range(300):
        v = value(rng)
        expected = reference(v)
        try:
            got = engine.execute(ECHO, v).result
        except PolicyError as error:
            assert error.kind == "invalid-args", error
            assert expected is REFUSED, f"refused {v!r}: {error.message}"
            continue
        assert expected is not REFUSED, f"accepted {v!r} as {got!r}"
        assert same(expected, got), f"{v!r}: {got!r} != {expected!r}"
        # And back out of a helper.
        out = engine.execute(THROUGH_HELPER, got, helpers={"h.echo": lambda a: v}).result
        if out[0] == "ok":
            assert same(expected, out[1]), f"{v!r} through a helper: {out[1]!r}"
        else:
            assert out == ["invalid-result", True], f"{v!r} through a helper: {out!r}"
