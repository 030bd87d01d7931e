#!/usr/bin/env python3
"""Smoke run of every JMH benchmark in the jar: each @Benchmark method at each combination of its
parameters, with every numeric parameter cut to its smallest declared value (n, threads, ...; the
string ones such as impl = vector, scalar all run), one fork, no warm-up, one 100 ms iteration.
Nothing about timing is checked: a benchmark passes when JMH reports a finite score for it, so a
@Setup that throws (the vector/scalar cross-checks), a missing class or a bad fork flag fails.
JMH keeps going after a failing benchmark, so every failure is listed, not only the first.

Usage: jmh_smoke.py --java JAVA --jvm-config FILE --jar benchmarks.jar --out DIR
Exit status: 0 all passed, 1 some benchmark failed (listed), 2 the jar could not be listed.
"""
import argparse
import itertools
import json
import math
import os
import re
import subprocess
import sys

RUN = ["-f", "1", "-wi", "0", "-i", "1", "-r", "100ms"]


def parse_list(text):
    """JMH '-lp' output -> {benchmark: {param: [values as printed]}}, in listing order."""
    benchmarks, current = {}, None
    for line in text.splitlines():
        m = re.match(r'^\s+param "([^"]+)" = \{(.*)\}\s*$', line)
        if m and current is not None:
            benchmarks[current][m.group(1)] = [v.strip() for v in m.group(2).split(",")]
        elif re.match(r"^[\w.$]+\.[\w$]+$", line.strip()) and not line.startswith(" "):
            current = line.strip()
            benchmarks[current] = {}
    return benchmarks


def smallest(values):
    """The smallest value when all are numbers, else None (all values run)."""
    try:
        return min(values, key=float)
    except ValueError:
        return None


def plan(benchmarks):
    """Groups of benchmarks that share the same -p overrides: [(overrides, [benchmark])]."""
    groups = {}
    for name, params in benchmarks.items():
        over = tuple(sorted((p, s) for p, vs in params.items() if (s := smallest(vs)) is not None))
        groups.setdefault(over, []).append(name)
    return [(dict(over), names) for over, names in groups.items()]


def expected(benchmarks, overrides, names):
    """Every (benchmark, params) the group's run must report."""
    out = set()
    for name in names:
        params = benchmarks[name]
        keys = sorted(params)
        choices = [[overrides[k]] if k in overrides else params[k] for k in keys]
        for combo in itertools.product(*choices):
            out.add((name, tuple(zip(keys, combo))))
    return out


def reported(json_path):
    """(benchmark, params) with a finite score in a JMH JSON result file."""
    if not os.path.exists(json_path) or os.path.getsize(json_path) == 0:
        return set()
    with open(json_path) as f:
        runs = json.load(f)
    got = set()
    for r in runs:
        score = r["primaryMetric"]["score"]
        if isinstance(score, (int, float)) and math.isfinite(score):
            got.add((r["benchmark"], tuple(sorted(r.get("params", {}).items()))))
    return got


def label(key):
    name, params = key
    return name + (" (" + ", ".join(f"{k}={v}" for k, v in params) + ")" if params else "")


def failure_excerpts(log_text, lines=4):
    """Per '<failure>' JMH wrote ('Iteration   1: <failure>'): the benchmark, its parameters and
    the first lines of the exception."""
    text = log_text.splitlines()
    out, bench, params = [], "?", ""
    for i, line in enumerate(text):
        if line.startswith("# Benchmark: "):
            bench = line[len("# Benchmark: "):]
        elif line.startswith("# Parameters: "):
            params = " " + line[len("# Parameters: "):]
        elif line.rstrip().endswith("<failure>"):
            trace = [l for l in text[i + 1:i + 40] if l.strip()][:lines]
            out.append("\n".join(["  " + bench + params] + ["    " + l.strip() for l in trace]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--java", required=True)
    ap.add_argument("--jvm-config", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--out", required=True, help="folder for the JSON results and logs")
    a = ap.parse_args()
    jvm = [a.java, "@" + a.jvm_config, "-jar", a.jar]
    listing = subprocess.run(jvm + ["-lp"], capture_output=True, text=True)
    benchmarks = parse_list(listing.stdout)
    if listing.returncode != 0 or not benchmarks:
        print(f"jmh_smoke: could not list the benchmarks of {a.jar} (exit {listing.returncode}):\n"
              f"{listing.stderr.strip()}", file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    total, failed = 0, []
    for g, (overrides, names) in enumerate(plan(benchmarks)):
        want = expected(benchmarks, overrides, names)
        total += len(want)
        json_path = os.path.join(a.out, f"smoke-{g}.json")
        log_path = os.path.join(a.out, f"smoke-{g}.log")
        regex = "^(" + "|".join(re.escape(n) for n in names) + ")$"
        cmd = jvm + ["-jvmArgsPrepend", "@" + a.jvm_config] + RUN
        for p, v in sorted(overrides.items()):
            cmd += ["-p", f"{p}={v}"]
        cmd += ["-rf", "json", "-rff", json_path, regex]
        print(f"jmh_smoke: {len(want)} runs of {', '.join('.'.join(n.split('.')[-2:]) for n in names)}"
              + (f" with {', '.join(f'{p}={v}' for p, v in sorted(overrides.items()))}" if overrides else ""),
              flush=True)
        with open(log_path, "w") as log:
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT).returncode
        missing = sorted(want - reported(json_path))
        if missing or rc != 0:
            failed.append((log_path, rc, missing))
    if not failed:
        print(f"jmh_smoke: all {total} benchmark runs passed (timings not checked; results in {a.out})")
        return 0
    for log_path, rc, missing in failed:
        print(f"jmh_smoke: FAILED (JMH exit {rc}; JMH goes on after a failing benchmark), log {log_path}:", file=sys.stderr)
        for key in missing:
            print(f"  no score: {label(key)}", file=sys.stderr)
        with open(log_path, errors="replace") as f:
            excerpts = failure_excerpts(f.read())
        for excerpt in excerpts:
            print(excerpt, file=sys.stderr)
    print(f"jmh_smoke: {sum(len(m) for _, _, m in failed)} of {total} benchmark runs failed", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
