#!/usr/bin/env python3
"""Compares two JMH JSON results (a saved baseline and a new run), figure by figure.

For every benchmark and parameter set in both: the baseline score and the new one with their error
bars (JMH scoreError, the half-width of the 99.9% confidence interval), the ratio now/baseline,
whether the two intervals are disjoint (the difference lies outside both runs' error bars), and a
verdict. "slower" and "faster" are per op whatever the mode (throughput: higher is faster; average
time: lower is faster). A figure is a REGRESSION when it is slower by more than the threshold and
the intervals are disjoint; when either run has no error bar (JMH gives none below 3 iterations), the threshold
alone decides. Slower by more than the threshold inside the error bars is reported as noise, not
counted. A figure of the baseline that the new run lacks (the benchmark failed or was removed)
counts as a regression too.

Machine facts files (key: value lines, as bench/run-jmh writes them): when the CPU model or the
vector kernels (their name carries the width) differ, the figures compare machines, not code, and
a warning says so at the top and the bottom.

Usage: jmh_compare.py BASELINE.json NOW.json [--baseline-machine F] [--now-machine F]
                      [--threshold PCT] [--fail-on-regression]
Exit status: 0, or 1 with --fail-on-regression when a regression was found; 2 bad input.
"""
import argparse
import math
import sys

import jmh_results as jr

# Facts whose difference makes the comparison one of machines; the others are only noted.
DECISIVE = ("cpu", "vector")
NOTED = ("jdk", "processors")


def read_facts(path):
    facts = {}
    if path:
        with open(path) as f:
            for line in f:
                k, sep, v = line.partition(":")
                if sep:
                    facts[k.strip()] = v.strip()
    return facts


def machine_warnings(base, now):
    if not base and not now:
        return ["note: no machine facts given: cannot tell whether the machines match"]
    out = []
    if all(k in base and k in now and base[k] == now[k] for k in DECISIVE):
        out.append("machine: " + ", ".join(f"{k} '{now[k]}'" for k in DECISIVE) + " as in the baseline")
    for k in DECISIVE + NOTED:
        if k in base and k in now and base[k] != now[k]:
            loud = "WARNING" if k in DECISIVE else "note"
            what = " (the figures compare machines, not code)" if k in DECISIVE else ""
            out.append(f"{loud}: {k} differs: baseline '{base[k]}', now '{now[k]}'{what}")
        elif k in DECISIVE and (k not in base or k not in now):
            out.append(f"WARNING: {k} unknown for the {'baseline' if k not in base else 'new run'}: "
                       "cannot tell whether the machines match")
    return out


def compare(r_base, r_now, threshold):
    """One row: (ratio, disjoint or None if unknown, verdict, is_regression)."""
    b, n = r_base["primaryMetric"]["score"], r_now["primaryMetric"]["score"]
    if r_base["primaryMetric"]["scoreUnit"] != r_now["primaryMetric"]["scoreUnit"]:
        return float("nan"), None, "units differ: not compared", False
    eb, en = jr.error(r_base), jr.error(r_now)
    disjoint = abs(n - b) > eb + en if math.isfinite(eb) and math.isfinite(en) else None
    ratio = n / b if b else float("nan")
    # time per op, now over baseline: > 1 means slower
    slow = (b / n if n else float("inf")) if jr.higher_is_better(r_base) else ratio
    if not math.isfinite(slow):
        return ratio, disjoint, "no usable score", True
    change = abs(slow - 1) * 100
    direction = "slower" if slow > 1 else "faster" if slow < 1 else "same,"
    if disjoint is False and slow > 1 + threshold:
        return ratio, disjoint, f"slower {change:.1f}%: beyond the threshold, within error bars (noise?), not counted", False
    if disjoint is False:
        return ratio, disjoint, f"{direction} {change:.1f}%, within error bars (noise)", False
    if slow > 1 + threshold:
        return ratio, disjoint, f"REGRESSION: {change:.1f}% slower", True
    if slow < 1 - threshold:
        return ratio, disjoint, f"faster {change:.1f}%", False
    return ratio, disjoint, f"{direction} {change:.1f}% (under the threshold)", False


def fmt(r):
    m = r["primaryMetric"]
    e = jr.error(r)
    return f"{m['score']:.4g} ± {f'{e:.2g}' if math.isfinite(e) else '?'} {m['scoreUnit']}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("baseline")
    ap.add_argument("now")
    ap.add_argument("--baseline-machine")
    ap.add_argument("--now-machine")
    ap.add_argument("--threshold", type=float, default=10.0, help="percent slower that counts (default 10)")
    ap.add_argument("--fail-on-regression", action="store_true")
    a = ap.parse_args(argv)
    if not (a.threshold > 0):
        print(f"jmh_compare: the threshold must be a positive percentage, got {a.threshold}", file=sys.stderr)
        return 2
    try:
        base = {jr.key(r): r for r in jr.load(a.baseline)}
        now = {jr.key(r): r for r in jr.load(a.now)}
        warnings = machine_warnings(read_facts(a.baseline_machine), read_facts(a.now_machine))
    except (OSError, ValueError, KeyError) as e:
        print(f"jmh_compare: cannot read the inputs: {e}", file=sys.stderr)
        return 2
    for w in warnings:
        print(w)
    print(f"baseline {a.baseline}\nnow      {a.now}\n"
          f"± = JMH scoreError (99.9% CI half-width); 'apart' = the two intervals are disjoint; "
          f"regression = more than {a.threshold:g}% slower per op and apart\n")
    rows = []
    regressions = 0
    for k in sorted(set(base) | set(now)):
        if k not in now:
            rows.append((jr.label(k), fmt(base[k]), "-", "-", "-", "REGRESSION: missing from the new run"))
            regressions += 1
            continue
        if k not in base:
            rows.append((jr.label(k), "-", fmt(now[k]), "-", "-", "new: not in the baseline"))
            continue
        ratio, disjoint, verdict, bad = compare(base[k], now[k], a.threshold / 100)
        regressions += bad
        apart = "?" if disjoint is None else ("yes" if disjoint else "no")
        rows.append((jr.label(k), fmt(base[k]), fmt(now[k]), f"{ratio:.3f}", apart, verdict))
    head = ("benchmark", "baseline", "now", "now/base", "apart", "verdict")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head) - 1)]
    for r in [head] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    print()
    for w in warnings:
        print(w)
    print(f"{regressions} regression(s) beyond {a.threshold:g}% in {len(rows)} figures")
    return 1 if regressions and a.fail_on_regression else 0


if __name__ == "__main__":
    sys.exit(main())
