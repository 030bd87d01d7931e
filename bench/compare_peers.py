#!/usr/bin/env python3
"""Helpers of bench/compare-peers: data preparation, scikit-learn's Barnes-Hut TSNE, result
parsing and the summary. Standard settings: ../shared/data/README.md.

  prepare DATA LABELS N OUTDIR THREADS ENGINES
                                 first N rows -> OUTDIR/X.npy (float32), labels.npy (int32),
                                 X.f32 (raw little-endian float32, row-major, for R),
                                 init.f64 (the PCA init for Rtsne, raw float64, row-major),
                                 facts.json (machine and versions)
  sklearn OUTDIR THREADS         TSNE(method='barnes_hut') at the standard settings; writes
                                 OUTDIR/sklearn.npy, prints one JSON line (last line of stdout)
  vtsne OUTDIR WALL [TIMEFILE]   parses OUTDIR/vtsne.err (the CLI's 'done:'/'time:' lines)
                                 -> OUTDIR/run-0-vtsne.json
  rtsne OUTDIR WALL [TIMEFILE]   OUTDIR/rtsne.csv -> rtsne.npy; OUTDIR/rtsne.out -> run-2-rtsne.json
  sklearn-json OUTDIR WALL [TIMEFILE]   OUTDIR/sklearn.out -> run-1-sklearn.json
  judged RUNJSON JUDGEJSON       merges the judge's line into the run's JSON
  summary OUTDIR                 prints the table
"""
import glob
import inspect
import json
import os
import platform
import re
import subprocess
import sys
import time

import numpy as np

PERPLEXITY = 30.0
ITERATIONS = 750
EXAGGERATION = 12.0
EXAGGERATION_ITERS = 250
THETA = 0.5
SEED = 42


def bhtsne_learning_rate(n):
    """The standard learning rate, bhtsne/FIt-SNE/openTSNE convention (vtsne's, Rtsne's eta)."""
    return max(200.0, n / 12.0)


def pca_init(x):
    """Exact PCA (covariance eigendecomposition, float64) onto 2 axes, each axis' largest loading
    made positive, scaled so that the first column has standard deviation 1e-4 (as sklearn's
    init='pca' and vtsne's default init)."""
    x = np.asarray(x, dtype=np.float64)
    xc = x - x.mean(axis=0)
    cov = xc.T @ xc / (x.shape[0] - 1)
    w, v = np.linalg.eigh(cov)
    v = v[:, np.argsort(w)[::-1][:2]]
    for c in range(2):
        if v[np.argmax(np.abs(v[:, c])), c] < 0:
            v[:, c] = -v[:, c]
    y = xc @ v
    return y / np.std(y[:, 0]) * 1e-4


def _cmd(args):
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=60)
        return (r.stdout + r.stderr).strip()
    except Exception as e:  # noqa: BLE001 - a missing tool is a fact too
        return f"unavailable ({e.__class__.__name__})"


def machine_facts(root):
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem_gib = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java")
    jv = _cmd([java, "-version"]).splitlines()
    facts = {
        "cpu": cpu, "cores": os.cpu_count(), "mem_gib": mem_gib,
        "kernel": platform.release(),
        "load_avg_at_start": list(os.getloadavg()),
        "java": next((l for l in jv if "version" in l), jv[0] if jv else "?"),
        "python": platform.python_version(), "numpy": np.__version__,
        "git": _cmd(["git", "-C", root, "rev-parse", "--short=12", "HEAD"]),
        "git_dirty": bool(_cmd(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"])),
    }
    try:
        import sklearn
        import scipy
        facts["sklearn"], facts["scipy"] = sklearn.__version__, scipy.__version__
    except ImportError:
        facts["sklearn"] = "missing"
    r = _cmd(["Rscript", "-e", "cat(R.version.string, '|', tryCatch(as.character("
              "packageVersion('Rtsne')), error=function(e) 'missing'))"])
    if "|" in r:
        facts["R"], facts["Rtsne"] = [s.strip() for s in r.splitlines()[-1].split("|", 1)]
    else:
        facts["R"], facts["Rtsne"] = r, "?"
    return facts


def prepare(data, labels, n, outdir, threads="2", engines=""):
    n = int(n)
    x = np.load(data, mmap_mode="r")
    lab = np.load(labels, mmap_mode="r")
    if n <= 0 or n > x.shape[0]:
        n = x.shape[0]
    x = np.ascontiguousarray(x[:n], dtype=np.float32)
    lab = np.ascontiguousarray(lab[:n]).astype(np.int32)
    os.makedirs(outdir, exist_ok=True)
    np.save(os.path.join(outdir, "X.npy"), x)
    np.save(os.path.join(outdir, "labels.npy"), lab)
    x.astype("<f4").tofile(os.path.join(outdir, "X.f32"))
    pca_init(x).astype("<f8").tofile(os.path.join(outdir, "init.f64"))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    facts = machine_facts(root)
    facts.update({"n": n, "d": int(x.shape[1]), "data": os.path.abspath(data),
                  "threads": int(threads), "engines": engines})
    with open(os.path.join(outdir, "facts.json"), "w") as fh:
        json.dump(facts, fh, indent=1)
    print(f"{n} {x.shape[1]}")
    print(f"prepared {n} x {x.shape[1]} from {data}", file=sys.stderr)


def run_sklearn(outdir, threads):
    import sklearn
    from sklearn.manifold import TSNE

    x = np.load(os.path.join(outdir, "X.npy")).astype(np.float64)
    n = x.shape[0]
    params = inspect.signature(TSNE.__init__).parameters
    # sklearn renamed n_iter to max_iter in 1.5 (n_iter removed in 1.7): use whichever exists.
    iters = {"max_iter": ITERATIONS} if "max_iter" in params else {"n_iter": ITERATIONS}
    # sklearn's gradient keeps the factor 4 that bhtsne drops: its rate is 4x smaller for the
    # same step. 1.2's 'auto' is max(N / early_exaggeration / 4, 50) = max(N/48, 50): the same
    # value for these settings, passed explicitly so that other versions agree.
    lr = bhtsne_learning_rate(n) / 4.0
    kw = dict(
        n_components=2, perplexity=PERPLEXITY,
        early_exaggeration=EXAGGERATION,   # sklearn's fixed 250 exploration iterations, momentum 0.5
        learning_rate=lr,
        n_iter_without_progress=100000,    # no early stop: all 750 iterations run
        min_grad_norm=0.0,
        metric="euclidean",
        init="pca",                        # randomized PCA, scaled to std 1e-4 on the first axis
        method="barnes_hut", angle=THETA,
        random_state=SEED, n_jobs=int(threads), verbose=2,
        **iters,
    )
    t = TSNE(**kw)
    t0 = time.perf_counter()
    y = t.fit_transform(x)
    secs = time.perf_counter() - t0
    np.save(os.path.join(outdir, "sklearn.npy"), y.astype(np.float32))
    sys.stdout.flush()
    print(json.dumps({
        "engine": "sklearn", "version": sklearn.__version__, "n": int(n), "threads": int(threads),
        "fit_seconds": round(secs, 4), "iterations": int(t.n_iter_) + 1,
        "learning_rate": lr, "learning_rate_convention": "sklearn (4x smaller than bhtsne's)",
        "kl": float(t.kl_divergence_), "iter_param": list(iters)[0],
    }))


def cpu_seconds(timefile):
    """User + system CPU seconds from GNU time -v output (None if not available)."""
    if not timefile or not os.path.exists(timefile):
        return None
    t = 0.0
    for line in open(timefile):
        if "User time (seconds)" in line or "System time (seconds)" in line:
            t += float(line.rsplit(":", 1)[1])
    return round(t, 2)


def peak_rss_mb(timefile):
    """Maximum resident set size from GNU time -v output, in MiB (None if not available)."""
    if not timefile or not os.path.exists(timefile):
        return None
    for line in open(timefile):
        if "Maximum resident set size" in line:
            return round(int(line.rsplit(":", 1)[1]) / 1024.0, 1)
    return None


TIME_RE = re.compile(r"([a-zA-Z][a-zA-Z _-]*?)\s+([0-9.]+)\s*s\b")


def parse_vtsne_err(text):
    """The CLI's stderr: the 'done: ...' line (KL), the 'time: ...' split, the method line."""
    r = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("done:"):
            r["done_line"] = line
            m = re.search(r"KL\s+([-+0-9.eE]+)", line)
            if m:
                r["kl"] = float(m.group(1))
            m = re.search(r"kernels\s+(\S+)", line)
            if m:
                r["kernels"] = m.group(1)
            m = re.search(r"(\d+)\s+iterations", line)
            if m:
                r["iterations"] = int(m.group(1))
        elif line.startswith("time:"):
            r["time_line"] = line
            r["split"] = {k.strip(): float(v) for k, v in TIME_RE.findall(line[5:])}
        elif line.startswith("method "):
            r["method_line"] = line
        elif line.startswith("vtsne:") and "points" in line:
            r["header_line"] = line
    return r


def vtsne_json(outdir, wall, timefile=None):
    text = open(os.path.join(outdir, "vtsne.err"), errors="replace").read()
    r = {"engine": "vtsne"}
    r.update(parse_vtsne_err(text))
    if "split" not in r:
        sys.exit("compare-peers: no 'time:' line in vtsne's stderr (see vtsne.err)")
    r["fit_seconds"] = r["split"].get("total")
    r["wall_seconds"] = float(wall)
    r["peak_rss_mb"] = peak_rss_mb(timefile)
    r["cpu_seconds"] = cpu_seconds(timefile)
    r["npy"] = "vtsne.npy"
    with open(os.path.join(outdir, "run-0-vtsne.json"), "w") as fh:
        json.dump(r, fh)
    print(json.dumps(r))


def sklearn_json(outdir, wall, timefile=None):
    text = open(os.path.join(outdir, "sklearn.out"), errors="replace").read()
    r = json.loads([l for l in text.splitlines() if l.startswith("{")][-1])
    # verbose=2: '[t-SNE] Computed neighbors for N samples in X.XXXs...' and per 50 iterations
    # '(50 iterations in X.XXXs)'
    m = re.search(r"Computed neighbors for \d+ samples in ([0-9.]+)s", text)
    split = {}
    if m:
        split["knn"] = float(m.group(1))
    its = [float(v) for v in re.findall(r"iterations in ([0-9.]+)s\)", text)]
    if its:
        split["optimize"] = round(sum(its), 3)
    if split:
        split["other (P, PCA init)"] = round(r["fit_seconds"] - sum(split.values()), 3)
    r["split"] = split
    r["wall_seconds"] = float(wall)
    r["peak_rss_mb"] = peak_rss_mb(timefile)
    r["cpu_seconds"] = cpu_seconds(timefile)
    r["npy"] = "sklearn.npy"
    with open(os.path.join(outdir, "run-1-sklearn.json"), "w") as fh:
        json.dump(r, fh)
    print(json.dumps(r))


def rtsne_json(outdir, wall, timefile=None):
    text = open(os.path.join(outdir, "rtsne.out"), errors="replace").read()
    r = json.loads([l for l in text.splitlines() if l.startswith("{")][-1])
    y = np.loadtxt(os.path.join(outdir, "rtsne.csv"), delimiter=",", dtype=np.float64, ndmin=2)
    np.save(os.path.join(outdir, "rtsne.npy"), y.astype(np.float32))
    # verbose=TRUE: 'Done in X seconds (sparsity = ...)!' after the similarities,
    # 'Fitting performed in X seconds.'
    split = {}
    m = re.search(r"Done in ([0-9.]+) seconds \(sparsity", text)
    if m:
        split["knn + affinities (CPU)"] = float(m.group(1))
    m = re.search(r"Fitting performed in ([0-9.]+) seconds", text)
    if m:
        split["optimize (CPU)"] = float(m.group(1))
    r["split"] = split
    r["wall_seconds"] = float(wall)
    r["peak_rss_mb"] = peak_rss_mb(timefile)
    r["cpu_seconds"] = cpu_seconds(timefile)
    r["npy"] = "rtsne.npy"
    with open(os.path.join(outdir, "run-2-rtsne.json"), "w") as fh:
        json.dump(r, fh)
    print(json.dumps(r))


def judged(run_json, judge_json):
    with open(run_json) as fh:
        r = json.load(fh)
    lines = [l for l in open(judge_json).read().splitlines() if l.startswith("{")]
    r["judge"] = json.loads(lines[-1]) if lines else {"error": "no judge output"}
    with open(run_json, "w") as fh:
        json.dump(r, fh)


def _f(v, fmt, width):
    if v is None or (isinstance(v, float) and v != v):
        return f"{'-':>{width}s}"
    return f"{v:{width}{fmt}}"


def summary(outdir):
    runs = []
    for f in sorted(glob.glob(os.path.join(outdir, "run-*.json"))):
        with open(f) as fh:
            runs.append(json.load(fh))
    facts = {}
    if os.path.exists(os.path.join(outdir, "facts.json")):
        facts = json.load(open(os.path.join(outdir, "facts.json")))
    n = facts.get("n", runs[0].get("n") if runs else "?")
    threads = runs[0].get("threads", facts.get("threads", "?")) if runs else "?"
    print(f"t-SNE peers on {os.path.basename(facts.get('data', '?'))}, N = {n}, "
          f"{facts.get('threads', threads)} thread(s), standard settings "
          f"(perplexity 30, 750 iterations, exaggeration 12 for 250, momentum 0.5 -> 0.8 at 250, "
          f"learning rate max(200, N/12) = {bhtsne_learning_rate(int(n)) if str(n).isdigit() else '?'} "
          f"(bhtsne convention), PCA init at std 1e-4, theta 0.5)")
    vt = next((r for r in runs if r["engine"] == "vtsne"), None)
    print()
    print(f"{'engine':8s} {'wall s':>9s} {'fit s':>9s} {'wall/vt':>8s} {'fit/vt':>8s} "
          f"{'own KL':>9s} {'judge KL':>9s} {'10NN pres':>9s} {'10NN acc':>9s} {'peak MiB':>9s} {'cpu s':>8s}")
    for r in runs:
        j = r.get("judge", {})
        wr = fr = None
        if vt and vt.get("wall_seconds") and r.get("wall_seconds") is not None:
            wr = r["wall_seconds"] / vt["wall_seconds"]
        if vt and vt.get("fit_seconds") and r.get("fit_seconds") is not None:
            fr = r["fit_seconds"] / vt["fit_seconds"]
        print(f"{r['engine']:8s} {_f(r.get('wall_seconds'), '.2f', 9)} {_f(r.get('fit_seconds'), '.2f', 9)} "
              f"{_f(wr, '.2f', 8)} {_f(fr, '.2f', 8)} {_f(r.get('kl'), '.4f', 9)} "
              f"{_f(j.get('kl'), '.4f', 9)} {_f(j.get('knn_preservation_10'), '.4f', 9)} "
              f"{_f(j.get('knn_acc_10'), '.4f', 9)} {_f(r.get('peak_rss_mb'), '.0f', 9)} "
              f"{_f(r.get('cpu_seconds'), '.1f', 8)}")
    if runs and runs[0].get("judge", {}).get("knn_acc_10_input") is not None:
        print(f"{'(input)':8s} {'':>9s} {'':>9s} {'':>8s} {'':>8s} {'':>9s} {'':>9s} {'':>9s} "
              f"{runs[0]['judge']['knn_acc_10_input']:9.4f}   <- 10-NN accuracy in the input space")
    print()
    print("wall = the whole process (start, reading, fit, writing); fit = the engine's own fit "
          "(vtsne: the CLI's 'total'; sklearn: fit_transform; Rtsne: the Rtsne() call).")
    print("peak MiB = maximum resident set size, cpu s = user + system CPU seconds of the whole "
          "process (GNU time -v); cpu s well below threads x wall means the machine was busy.")
    print("x/vt = the engine's time over vtsne's (> 1: vtsne is faster). own KL = what the engine "
          "reports (vtsne, Rtsne, sklearn-BH: over their approximate P and Z); judge KL = quality.py, "
          "exact Z, P from 90 exact neighbours.")
    if vt:
        print()
        print(f"vtsne {vt.get('time_line', '')}")
        if vt.get("method_line"):
            print(f"vtsne {vt['method_line']}")
        if vt.get("done_line"):
            print(f"vtsne {vt['done_line']}")
    for r in runs:
        if r["engine"] != "vtsne" and r.get("split"):
            s = ", ".join(f"{k} {v:.2f} s" for k, v in r["split"].items())
            note = ("CPU seconds summed over threads: bhtsne's clock()" if r["engine"] == "rtsne"
                    else "wall seconds")
            print(f"{r['engine']} own split: {s} (from its verbose output; {note})")
    print()
    for r in runs:
        if r["engine"] == "sklearn":
            print(f"sklearn: TSNE(method='barnes_hut', angle=0.5, init='pca', learning_rate="
                  f"{r.get('learning_rate')} (sklearn convention = bhtsne's / 4), {r.get('iter_param')}=750, "
                  f"early_exaggeration=12, min_grad_norm=0, n_iter_without_progress=100000, "
                  f"n_jobs={r.get('threads')}), OMP_NUM_THREADS={r.get('threads')}; "
                  f"{r.get('iterations')} iterations run")
        if r["engine"] == "rtsne":
            print(f"Rtsne: Rtsne(theta=0.5, perplexity=30, max_iter=750, eta={r.get('eta')}, "
                  f"exaggeration_factor=12, stop_lying_iter=250, mom_switch_iter=250, momentum=0.5, "
                  f"final_momentum=0.8, pca=FALSE, normalize=FALSE, check_duplicates=FALSE, "
                  f"num_threads={r.get('threads')}, Y_init = exact PCA of X computed in Python, "
                  f"scaled to std 1e-4 of the first column)")
    if facts:
        print()
        print(f"machine: {facts.get('cpu')}, {facts.get('cores')} cores, {facts.get('mem_gib')} GiB; "
              f"load average at start {', '.join(f'{v:.2f}' for v in facts.get('load_avg_at_start', []))}")
        print(f"versions: {facts.get('java')}; python {facts.get('python')}, numpy {facts.get('numpy')}, "
              f"scipy {facts.get('scipy')}, scikit-learn {facts.get('sklearn')}; {facts.get('R')}, "
              f"Rtsne {facts.get('Rtsne')}; vtsne git {facts.get('git')}"
              f"{' (uncommitted changes)' if facts.get('git_dirty') else ''}")


if __name__ == "__main__":
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == "prepare":
        prepare(*a[:6])
    elif cmd == "sklearn":
        run_sklearn(a[0], a[1])
    elif cmd == "vtsne":
        vtsne_json(*a[:3])
    elif cmd == "sklearn-json":
        sklearn_json(*a[:3])
    elif cmd == "rtsne":
        rtsne_json(*a[:3])
    elif cmd == "judged":
        judged(a[0], a[1])
    elif cmd == "summary":
        summary(a[0])
    else:
        sys.exit(f"unknown command {cmd}")
