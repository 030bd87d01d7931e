#!/usr/bin/env python3
"""Helpers of bench/scale-1m: the seeded Gaussian mixture, a sampled quality estimate, the summary.

  generate N DIR [SEED]          DIR/X.npy (N x 50 float32, C order) and DIR/labels.npy (int32):
                                 20 clusters, rows shuffled (so any row prefix is a random sample);
                                 skipped when DIR already holds them for this N and seed
  judge X.npy LABELS Y.npy M THREADS [SEED]
                                 10-NN preservation and 10-NN accuracy of the WHOLE embedding,
                                 estimated on M random query points: each query's 10 exact nearest
                                 other points among all N rows of X (blocked, float64) and of Y
                                 (k-d tree); prints one JSON line
  facts OUTDIR                   machine facts and versions -> OUTDIR/facts.json (before the run)
  run-json OUTDIR WALL N DIM THREADS METHOD JAVA_OPTS DATA_SEED ITERATIONS JUDGE_NOTE
                                 parses vtsne.err and gc.log -> OUTDIR/run.json
  summary OUTDIR                 prints the summary from OUTDIR/run.json (+ judge.json, quality.json)

The mixture (seed S, numpy default_rng): 20 centres drawn N(0, 0.7^2 I_50); each cluster's
covariance A A^T with A = Q diag(s), Q a random orthogonal matrix, s log-uniform in [0.25, 2.5]
(anisotropic, some directions 10x wider than others); cluster weights from a Dirichlet(5, ..., 5).
"""
import json
import os
import sys
import time

# the judge parallelizes over query blocks itself: one BLAS thread per worker
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402

DIM = 50
CLUSTERS = 20
CENTRE_STD = 0.7  # clusters overlap a little: 10-NN accuracy in X about 0.99, not 1


def generate(n, outdir, seed=0):
    n, seed = int(n), int(seed)
    os.makedirs(outdir, exist_ok=True)
    xf, lf = os.path.join(outdir, "X.npy"), os.path.join(outdir, "labels.npy")
    meta = os.path.join(outdir, "mixture.json")
    want = {"n": n, "dim": DIM, "clusters": CLUSTERS, "seed": seed, "version": 2}
    if os.path.exists(xf) and os.path.exists(lf) and os.path.exists(meta):
        if json.load(open(meta)) == want:
            print(f"mixture: reusing {xf}", file=sys.stderr)
            return
    t0 = time.time()
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, CENTRE_STD, size=(CLUSTERS, DIM))
    weights = rng.dirichlet(np.full(CLUSTERS, 5.0))
    counts = rng.multinomial(n, weights)
    perm = rng.permutation(n)  # row perm[i] of the unshuffled stack goes to position i
    x = np.lib.format.open_memmap(xf + ".tmp.npy", mode="w+", dtype=np.float32, shape=(n, DIM))
    labels = np.empty(n, dtype=np.int32)
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)  # destination of each unshuffled row
    start = 0
    for c in range(CLUSTERS):
        q, _ = np.linalg.qr(rng.normal(size=(DIM, DIM)))
        s = np.exp(rng.uniform(np.log(0.25), np.log(2.5), size=DIM))
        a = q * s  # Q diag(s)
        m = int(counts[c])
        for b0 in range(0, m, 1 << 16):
            b1 = min(m, b0 + (1 << 16))
            z = rng.normal(size=(b1 - b0, DIM))
            rows = inv[start + b0:start + b1]
            x[rows] = (z @ a.T + centres[c]).astype(np.float32)
            labels[rows] = c
        start += m
    x.flush()
    del x
    os.replace(xf + ".tmp.npy", xf)
    np.save(lf, labels)
    json.dump(want, open(meta, "w"))
    print(f"mixture: {n} x {DIM}, {CLUSTERS} clusters (sizes {counts.min()}..{counts.max()}), "
          f"seed {seed}, {time.time() - t0:.1f} s -> {outdir}", file=sys.stderr)


def _sorted_knn(cand, d, self_idx, k):
    """Drop self, order by (distance, index), keep k (the judge's tie rule)."""
    keep = cand != self_idx
    c, dd = cand[keep], d[keep]
    return c[np.lexsort((c, dd))][:k]


def _knn_acc(lab_nbrs, truth):
    """Majority label of the neighbours (sorted by distance); a tie goes to the tied label whose
    nearest member comes first, as quality.py."""
    ok = 0
    for row, t in zip(lab_nbrs, truth):
        vals, counts = np.unique(row, return_counts=True)
        tied = vals[counts == counts.max()]
        pred = row[np.isin(row, tied)][0]
        ok += int(pred == t)
    return ok / len(truth)


def judge(xfile, lfile, yfile, m, threads, seed=0, k=10):
    from concurrent.futures import ThreadPoolExecutor

    from scipy.spatial import cKDTree

    t0 = time.time()
    x = np.load(xfile, mmap_mode="r")
    y = np.load(yfile).astype(np.float64)
    n = y.shape[0]
    # float32 for the candidate search (the expansion, half the memory traffic of float64), a
    # margin of spare candidates, then exact float64 distances of the candidates
    x = np.ascontiguousarray(x[:n], dtype=np.float32)
    labels = np.load(lfile)[:n].astype(np.int64)
    m = min(int(m), n)
    q = np.sort(np.random.default_rng(int(seed)).choice(n, size=m, replace=False))
    sq = np.einsum("ij,ij->i", x, x, dtype=np.float64).astype(np.float32)
    kk = min(n, k + 1 + 16)
    in_idx = np.empty((m, k), dtype=np.int64)
    block = max(1, min(64, (256 << 20) // (4 * n)))  # <= 256 MiB of distances per block

    def work(b0):
        b1 = min(m, b0 + block)
        rows = q[b0:b1]
        g = x[rows] @ x.T
        g *= -2.0
        g += sq[rows, None]
        g += sq[None, :]
        cand = np.argpartition(g, kk - 1, axis=1)[:, :kk]
        del g
        diff = x[cand].astype(np.float64) - x[rows, None, :].astype(np.float64)
        d = np.einsum("ijk,ijk->ij", diff, diff)
        for r in range(b1 - b0):
            in_idx[b0 + r] = _sorted_knn(cand[r], d[r], rows[r], k)

    with ThreadPoolExecutor(int(threads)) as ex:
        list(ex.map(work, range(0, m, block)))
    t_x = time.time()
    tree = cKDTree(y)
    dd, ii = tree.query(y[q], k=min(n, k + 1), workers=int(threads))
    emb_idx = np.array([_sorted_knn(ii[r], dd[r], q[r], k) for r in range(m)])
    both = np.sort(np.concatenate([in_idx, emb_idx], axis=1), axis=1)
    overlap = (both[:, 1:] == both[:, :-1]).sum(axis=1)
    out = {
        "n": int(n), "sample": int(m), "seed": int(seed), "k": k,
        f"knn_preservation_{k}": round(float(overlap.mean() / k), 6),
        f"knn_preservation_{k}_stderr": round(float(overlap.std(ddof=1) / k / np.sqrt(m)), 6) if m > 1 else None,
        f"knn_acc_{k}": round(_knn_acc(labels[emb_idx], labels[q]), 6),
        f"knn_acc_{k}_input": round(_knn_acc(labels[in_idx], labels[q]), 6),
        "method": f"{m} random query points; their exact {k} nearest other points among all {n} "
                  f"rows of X (float32 search, float64 distances) and of Y (k-d tree)",
        "seconds_input_knn": round(t_x - t0, 2), "seconds": round(time.time() - t0, 2),
    }
    print(json.dumps(out))


def summary(outdir):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from compare_peers import cpu_seconds, peak_rss_mb

    r = json.load(open(os.path.join(outdir, "run.json")))
    facts = r.get("facts", {})
    print(f"vtsne scale: {r['n']:,} points x {r['dim']} dims (seeded Gaussian mixture, "
          f"{CLUSTERS} clusters, seed {r['data_seed']}), {r['iterations']} iterations, "
          f"{r['threads']} threads, --method {r['method']}, JVM options '{r['java_opts']}'")
    print()
    split = r.get("split", {})
    print(f"total wall (process)  {r['wall_seconds']:.1f} s")
    if "total" in split:
        print(f"total (CLI 'total')   {split['total']:.1f} s")
    tf = os.path.join(outdir, "vtsne.time")
    rss, cpu = peak_rss_mb(tf), cpu_seconds(tf)
    if rss is not None:
        print(f"peak RSS              {rss:,.0f} MiB ({rss / 1024:.2f} GiB)  (GNU time -v, whole JVM)")
    if r.get("gc_peak_heap_mb") is not None:
        print(f"peak heap in use      {r['gc_peak_heap_mb']:,.0f} MiB  (largest occupancy before a GC, "
              f"from -Xlog:gc; {r.get('gc_count', 0)} GCs; largest left after a GC "
              f"{r.get('gc_peak_live_mb') or 0:,.0f} MiB)")
    if cpu is not None:
        print(f"CPU (user + sys)      {cpu:.1f} s  ({cpu / max(r['wall_seconds'], 1e-9):.2f} cores busy on average)")
    print(f"vtsne {r.get('time_line', '(no time line)')}")
    if r.get("done_line"):
        print(f"vtsne {r['done_line']}")
    if r.get("method_line"):
        print(f"vtsne {r['method_line']}")
    print()
    jf = os.path.join(outdir, "judge.json")
    if os.path.exists(jf):
        j = json.load(open(jf))
        print(f"quality (sampled): 10-NN preservation {j['knn_preservation_10']:.4f} "
              f"(± {j['knn_preservation_10_stderr']:.4f} s.e.), 10-NN accuracy {j['knn_acc_10']:.4f} "
              f"(input space {j['knn_acc_10_input']:.4f}); {j['method']}; {j['seconds']:.0f} s")
    qf = os.path.join(outdir, "quality.json")
    if os.path.exists(qf):
        qj = json.load(open(qf))
        print(f"quality.py (whole embedding, exact): KL {qj['kl']:.4f}, 10-NN preservation "
              f"{qj['knn_preservation_10']:.4f}, 10-NN accuracy {qj['knn_acc_10']:.4f}")
    else:
        print(f"quality.py (exact KL): {r.get('judge_skipped', 'not run')}")
    if facts:
        print()
        print(f"machine: {facts.get('cpu')}, {facts.get('cores')} cores, {facts.get('mem_gib')} GiB; "
              f"load average at start {', '.join(f'{v:.2f}' for v in facts.get('load_avg_at_start', []))}")
        print(f"versions: {facts.get('java')}; python {facts.get('python')}, numpy {facts.get('numpy')}; "
              f"vtsne git {facts.get('git')}{' (uncommitted changes)' if facts.get('git_dirty') else ''}")


def run_json(outdir, wall, n, dim, threads, method, java_opts, data_seed, iterations, judge_note):
    """Parses OUTDIR/vtsne.err and OUTDIR/gc.log into OUTDIR/run.json."""
    import re
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from compare_peers import parse_vtsne_err

    r = {"n": int(n), "dim": int(dim), "threads": int(threads), "method": method,
         "java_opts": java_opts, "data_seed": int(data_seed), "iterations": int(iterations),
         "wall_seconds": float(wall)}
    r.update(parse_vtsne_err(open(os.path.join(outdir, "vtsne.err"), errors="replace").read()))
    gc = os.path.join(outdir, "gc.log")
    if os.path.exists(gc):
        pairs = [re.search(r"\s(\d+)([KMG])->(\d+)([KMG])\(", l) for l in open(gc)]
        unit = {"K": 1 / 1024, "M": 1, "G": 1024}
        pairs = [(int(m.group(1)) * unit[m.group(2)], int(m.group(3)) * unit[m.group(4)])
                 for m in pairs if m]
        r["gc_count"] = len(pairs)
        r["gc_peak_heap_mb"] = max(p[0] for p in pairs) if pairs else None
        r["gc_peak_live_mb"] = max(p[1] for p in pairs) if pairs else None
    if judge_note:
        r["judge_skipped"] = judge_note
    ff = os.path.join(outdir, "facts.json")
    r["facts"] = json.load(open(ff)) if os.path.exists(ff) else {}
    json.dump(r, open(os.path.join(outdir, "run.json"), "w"), indent=1)


def facts(outdir):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from compare_peers import machine_facts

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(outdir, exist_ok=True)
    json.dump(machine_facts(root), open(os.path.join(outdir, "facts.json"), "w"), indent=1)


if __name__ == "__main__":
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == "generate":
        generate(*a[:3])
    elif cmd == "judge":
        judge(*a[:6])
    elif cmd == "run-json":
        run_json(*a[:10])
    elif cmd == "facts":
        facts(a[0])
    elif cmd == "summary":
        summary(a[0])
    else:
        sys.exit(f"unknown command {cmd}")
