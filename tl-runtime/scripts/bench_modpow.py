#!/usr/bin/env python3
"""Times Python's built-in pow on the numbers of benches/calls.rs (modpow_2048/*): the first
vector of tests/data/calls/vectors.txt with Telegram's prime.

Usage: python3 scripts/bench_modpow.py [iterations]
(scripts/bench_calls.py runs this together with the criterion bench and prints ratios.)
"""
import os
import sys
import timeit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from call_vectors import TELEGRAM_PRIME  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def first_vector():
    fields = {}
    path = os.path.join(HERE, "..", "tests", "data", "calls", "vectors.txt")
    for line in open(path):
        line = line.strip()
        if line.startswith("[") and fields:
            break
        if "=" in line and not line.startswith("#"):
            k, v = line.split("=", 1)
            fields[k] = v
    return fields


def time_pow(n=200):
    """Seconds per call of Python's pow for each modpow_2048/* case: {"g3": s, "g_b": s}."""
    v = first_vector()
    p = TELEGRAM_PRIME
    a = int(v["a"], 16)
    g_b = int(v["g_b"], 16)
    assert pow(g_b, a, p).to_bytes(256, "big").hex() == v["key"]
    out = {}
    for name, base in [("g3", 3), ("g_b", g_b)]:
        out[name] = min(timeit.repeat(lambda: pow(base, a, p), number=n, repeat=3)) / n
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for name, t in time_pow(n).items():
        print("python pow modpow_2048/%s: %.3f ms" % (name, t * 1e3))


if __name__ == "__main__":
    main()
