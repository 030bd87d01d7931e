package dev.vtsne.repulsion;

/**
 * A quadtree (2-D) or octree (3-D) over an embedding, in flat arrays: no object per node.
 *
 * <p>Built from the Morton order of the points ({@link MortonOrder}), where every cell is a run
 * [start, end) of sorted positions. Nodes are laid out in depth-first preorder, so a node's first
 * child is the next node and {@code next} (the node after its subtree) is where a walk goes when
 * it does not descend: the walk needs no stack, and a node is a leaf exactly when
 * {@code next == node + 1}. Chains of cells with a single non-empty child are skipped (a node is
 * the smallest cell holding its run), which changes no summary: the skipped cells have the same
 * points, centre of mass and count, and a larger width.
 *
 * <p>A leaf holds at most {@link #LEAF_SIZE} points, or any number of points sharing the finest
 * cell (2^-21 of the box per axis; this is where coincident points end, however many). A leaf
 * whose points are all identical is flagged {@link #COINCIDENT}, and one of more than
 * {@link #DENSE_SIZE} distinct points (near-duplicates closer than the finest cell) is flagged
 * {@link #DENSE}, so that a walk handles either in O(1) instead of pair by pair: otherwise a
 * large group of near-duplicates would cost O(m²).
 */
final class SpaceTree {

    /**
     * Most points in a leaf that is not at the finest level. Leaves of 1, 4, 8, 16 and 32 points
     * cost the same within noise (single-thread CPU time 167-187 ms per call at n = 100k on a
     * clustered 2-D map); 8 keeps the tree at ~0.35 nodes per point, and a leaf that is not
     * summarized is summed exactly, so larger leaves only add accuracy.
     */
    static final int LEAF_SIZE = 8;

    /** Leaf flag: all its points are identical. */
    static final int COINCIDENT = 1;
    /** Leaf flag: more than DENSE_SIZE distinct points in one finest cell. */
    static final int DENSE = 2;
    /** Past this many points, a finest-level leaf of distinct points is summarized, not summed pair by pair. */
    static final int DENSE_SIZE = 64;

    /**
     * Node layout in {@link #nodeF}: centre of mass (dims), squared cell width. Floats: the
     * summaries are approximations anyway, and halving the tree's bytes keeps more of it in cache
     * at 1M points. The count is end - start in {@link #nodeI}.
     */
    int fStride;
    /** Node layout in {@link #nodeI}: start, end (sorted positions), next, flag (0, COINCIDENT, DENSE). */
    static final int I_STRIDE = 4;

    int dims;
    int n;
    int nodeCount;
    /** Coordinates in Morton order, {@code pos[p * dims + a]}: the input's floats, exactly. */
    float[] pos = new float[0];
    float[] nodeF = new float[0];
    int[] nodeI = new int[0];

    /** Coordinate sums of the node being built at each recursion depth (compressed depth <= BITS + 1). */
    private final double[] sums = new double[(MortonOrder.BITS + 2) * 3];

    private final MortonOrder order = new MortonOrder();
    private long[] codes;

    /** perm[p] = the point at sorted position p. */
    int[] perm() {
        return order.perm;
    }

    /** Rebuilds the tree over {@code y}, reusing the arrays of earlier builds when large enough. */
    void build(float[][] y) {
        order.sort(y);
        dims = y.length;
        n = y[0].length;
        fStride = dims + 1;
        codes = order.codes;
        int[] perm = order.perm;
        if (pos.length < n * dims) {
            pos = new float[n * dims];
        }
        for (int p = 0; p < n; p++) {
            int i = perm[p];
            for (int a = 0; a < dims; a++) {
                pos[p * dims + a] = y[a][i];
            }
        }
        // a compressed tree has at most n leaves and n - 1 inner nodes (each has >= 2 children)
        int maxNodes = Math.max(1, 2 * n - 1);
        if (nodeI.length < maxNodes * I_STRIDE) {
            nodeI = new int[maxNodes * I_STRIDE];
            nodeF = new float[maxNodes * (3 + 1)];
        }
        nodeCount = 0;
        if (n > 0) {
            node(0, n, 0);
        }
    }

    /**
     * Appends the node for the run [s, e) and its subtree, at recursion depth {@code depth}, and
     * leaves the sum of its coordinates in {@code sums[depth * 3 ..]} for the parent to add up.
     */
    private void node(int s, int e, int depth) {
        int id = nodeCount++;
        int fi = id * fStride, ii = id * I_STRIDE, si = depth * 3;
        long first = codes[s], last = codes[e - 1];
        int level = first == last ? MortonOrder.BITS : commonLevel(first, last);
        double cellWidth = Math.scalb(order.width, -level);
        nodeF[fi + dims] = (float) (cellWidth * cellWidth);
        nodeI[ii] = s;
        nodeI[ii + 1] = e;
        for (int a = 0; a < dims; a++) {
            sums[si + a] = 0;
        }
        boolean coincident = false;
        if (e - s <= LEAF_SIZE || first == last) {
            coincident = true;
            for (int p = s; p < e; p++) {
                for (int a = 0; a < dims; a++) {
                    float v = pos[p * dims + a];
                    sums[si + a] += v;
                    coincident &= v == pos[s * dims + a];
                }
            }
            nodeI[ii + 2] = id + 1;
        } else {
            int shift = dims * (MortonOrder.BITS - 1 - level);
            for (int a = s; a < e; ) {
                // the child run ends at the first code past this child's cell
                long limit = ((codes[a] >>> shift) + 1) << shift;
                int b = lowerBound(a + 1, e, limit);
                node(a, b, depth + 1);
                for (int k = 0; k < dims; k++) {
                    sums[si + k] += sums[si + 3 + k];
                }
                a = b;
            }
            nodeI[ii + 2] = nodeCount;
        }
        boolean leaf = nodeI[ii + 2] == id + 1;
        nodeI[ii + 3] = coincident ? COINCIDENT : leaf && e - s > DENSE_SIZE ? DENSE : 0;
        for (int a = 0; a < dims; a++) {
            // identical points: their exact position, not a rounded mean (they sit at distance 0)
            nodeF[fi + a] = coincident ? pos[s * dims + a] : (float) (sums[si + a] / (e - s));
        }
    }

    /** Levels (Morton digits from the top) that two different codes share. */
    private int commonLevel(long a, long b) {
        int highestDiff = 63 - Long.numberOfLeadingZeros(a ^ b);
        return (dims * MortonOrder.BITS - 1 - highestDiff) / dims;
    }

    /** First position in [lo, hi) whose code is at least {@code key} (hi when none). */
    private int lowerBound(int lo, int hi, long key) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (codes[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
