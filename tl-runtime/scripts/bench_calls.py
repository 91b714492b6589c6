#!/usr/bin/env python3
"""Runs the voice-call benchmarks and Python's built-in pow on the same numbers in one go,
then prints every figure as a ratio.

Usage (from anywhere; CARGO_TARGET_DIR is honoured):
    python3 tl-runtime/scripts/bench_calls.py             # cargo bench, then Python's pow
    python3 tl-runtime/scripts/bench_calls.py --no-cargo  # only read the last cargo bench run

Criterion's estimate of each benchmark (the middle figure it prints) is read from
<target>/criterion/**/new/estimates.json.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from bench_modpow import time_pow  # noqa: E402

BENCHES = [
    "caller_total",
    "callee_total",
    "validate/unknown_safe_prime_2048",
    "validate/cached_safe_prime_2048",
    "validate/known_telegram_prime",
    "modpow_2048/g3",
    "modpow_2048/g_b",
]


def criterion_means(target):
    """Seconds per iteration of every benchmark of the last run, by its id
    (`validate/known_telegram_prime`).
    Criterion names its folders after ids with some characters replaced, so the ids are read
    from each benchmark.json."""
    root = os.path.join(target, "criterion")
    means = {}
    for folder, _, files in os.walk(root):
        if os.path.basename(folder) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(folder, "benchmark.json")) as f:
            bench_id = json.load(f)["full_id"]
        with open(os.path.join(folder, "estimates.json")) as f:
            estimates = json.load(f)
        # The figure criterion prints: the slope of its linear fit when it sampled that way.
        best = estimates.get("slope") or estimates["mean"]
        means[bench_id] = best["point_estimate"] / 1e9
    return means


def show(seconds):
    for unit, scale in [("s", 1), ("ms", 1e3), ("us", 1e6), ("ns", 1e9)]:
        if seconds * scale >= 1:
            return "%.3f %s" % (seconds * scale, unit)
    return "%.3f ns" % (seconds * 1e9)


def main():
    if "--no-cargo" not in sys.argv:
        subprocess.run(
            ["cargo", "bench", "-p", "tl-runtime", "--bench", "calls"], cwd=ROOT, check=True
        )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    means = criterion_means(target)
    t = {b: means[b] for b in BENCHES}
    py = time_pow()

    print()
    print("%-34s %12s" % ("benchmark (criterion estimate)", "time"))
    for b in BENCHES:
        print("%-34s %12s" % (b, show(t[b])))
    for name, s in py.items():
        print("%-34s %12s" % ("python pow modpow_2048/" + name, show(s)))
    print()
    modpow = t["modpow_2048/g_b"]
    print("ratios")
    print("  callee_total / caller_total          %8.2f" % (t["callee_total"] / t["caller_total"]))
    print("  caller_total / modpow_2048/g_b       %8.2f" % (t["caller_total"] / modpow))
    print("  callee_total / modpow_2048/g_b       %8.2f" % (t["callee_total"] / modpow))
    unknown = t["validate/unknown_safe_prime_2048"]
    print("  unknown prime / cached prime         %8.0f" % (unknown / t["validate/cached_safe_prime_2048"]))
    print("  unknown prime / known Telegram prime %8.0f" % (unknown / t["validate/known_telegram_prime"]))
    print("  unknown prime / modpow_2048/g_b      %8.1f" % (unknown / modpow))
    for name in ["g3", "g_b"]:
        print(
            "  num-bigint / Python pow, %-4s        %8.2f"
            % (name, t["modpow_2048/" + name] / py[name])
        )


if __name__ == "__main__":
    main()
