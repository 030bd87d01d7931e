package dev.vtsne.knn;

import dev.vtsne.data.Points;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A row order in which near points have near indices, so that the attraction's gathers over each
 * point's neighbours read a few cache-resident stretches of the embedding instead of the whole of
 * it. At 1,000,000 points the embedding (8 MB) no longer fits in L2, and with the input's order
 * the attraction took 233 ms per iteration, three times the FFT repulsion.
 *
 * <p>The order is that of the leaves of one random-projection tree: a range of rows is split at
 * the median of its projection on the difference of two of its rows (seeded), down to ranges of
 * at most {@link #LEAF} rows. Points of one cluster end up in one stretch of indices, and each
 * point's nearest neighbours mostly in its own or a nearby leaf. Deterministic for a seed; costs
 * O(n log(n / leaf)) projections of one row (about two seconds at 1,000,000 × 50).
 */
public final class LocalityOrder {

    /** Largest range left unsplit. */
    public static final int LEAF = 64;

    private LocalityOrder() {}

    /** {@code order[r]} = the input row placed at position r. */
    public static int[] compute(Points x, long seed) {
        int n = x.size(), dim = x.dim();
        float[] v = x.rowMajor();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] keyed = new long[n];
        int[] stack = new int[128];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = n;
        while (top > 0) {
            int hi = stack[--top], lo = stack[--top];
            if (hi - lo <= LEAF) {
                continue;
            }
            int a = order[lo + random.nextInt(hi - lo)], b = order[lo + random.nextInt(hi - lo)];
            for (int r = lo; r < hi; r++) {
                int i = order[r];
                double p = 0;
                for (int c = 0; c < dim; c++) {
                    p += (double) v[i * dim + c] * ((double) v[a * dim + c] - v[b * dim + c]);
                }
                // sortable bits of the float key in the high half, the position in the low half:
                // ties (duplicates, or a == b) keep their current order
                int bits = Float.floatToIntBits((float) p);
                bits ^= (bits >> 31) & 0x7fffffff;
                keyed[r] = ((long) bits << 32) | (r - lo);
            }
            Arrays.sort(keyed, lo, hi);
            int[] tmp = new int[hi - lo];
            for (int r = lo; r < hi; r++) {
                tmp[r - lo] = order[lo + (int) keyed[r]];
            }
            System.arraycopy(tmp, 0, order, lo, hi - lo);
            int mid = (lo + hi) >>> 1;
            if (top + 4 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = mid;
            stack[top++] = hi;
            stack[top++] = lo;
            stack[top++] = mid;
        }
        return order;
    }

    /** The graph with rows and neighbour ids renumbered to positions in {@code order}. */
    public static KnnGraph relabel(KnnGraph g, int[] order) {
        int n = g.n();
        int[] rank = rank(order);
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        for (int r = 0; r < n; r++) {
            int[] old = g.indices()[order[r]];
            int[] mapped = new int[old.length];
            for (int t = 0; t < old.length; t++) {
                mapped[t] = rank[old[t]];
            }
            idx[r] = mapped;
            dist[r] = g.squaredDistances()[order[r]];
        }
        return new KnnGraph(n, g.k(), idx, dist);
    }

    /** The points' rows in {@code order}. */
    public static Points permute(Points x, int[] order) {
        int n = x.size(), dim = x.dim();
        float[] v = x.rowMajor(), out = new float[v.length];
        for (int r = 0; r < n; r++) {
            System.arraycopy(v, order[r] * dim, out, r * dim, dim);
        }
        return Points.ofRowMajor(out, n, dim);
    }

    /** rank[order[r]] = r. */
    public static int[] rank(int[] order) {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
