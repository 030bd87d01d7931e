#!/usr/bin/env python3
"""Compares the consumer's two maps: the module-path run (vector kernels) and the class-path run
(scalar twins). Usage: compare_maps.py MODULE.csv MODULE.out CLASSPATH.csv CLASSPATH.out
(the .csv files hold x,y per line, the fitted points first; the .out files the program's stdout).

Why not equal coordinates: the vector kernels (float lanes, polynomial exp) and the scalar twins
(double) differ in the last bits of each pair's terms, and 1000 t-SNE iterations amplify that into
a different arrangement inside each cluster (measured on AVX-512: points up to 7.7 apart on a map
38 across). What the two runs must share is what the optimization is for:
  * the cost reached: KL within 2 % (measured: 0.7477 vs 0.7501, 0.3 % apart);
  * the neighbourhoods: on average at least 40 % of each point's 10 nearest map neighbours are
    the same in both maps (measured: 63 %; two unrelated arrangements of a cluster of 100 points
    would share about 10 %, the chance that a cluster-mate is among 10 of 99).
Exit 0 when both hold, 1 otherwise (saying which).
"""
import math
import sys

K = 10
FITTED = 800  # the consumer's 8 clusters x 100 points; the held-out points follow


def coordinates(path):
    with open(path) as f:
        return [tuple(float(v) for v in line.split(",")) for line in f if line.strip()]


def kl(path):
    with open(path) as f:
        for line in f:
            if line.startswith("kl: "):
                return float(line[4:])
    sys.exit(f"compare_maps: no 'kl:' line in {path}")


def neighbours(points):
    out = []
    for i, p in enumerate(points):
        d = sorted((math.dist(p, q), j) for j, q in enumerate(points) if j != i)
        out.append({j for _, j in d[:K]})
    return out


def main(module_csv, module_out, cp_csv, cp_out):
    a, b = coordinates(module_csv)[:FITTED], coordinates(cp_csv)[:FITTED]
    if len(a) != FITTED or len(b) != FITTED:
        sys.exit(f"compare_maps: expected {FITTED} fitted points in each map, got {len(a)} and {len(b)}")
    kl_a, kl_b = kl(module_out), kl(cp_out)
    rel = abs(kl_a - kl_b) / max(kl_a, kl_b)
    na, nb = neighbours(a), neighbours(b)
    shared = sum(len(na[i] & nb[i]) for i in range(FITTED)) / (K * FITTED)
    print(f"compare_maps: KL {kl_a:.6f} (module path) vs {kl_b:.6f} (class path), {100 * rel:.2f} % apart (limit 2 %); "
          f"{K}-NN shared between the maps {100 * shared:.1f} % (at least 40 %)")
    failed = []
    if not rel <= 0.02:
        failed.append("the KL divergences differ by more than 2 %")
    if not shared >= 0.40:
        failed.append(f"the maps share fewer than 40 % of their {K}-NN")
    if failed:
        print("compare_maps: FAIL: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__.split("\n\n")[0])
    sys.exit(main(*sys.argv[1:]))
