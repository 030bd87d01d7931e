"""Tests of the JMH result tools on hand-made JMH JSON records (python3 -m unittest, stdlib only).
Run from the repository top: python3 -m unittest discover -s bench -p 'test_*.py'"""
import contextlib
import io
import json
import os
import tempfile
import unittest

import jmh_compare
import jmh_results
import jmh_smoke


def record(score, error, mode="thrpt", unit="ops/s", raw=None, warmups=1, bench="dev.vtsne.bench.XBench.run",
           **params):
    return {"benchmark": bench, "mode": mode, "params": {k: str(v) for k, v in params.items()},
            "warmupIterations": warmups, "warmupTime": "1 s",
            "primaryMetric": {"score": score, "scoreError": error, "scoreUnit": unit,
                              "rawData": [raw if raw is not None else [score]]}}


class CompareTest(unittest.TestCase):

    def verdict(self, base, now):
        return jmh_compare.compare(base, now, 0.10)

    def test_throughput_drop_beyond_threshold_and_error_bars_is_a_regression(self):
        ratio, apart, verdict, bad = self.verdict(record(100, 2), record(85, 2))
        self.assertTrue(bad, verdict)
        self.assertTrue(apart)
        self.assertAlmostEqual(ratio, 0.85)
        self.assertIn("17.6% slower", verdict)

    def test_average_time_rise_is_a_regression_and_a_fall_is_not(self):
        base = record(10, 0.5, mode="avgt", unit="ms/op")
        self.assertTrue(self.verdict(base, record(12, 0.5, mode="avgt", unit="ms/op"))[3])
        ratio, apart, verdict, bad = self.verdict(base, record(8, 0.5, mode="avgt", unit="ms/op"))
        self.assertFalse(bad)
        self.assertIn("faster 20.0%", verdict)

    def test_throughput_rise_is_no_regression(self):
        self.assertFalse(self.verdict(record(100, 2), record(130, 2))[3])

    def test_difference_inside_the_error_bars_is_noise(self):
        ratio, apart, verdict, bad = self.verdict(record(100, 15), record(80, 15))
        self.assertFalse(bad)
        self.assertFalse(apart)
        self.assertIn("noise", verdict)

    def test_significant_difference_under_the_threshold_is_no_regression(self):
        ratio, apart, verdict, bad = self.verdict(record(100, 1), record(95, 1))
        self.assertTrue(apart)
        self.assertFalse(bad)
        self.assertIn("under the threshold", verdict)

    def test_without_error_bars_the_threshold_alone_decides(self):
        ratio, apart, verdict, bad = self.verdict(record(100, "NaN"), record(80, "NaN"))
        self.assertIsNone(apart)
        self.assertTrue(bad)

    def test_machine_mismatch_warns_on_cpu_and_vector_and_notes_the_jdk(self):
        base = {"cpu": "AMD EPYC 9R45", "vector": "vector-512", "jdk": "25.0.3"}
        now = {"cpu": "Intel Xeon", "vector": "vector-256", "jdk": "25.0.4"}
        lines = jmh_compare.machine_warnings(base, now)
        self.assertTrue(any(l.startswith("WARNING: cpu differs") for l in lines), lines)
        self.assertTrue(any(l.startswith("WARNING: vector differs") for l in lines), lines)
        self.assertTrue(any(l.startswith("note: jdk differs") for l in lines), lines)
        same = jmh_compare.machine_warnings(base, dict(base))
        self.assertEqual(len(same), 1)
        self.assertTrue(same[0].startswith("machine: "), same)


class CompareMainTest(unittest.TestCase):

    def run_main(self, base, now, *flags):
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for name, runs in (("base.json", base), ("now.json", now)):
                paths.append(os.path.join(d, name))
                with open(paths[-1], "w") as f:
                    json.dump(runs, f)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                status = jmh_compare.main(paths + list(flags))
            return status, out.getvalue()

    def test_a_benchmark_missing_from_the_new_run_fails_only_with_fail_on_regression(self):
        base = [record(100, 1, n=1000), record(100, 1, n=4000)]
        now = [record(100, 1, n=1000)]
        self.assertEqual(self.run_main(base, now)[0], 0)
        status, text = self.run_main(base, now, "--fail-on-regression")
        self.assertEqual(status, 1)
        self.assertIn("missing from the new run", text)

    def test_figures_are_matched_by_their_parameters(self):
        base = [record(100, 1, n=1000), record(50, 1, n=4000)]
        now = [record(50, 1, n=4000), record(100, 1, n=1000)]
        status, text = self.run_main(base, now, "--fail-on-regression")
        self.assertEqual(status, 0, text)

    def test_the_threshold_option_moves_the_line(self):
        base, now = [record(100, 1)], [record(85, 1)]
        self.assertEqual(self.run_main(base, now, "--fail-on-regression")[0], 1)
        self.assertEqual(self.run_main(base, now, "--fail-on-regression", "--threshold", "20")[0], 0)


class WarmupTest(unittest.TestCase):

    def test_no_warmup_iteration_is_flagged(self):
        self.assertIn("no warm-up", jmh_results.warmup_problem(record(1, 0, warmups=0)))

    def test_a_slow_first_iteration_is_flagged_in_both_modes(self):
        self.assertIsNotNone(jmh_results.warmup_problem(record(90, 5, raw=[50, 100, 101])))
        self.assertIsNotNone(jmh_results.warmup_problem(record(13, 5, mode="avgt", unit="ms/op", raw=[20, 10, 10])))

    def test_steady_or_faster_first_iterations_are_not_flagged(self):
        self.assertIsNone(jmh_results.warmup_problem(record(100, 1, raw=[100, 101, 99])))
        self.assertIsNone(jmh_results.warmup_problem(record(100, 1, raw=[150, 100, 101])))
        self.assertIsNone(jmh_results.warmup_problem(record(10, 1, mode="avgt", unit="ms/op", raw=[5, 10, 10])))
        # slower by more than 10 % of the mean, but not slower than every later iteration: noise
        self.assertIsNone(jmh_results.warmup_problem(record(100, 1, raw=[80, 130, 70])))


LISTING = """Benchmarks:
dev.vtsne.bench.ABench.run
  param "impl" = {vector, scalar}
  param "n" = {10000, 1000, 4000}
  param "threads" = {1, 2}
dev.vtsne.bench.BBench.go
  param "n" = {1000, 4000}
  param "threads" = {1, 2}
  param "impl" = {vector, scalar}
dev.vtsne.bench.CBench.plain
"""


class SmokePlanTest(unittest.TestCase):

    def test_every_benchmark_runs_once_per_string_value_at_its_smallest_numbers(self):
        benchmarks = jmh_smoke.parse_list(LISTING)
        self.assertEqual(list(benchmarks), ["dev.vtsne.bench.ABench.run", "dev.vtsne.bench.BBench.go",
                                            "dev.vtsne.bench.CBench.plain"])
        groups = jmh_smoke.plan(benchmarks)
        self.assertEqual(len(groups), 2)
        want = set()
        for overrides, names in groups:
            want |= jmh_smoke.expected(benchmarks, overrides, names)
        self.assertEqual(len(want), 2 + 2 + 1)
        self.assertIn(("dev.vtsne.bench.ABench.run", (("impl", "scalar"), ("n", "1000"), ("threads", "1"))), want)
        self.assertIn(("dev.vtsne.bench.CBench.plain", ()), want)

    def test_a_failure_in_the_log_is_named_with_its_exception(self):
        log = "\n".join(["# Benchmark: dev.vtsne.bench.ABench.run", "# Parameters: (impl = vector, n = 1000)",
                         "", "Iteration   1: <failure>", "",
                         "java.lang.IllegalStateException: vector kernels not active",
                         "\tat dev.vtsne.bench.ABench.setup(ABench.java:41)", "",
                         "# Benchmark: dev.vtsne.bench.ABench.run", "# Parameters: (impl = scalar, n = 1000)",
                         "Iteration   1: 12.5 ops/s"])
        excerpts = jmh_smoke.failure_excerpts(log)
        self.assertEqual(len(excerpts), 1)
        self.assertIn("ABench.run (impl = vector, n = 1000)", excerpts[0])
        self.assertIn("IllegalStateException: vector kernels not active", excerpts[0])


if __name__ == "__main__":
    unittest.main()
