#!/usr/bin/env python3
"""Summary of a vtsne JMH JSON result: vector vs scalar per kernel, N and threads.

Peak model (stated, not measured): one AMD Zen 5 core issues 2 x 512-bit FMA pipes per cycle,
i.e. 32 FP32 lanes of FMA (or add/sub/mul) per cycle; the clock is the 'cpu MHz' line of
/proc/cpuinfo (a VM's nominal clock: boost is not seen, so the fraction may be overstated a little).
"% peak" = (pairs/s x FP lane-ops per pair) / (threads x 32 x clock). Every FP instruction per lane
counts as ONE op (fma, mul, add, sub, neg, div, exp), so this is the occupancy of the FMA pipes'
issue slots, not a flop count (an FMA would be 2 flops). div and exp are far more expensive than
one slot (vdivps zmm is not pipelined at one per cycle; exp is a ~15-20-op SVML polynomial), so
kernels with div/exp cannot reach 100 % by this count. The scalar twins run in double, one lane:
their "% peak" uses the same FP32-lane denominator, which shows how far they are from the machine.

Every measured figure carries JMH's error (± = scoreError, half-width of the 99.9% confidence
interval; "?" below 3 iterations, where JMH gives none). FLAGS at the end name suspect figures: a
vector kernel slower than its scalar twin (vec/scl below 1), and a warm-up that ended before the
JIT did (the rule is jmh_results.warmup_problem: no warm-up iteration, or a first measured
iteration slower than all later ones by more than 10% of their mean).
"""
import argparse
import math
import sys

import jmh_results as jr

# FP lane-ops per pair of each kernel, as written in dev.vtsne.simd.panama.VectorKernels.
OPS = {
    "distance": (128, "64-dim: 64 sub + 64 fma per pair (the 16-lane reduction per row not counted)"),
    "tsne": (9, "2-D, P-free repulsion pass over all pairs: 2 sub, 2 fma (|d|^2 + 1), 1 div (w), 1 mul (w*w),"
                " 2 fma (repulsion), 1 add (Z); the CSR attraction pass (stored entries only) not counted"),
    "sne": (14, "2-D, two all-pairs passes: log-normalizer 2 sub + 2 fma + sub + exp + add = 7 (its min pass not"
                " counted); repulsion 2 sub + 2 fma + ~1 exp (q_j|i + q_i|j share d^2) + 2 fma = 7, approx.; exp counted"
                " as 1 op; the CSR attraction pass not counted"),
}
KIND = {"DistanceBench": "distance", "TsneGradientBench": "tsne", "SneGradientBench": "sne"}


def pairs_per_op(kind, n):
    # distance: one row against all N; gradients: all N^2 ordered pairs (N^2 - N really; the SNE
    # gradient walks them twice, and its op count above covers both passes).
    return n if kind == "distance" else n * n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--mhz", type=float, default=0.0)
    ap.add_argument("--cpu", default="?")
    a = ap.parse_args()
    runs = jr.load(a.json)
    res = {}
    for r in runs:
        cls = r["benchmark"].split(".")[-2]
        kind = KIND.get(cls)
        if kind is None:
            continue
        p = r.get("params", {})
        key = (kind, int(p["n"]), int(p.get("threads", 1)))
        m = r["primaryMetric"]
        res.setdefault(key, {})[p["impl"]] = (m["score"], jr.error(r))
    hz = a.mhz * 1e6
    print(f"CPU: {a.cpu}; clock {a.mhz:.0f} MHz from /proc/cpuinfo 'cpu MHz'; "
          "peak per core = 32 FP32 lane-ops/cycle (Zen 5: 2 x 512-bit FMA pipes)")
    for k, (ops, what) in OPS.items():
        print(f"  {k:8s} {ops:3d} lane-ops/pair: {what}")
    print()
    flags = []
    hdr = f"{'kernel':8s} {'N':>6s} {'thr':>3s} {'vector ops/s':>20s} {'scalar ops/s':>20s} {'speedup':>8s} " \
          f"{'vec pairs/s':>11s} {'scl pairs/s':>11s} {'vec %peak':>9s} {'scl %peak':>9s}"
    print(hdr)
    print("-" * len(hdr))
    order = {"distance": 0, "tsne": 1, "sne": 2}
    for key in sorted(res, key=lambda k: (order[k[0]], k[1], k[2])):
        kind, n, thr = key
        v, ve = res[key].get("vector", (float("nan"), float("nan")))
        s, se = res[key].get("scalar", (float("nan"), float("nan")))
        if v / s < 1:
            flags.append(f"vector slower than its twin: {kind} N={n} threads={thr}: {v / s:.2f}x")
        ppo = pairs_per_op(kind, n)
        ops = OPS[kind][0]

        def peak(score):
            return 100.0 * score * ppo * ops / (thr * 32 * hz) if hz > 0 else float("nan")

        print(f"{kind:8s} {n:6d} {thr:3d} {pm(v, ve, 20, '.2f')} {pm(s, se, 20, '.2f')} {v / s:7.1f}x "
              f"{v * ppo:11.3g} {s * ppo:11.3g} {peak(v):8.1f}% {peak(s):8.2f}%")
    scale_table(runs, flags)
    key = ("tsne", 4000, 1)
    if key in res and "vector" in res[key] and "scalar" in res[key]:
        ratio = res[key]["vector"][0] / res[key]["scalar"][0]
        verdict = "meets" if ratio >= 15 else "BELOW"
        print(f"\nKEY FIGURE: t-SNE exact gradient, N=4000, 1 thread: vector/scalar = {ratio:.1f}x "
              f"({verdict} the 15x target)")
    for r in runs:
        problem = jr.warmup_problem(r)
        if problem:
            flags.append(f"warm-up: {jr.label(jr.key(r))}: {problem}")
    print("\nFLAGS: none" if not flags else "\nFLAGS (figures to distrust):")
    for f in flags:
        print(f"  {f}")


def pm(x, e, width, spec):
    """'x ± e' right-aligned in width; '?' for a missing error bar."""
    err = format(e, ".2g") if math.isfinite(e) else "?"
    return f"{format(x, spec)} ± {err}".rjust(width)


def to_ms(score, err, unit):
    """A score and its error in ms/op; a throughput becomes time per op (error to first order)."""
    if unit.startswith("ops/"):
        per = {"ops/s": 1e3, "ops/ms": 1.0, "ops/us": 1e-3}.get(unit, float("nan"))
        return per / score, per / score * err / score
    f = {"s/op": 1e3, "ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6}.get(unit, float("nan"))
    return score * f, err * f


SCALE = ("AttractionBench", "CalibrationBench", "BarnesHutBench", "FftBench", "FftRepulsionBench", "KnnBench", "PcaBench")


def scale_table(runs, flags):
    """The large-n benchmarks: time per op at each n, its growth per point, and vector/scalar."""
    rows = {}
    for r in runs:
        parts = r["benchmark"].split(".")
        cls, method = parts[-2], parts[-1]
        if cls not in SCALE:
            continue
        p = dict(r.get("params", {}))
        impl = p.pop("impl", "-")
        n = int(p.pop("n"))
        other = ",".join(f"{k}={v}" for k, v in sorted(p.items()))
        m = r["primaryMetric"]
        rows.setdefault((cls, method, other, n), {})[impl] = to_ms(m["score"], jr.error(r), m["scoreUnit"])
    if not rows:
        return
    print()
    hdr = f"{'benchmark':34s} {'params':22s} {'N':>8s} {'ms/op':>20s} {'ns/point':>9s} {'scalar ms/op':>20s} {'vec/scl':>8s}"
    print(hdr)
    print("-" * len(hdr))
    for (cls, method, other, n) in sorted(rows):
        d = rows[(cls, method, other, n)]
        nan = (float("nan"), float("nan"))
        v, ve = d.get("vector", d.get("-", nan))
        sc, sce = d.get("scalar", nan)
        speed = f"{sc / v:7.1f}x" if sc == sc and v == v else "      -"
        scl = pm(sc, sce, 20, ".3f") if sc == sc else f"{'-':>20s}"
        print(f"{cls + '.' + method:34s} {other:22s} {n:8d} {pm(v, ve, 20, '.3f')} {v * 1e6 / n:9.1f} {scl} {speed}")
        if sc == sc and v == v and sc / v < 1:
            flags.append(f"vector slower than its twin: {cls}.{method} {other + ',' if other else ''}N={n}: {sc / v:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
