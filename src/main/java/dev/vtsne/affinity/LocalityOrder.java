package dev.vtsne.affinity;

import dev.vtsne.data.CsrMatrix;

/**
 * An order of the points that puts each point near its affinity neighbours: breadth-first over
 * the sparse P, from the lowest unvisited point, neighbours in column order (deterministic).
 *
 * <p>Why: the attraction gathers y_j for every stored p_ij. In input order a row's neighbours
 * are ~23,000 indices away on average (Fashion-MNIST, 70k points); in this order ~6,000, so
 * more of the gathers hit the nearer caches. Measured on the final 70k map (2 threads,
 * alternating in one JVM): 8.8-11.6 ms a pass in input order, 7.4-8.7 ms in this one.
 */
public final class LocalityOrder {

    private LocalityOrder() {}

    /** {@code order[k]} = the point at position k; a permutation of 0..n-1. */
    public static int[] breadthFirst(CsrMatrix p) {
        int n = p.n();
        int[] rowStart = p.rowStart(), cols = p.cols();
        int[] order = new int[n];
        boolean[] seen = new boolean[n];
        int head = 0, tail = 0;
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            seen[s] = true;
            order[tail++] = s;
            while (head < tail) {
                int u = order[head++];
                for (int e = rowStart[u]; e < rowStart[u + 1]; e++) {
                    int v = cols[e];
                    if (!seen[v]) {
                        seen[v] = true;
                        order[tail++] = v;
                    }
                }
            }
        }
        return order;
    }

    /** The inverse permutation: {@code position[order[k]] = k}. */
    public static int[] positions(int[] order) {
        int[] position = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            position[order[k]] = k;
        }
        return position;
    }
}
