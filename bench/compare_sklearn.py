#!/usr/bin/env python3
"""sklearn side of bench/compare-sklearn, plus the shared data preparation and the summary.

  prepare CSV OUTDIR             digits csv(.gz) -> OUTDIR/X.npy (float32), OUTDIR/labels.npy (int32)
  sklearn OUTDIR LR THREADS      TSNE(method='exact') with vtsne's default schedule; prints one JSON
                                 line; writes OUTDIR/sklearn-lr<LR>.npy
  summary OUTDIR                 reads OUTDIR/*.json (engine runs, judge runs) and prints the table
"""
import glob
import inspect
import json
import os
import sys
import time

import numpy as np


def prepare(csv, outdir):
    data = np.loadtxt(csv, delimiter=",", dtype=np.float64)
    x = data[:, :-1].astype(np.float32)
    labels = data[:, -1].astype(np.int32)
    os.makedirs(outdir, exist_ok=True)
    np.save(os.path.join(outdir, "X.npy"), x)
    np.save(os.path.join(outdir, "labels.npy"), labels)
    print(f"prepared {x.shape[0]} x {x.shape[1]} from {csv}", file=sys.stderr)


def run_sklearn(outdir, lr, threads):
    import sklearn
    from sklearn.manifold import TSNE

    x = np.load(os.path.join(outdir, "X.npy"))
    params = inspect.signature(TSNE.__init__).parameters
    # sklearn renamed n_iter to max_iter in 1.5 (n_iter removed in 1.7): use whichever exists.
    iters = {"max_iter": 750} if "max_iter" in params else {"n_iter": 750}
    kw = dict(
        n_components=2,
        perplexity=30.0,
        early_exaggeration=12.0,      # for the first 250 iterations (sklearn's fixed _EXPLORATION_N_ITER)
        learning_rate=float(lr),      # sklearn keeps the factor 4 of the gradient: see README
        n_iter_without_progress=100000,
        min_grad_norm=0.0,
        metric="euclidean",
        init="pca",                   # PCA scaled to std 1e-4 on the first axis, as vtsne
        method="exact",
        random_state=42,
        n_jobs=int(threads),
        **iters,
    )
    if "square_distances" in params and sklearn.__version__.startswith("1.1"):
        kw["square_distances"] = True
    t = TSNE(**kw)
    t0 = time.perf_counter()
    y = t.fit_transform(x.astype(np.float64))
    secs = time.perf_counter() - t0
    np.save(os.path.join(outdir, f"sklearn-lr{lr}.npy"), y.astype(np.float32))
    print(json.dumps({
        "engine": f"sklearn lr={lr}", "sklearn": sklearn.__version__, "n": int(x.shape[0]),
        "threads": int(threads), "fit_seconds": round(secs, 4),
        "iterations": int(t.n_iter_) + 1, "learning_rate": float(lr),
        "kl": float(t.kl_divergence_), "iter_param": list(iters)[0],
    }))


def summary(outdir):
    runs = []
    for f in sorted(glob.glob(os.path.join(outdir, "run-*.json"))):
        with open(f) as fh:
            runs.append(json.load(fh))
    vt = [r for r in runs if r["engine"] == "vtsne"]
    sk = [r for r in runs if r["engine"].startswith("sklearn")]
    print(f"{'engine':18s} {'fit s':>9s} {'wall s':>9s} {'own KL':>9s} {'judge KL':>9s} "
          f"{'kNN pres':>9s} {'kNN acc':>8s} {'iters':>5s}")
    for r in vt + sk:
        j = r.get("judge", {})
        print(f"{r['engine']:18s} {r['fit_seconds']:9.2f} {r.get('wall_seconds', float('nan')):9.2f} "
              f"{r['kl']:9.4f} {j.get('kl', float('nan')):9.4f} {j.get('knn_preservation_10', j.get('knn_preservation', float('nan'))):9.4f} "
              f"{j.get('knn_acc_10', j.get('knn_acc', float('nan'))):8.4f} {r.get('iterations', 0):5d}")
    if vt:
        v = vt[0]
        extra = f", warm fit {v['warm_fit_seconds']:.2f} s" if "warm_fit_seconds" in v else ""
        print(f"\nvtsne: {v['kernels']}, {v['threads']} thread(s), affinities {v['affinity_seconds']:.2f} s, "
              f"optimize {v['optimize_seconds']:.2f} s (cold JVM: JIT warm-up included{extra})")
    for s in sk:
        if not vt:
            break
        v = vt[0]
        ratio = s["fit_seconds"] / v["fit_seconds"]
        wratio = s.get("wall_seconds", float("nan")) / v.get("wall_seconds", float("nan"))
        jv, js = v.get("judge", {}).get("kl"), s.get("judge", {}).get("kl")
        own = v["kl"] / s["kl"] - 1
        line = (f"vtsne vs {s['engine']}: fit time ratio {ratio:.1f}x (wall {wratio:.1f}x); "
                f"KL (own) vtsne {v['kl']:.4f} vs {s['kl']:.4f} ({100 * own:+.2f} %)")
        if jv is not None and js is not None:
            jd = jv / js - 1
            line += f"; judge KL {jv:.4f} vs {js:.4f} ({100 * jd:+.2f} %)"
            ok = ratio >= 20 and jd <= 0.02
            line += f"  -> goal (>=20x, KL <= +2 %): {'MET' if ok else 'NOT MET'}"
        print(line)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif cmd == "sklearn":
        run_sklearn(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(f"unknown command {cmd}")
