"""Reading JMH JSON results: what identifies a figure, its error bar, which direction is faster, and
whether its warm-up was long enough. Shared by jmh_summary.py and jmh_compare.py."""
import json
import math

# A first measured iteration this much slower than the later ones means the JIT was still at work.
WARMUP_DRIFT = 0.10


def load(path):
    with open(path) as f:
        runs = json.load(f)
    if not isinstance(runs, list):
        raise ValueError(f"{path}: not a JMH JSON result (expected a list of benchmark records)")
    return runs


def key(r):
    """What makes two records the same figure: benchmark, mode and parameters."""
    return r["benchmark"], r["mode"], tuple(sorted(r.get("params", {}).items()))


def label(k):
    bench, mode, params = k
    short = ".".join(bench.split(".")[-2:])
    return short + (" " + ",".join(f"{p}={v}" for p, v in params) if params else "")


def error(r):
    """JMH's scoreError: half-width of the 99.9% confidence interval; NaN below 3 iterations."""
    e = r["primaryMetric"].get("scoreError", float("nan"))
    return e if isinstance(e, (int, float)) else float("nan")


def higher_is_better(r):
    """Throughput (ops per time) grows when faster; the other modes report time per op."""
    return r["mode"] == "thrpt"


def raw_iterations(r):
    """The measurement iterations' scores, fork after fork."""
    return [x for fork in r["primaryMetric"].get("rawData", []) for x in fork]


def warmup_problem(r):
    """Why this figure may still include JIT compilation, or None.

    The rule, on the JSON alone (JMH does not store warm-up scores in it): no warm-up iteration at
    all, or the first measurement iteration is slower than every later one and by more than
    WARMUP_DRIFT of their mean. Compilation only ever makes an early iteration slower, so a first
    iteration that stands out this way means the warm-up ended before the code was compiled (a
    noisy machine can also trip it; the figure is suspect either way). With one measurement
    iteration only the first part of the rule can be checked.
    """
    if r.get("warmupIterations", 0) == 0:
        return "no warm-up iterations: the figure includes JIT compile time"
    xs = raw_iterations(r)
    if len(xs) < 2:
        return None
    first, rest = xs[0], xs[1:]
    mean = sum(rest) / len(rest)
    if mean <= 0 or not math.isfinite(mean):
        return None
    slower = (mean - first) / mean if higher_is_better(r) else (first - mean) / mean
    slowest = all(first < x for x in rest) if higher_is_better(r) else all(first > x for x in rest)
    if slowest and slower > WARMUP_DRIFT:
        return (f"first measured iteration {100 * slower:.0f}% slower than the later ones' mean "
                f"(warm-up {r.get('warmupIterations')} x {r.get('warmupTime')}): still compiling; warm up longer")
    return None
