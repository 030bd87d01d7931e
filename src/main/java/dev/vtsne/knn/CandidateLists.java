package dev.vtsne.knn;

import dev.vtsne.parallel.RowBlocks;

/**
 * One NN-descent round's sampled candidates: for each point, at most {@code m} "new" and
 * {@code m} "old" neighbours, taken from its own list and from the points that list it (the
 * reverse graph). Sampling is by a seeded hash of the unordered pair, a strict order with ties
 * broken by index, so which candidates are kept does not depend on the order they are met in;
 * each list is then sorted by index, so the local join's order is fixed as well.
 */
final class CandidateLists {

    final int m;
    final int[] newCand, oldCand;
    final int[] newCount, oldCount;

    CandidateLists(int n, int m) {
        this.m = m;
        this.newCand = new int[Math.multiplyExact(n, m)];
        this.oldCand = new int[Math.multiplyExact(n, m)];
        this.newCount = new int[n];
        this.oldCount = new int[n];
    }

    /**
     * Fills the lists from the current graph. Work is split by target point: each task scans
     * every edge and keeps those that land on its own targets, so no two tasks write one list.
     */
    void sample(int[][] idx, byte[][] flags, long roundSeed, RowBlocks pool) {
        int n = idx.length;
        int parts = pool.threads();
        int block = (n + parts - 1) / parts;
        pool.forEach(n, block, (a, b) -> {
            java.util.Arrays.fill(newCount, a, b, 0);
            java.util.Arrays.fill(oldCount, a, b, 0);
            for (int i = 0; i < n; i++) {
                int[] row = idx[i];
                byte[] fl = flags[i];
                boolean own = i >= a && i < b;
                for (int s = 0; s < row.length; s++) {
                    int j = row[s];
                    boolean isNew = fl[s] == NeighborHeap.NEW;
                    if (own) {
                        offer(i, j, isNew, roundSeed);
                    }
                    if (j >= a && j < b) {
                        offer(j, i, isNew, roundSeed);
                    }
                }
            }
            for (int t = a; t < b; t++) {
                java.util.Arrays.sort(newCand, t * m, t * m + newCount[t]);
                java.util.Arrays.sort(oldCand, t * m, t * m + oldCount[t]);
            }
        });
    }

    private void offer(int target, int j, boolean isNew, long roundSeed) {
        if (isNew) {
            newCount[target] = offer(newCand, newCount[target], target, j, roundSeed);
        } else {
            oldCount[target] = offer(oldCand, oldCount[target], target, j, roundSeed);
        }
    }

    /** A bounded max-heap on (priority, index) in {@code cand[target·m ..]}; returns the new count. */
    private int offer(int[] cand, int count, int target, int j, long roundSeed) {
        int base = target * m;
        long p = Hashing.pair(roundSeed, target, j);
        if (count == m && !worse(cand[base], Hashing.pair(roundSeed, target, cand[base]), j, p)) {
            return count;
        }
        for (int c = 0; c < count; c++) {
            if (cand[base + c] == j) {
                return count;
            }
        }
        if (count < m) {
            // sift up from the end
            int pos = count;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                int pj = cand[base + parent];
                if (!worse(j, p, pj, Hashing.pair(roundSeed, target, pj))) {
                    break;
                }
                cand[base + pos] = pj;
                pos = parent;
            }
            cand[base + pos] = j;
            return count + 1;
        }
        // replace the root and sift down
        int pos = 0;
        while (true) {
            int c = 2 * pos + 1;
            if (c >= m) {
                break;
            }
            int cj = cand[base + c];
            long cp = Hashing.pair(roundSeed, target, cj);
            if (c + 1 < m) {
                int c2 = cand[base + c + 1];
                long p2 = Hashing.pair(roundSeed, target, c2);
                if (worse(c2, p2, cj, cp)) {
                    c++;
                    cj = c2;
                    cp = p2;
                }
            }
            if (!worse(cj, cp, j, p)) {
                break;
            }
            cand[base + pos] = cj;
            pos = c;
        }
        cand[base + pos] = j;
        return count;
    }

    /** (j1, p1) ranks after (j2, p2): larger priority, ties by larger index. */
    private static boolean worse(int j1, long p1, int j2, long p2) {
        return p1 > p2 || (p1 == p2 && j1 > j2);
    }

    /** Whether j is among the sorted new candidates of {@code target}. */
    boolean isNewCandidate(int target, int j) {
        return java.util.Arrays.binarySearch(newCand, target * m, target * m + newCount[target], j) >= 0;
    }
}
