package dev.vtsne.knn;

/**
 * A bounded max-heap of the k best neighbours of one point, on that point's own arrays
 * ({@code idx[k]}, {@code dist[k]}, optionally {@code flags[k]}): the root is the worst kept
 * neighbour, so a candidate is tested against one number. Order is by squared distance, ties by
 * the smaller index, a strict total order, so the kept set is the same whatever order candidates
 * arrive in. Empty slots hold index {@link #EMPTY} at +infinity, so they rank after every real
 * neighbour, even one whose distance overflowed to infinity.
 */
final class NeighborHeap {

    static final byte OLD = 0;
    static final byte NEW = 1;
    static final int EMPTY = Integer.MAX_VALUE;

    private NeighborHeap() {}

    /** True when (d1, j1) ranks after (d2, j2). */
    static boolean worse(float d1, int j1, float d2, int j2) {
        return d1 > d2 || (d1 == d2 && j1 > j2);
    }

    static void clear(int[] idx, float[] dist) {
        java.util.Arrays.fill(idx, EMPTY);
        java.util.Arrays.fill(dist, Float.POSITIVE_INFINITY);
    }

    /** Whether (d, j) would enter the heap (ignoring whether j is already in it). */
    static boolean accepts(int[] idx, float[] dist, float d, int j) {
        return worse(dist[0], idx[0], d, j);
    }

    /**
     * Inserts (d, j) with {@code flag} if it ranks before the root and j is not already kept;
     * returns whether it was inserted. {@code flags} may be null.
     */
    static boolean push(int[] idx, float[] dist, byte[] flags, float d, int j, byte flag) {
        if (!worse(dist[0], idx[0], d, j)) {
            return false;
        }
        for (int c = 0; c < idx.length; c++) {
            if (idx[c] == j) {
                return false;
            }
        }
        replaceRoot(idx, dist, flags, d, j, flag);
        return true;
    }

    /** Replaces the root by (d, j), which the caller knows ranks before it and is not kept yet. */
    static void replaceRoot(int[] idx, float[] dist, byte[] flags, float d, int j, byte flag) {
        int k = idx.length, pos = 0;
        while (true) {
            int c = 2 * pos + 1;
            if (c >= k) {
                break;
            }
            if (c + 1 < k && worse(dist[c + 1], idx[c + 1], dist[c], idx[c])) {
                c++;
            }
            if (!worse(dist[c], idx[c], d, j)) {
                break;
            }
            idx[pos] = idx[c];
            dist[pos] = dist[c];
            if (flags != null) {
                flags[pos] = flags[c];
            }
            pos = c;
        }
        idx[pos] = j;
        dist[pos] = d;
        if (flags != null) {
            flags[pos] = flag;
        }
    }

    /** Heap-sorts the arrays in place into ascending (distance, index) order. */
    static void sortAscending(int[] idx, float[] dist) {
        for (int end = idx.length - 1; end > 0; end--) {
            int j = idx[end];
            float d = dist[end];
            idx[end] = idx[0];
            dist[end] = dist[0];
            // sift (d, j) down from the root within [0, end)
            int pos = 0;
            while (true) {
                int c = 2 * pos + 1;
                if (c >= end) {
                    break;
                }
                if (c + 1 < end && worse(dist[c + 1], idx[c + 1], dist[c], idx[c])) {
                    c++;
                }
                if (!worse(dist[c], idx[c], d, j)) {
                    break;
                }
                idx[pos] = idx[c];
                dist[pos] = dist[c];
                pos = c;
            }
            idx[pos] = j;
            dist[pos] = d;
        }
    }
}
