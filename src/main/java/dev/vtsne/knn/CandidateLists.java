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
    /** The priorities of the kept candidates, beside them, so a heap step hashes nothing. */
    private final int[] newPri, oldPri;

    CandidateLists(int n, int m) {
        this.m = m;
        this.newCand = new int[Math.multiplyExact(n, m)];
        this.oldCand = new int[Math.multiplyExact(n, m)];
        this.newCount = new int[n];
        this.oldCount = new int[n];
        this.newPri = new int[Math.multiplyExact(n, m)];
        this.oldPri = new int[Math.multiplyExact(n, m)];
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
            newCount[target] = offer(newCand, newPri, newCount[target], target, j, roundSeed);
        } else {
            oldCount[target] = offer(oldCand, oldPri, oldCount[target], target, j, roundSeed);
        }
    }

    /**
     * A bounded max-heap on (priority, index) in {@code cand[target·m ..]} with the priorities in
     * {@code pri}; returns the new count.
     */
    private int offer(int[] cand, int[] pri, int count, int target, int j, long roundSeed) {
        int base = target * m;
        int p = (int) (Hashing.pair(roundSeed, target, j) >>> 33); // non-negative 31 bits
        if (count == m && !worse(cand[base], pri[base], j, p)) {
            return count;
        }
        for (int c = 0; c < count; c++) {
            if (cand[base + c] == j) {
                return count;
            }
        }
        if (count < m) {
            int pos = count;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!worse(j, p, cand[base + parent], pri[base + parent])) {
                    break;
                }
                cand[base + pos] = cand[base + parent];
                pri[base + pos] = pri[base + parent];
                pos = parent;
            }
            cand[base + pos] = j;
            pri[base + pos] = p;
            return count + 1;
        }
        int pos = 0;
        while (true) {
            int c = 2 * pos + 1;
            if (c >= m) {
                break;
            }
            if (c + 1 < m && worse(cand[base + c + 1], pri[base + c + 1], cand[base + c], pri[base + c])) {
                c++;
            }
            if (!worse(cand[base + c], pri[base + c], j, p)) {
                break;
            }
            cand[base + pos] = cand[base + c];
            pri[base + pos] = pri[base + c];
            pos = c;
        }
        cand[base + pos] = j;
        pri[base + pos] = p;
        return count;
    }

    /** (j1, p1) ranks after (j2, p2): larger priority, ties by larger index. */
    private static boolean worse(int j1, int p1, int j2, int p2) {
        return p1 > p2 || (p1 == p2 && j1 > j2);
    }

    /** Whether j is among the sorted new candidates of {@code target}. */
    boolean isNewCandidate(int target, int j) {
        return java.util.Arrays.binarySearch(newCand, target * m, target * m + newCount[target], j) >= 0;
    }
}
