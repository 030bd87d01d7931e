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
 * whose points are all identical is flagged, so a walk handles it in O(1).
 */
final class SpaceTree {

    /** Most points in a leaf that is not at the finest level (measured: see BarnesHutRepulsion). */
    static final int LEAF_SIZE = 8;

    /** Node layout in {@link #nodeD}: centre of mass (dims), squared cell width, point count. */
    int dStride;
    /** Node layout in {@link #nodeI}: start, end (sorted positions), next, coincident flag. */
    static final int I_STRIDE = 4;

    int dims;
    int n;
    int nodeCount;
    /** Coordinates in Morton order: {@code pos[p * dims + a]}. */
    double[] pos = new double[0];
    double[] nodeD = new double[0];
    int[] nodeI = new int[0];

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
        dStride = dims + 2;
        codes = order.codes;
        int[] perm = order.perm;
        if (pos.length < n * dims) {
            pos = new double[n * dims];
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
            nodeD = new double[maxNodes * (3 + 2)];
        }
        nodeCount = 0;
        if (n > 0) {
            node(0, n);
        }
    }

    /**
     * Appends the node for the run [s, e) and its subtree; leaves the sum of its coordinates
     * (not yet the mean) in its centre-of-mass slots for the parent to add up, and turns the sum
     * into the mean before returning.
     */
    private void node(int s, int e) {
        int id = nodeCount++;
        int di = id * dStride, ii = id * I_STRIDE;
        long first = codes[s], last = codes[e - 1];
        int level = first == last ? MortonOrder.BITS : commonLevel(first, last);
        double cellWidth = Math.scalb(order.width, -level);
        nodeD[di + dims] = cellWidth * cellWidth;
        nodeD[di + dims + 1] = e - s;
        nodeI[ii] = s;
        nodeI[ii + 1] = e;
        for (int a = 0; a < dims; a++) {
            nodeD[di + a] = 0;
        }
        if (e - s <= LEAF_SIZE || first == last) {
            boolean coincident = true;
            for (int p = s; p < e; p++) {
                for (int a = 0; a < dims; a++) {
                    double v = pos[p * dims + a];
                    nodeD[di + a] += v;
                    coincident &= v == pos[s * dims + a];
                }
            }
            nodeI[ii + 2] = id + 1;
            nodeI[ii + 3] = coincident ? 1 : 0;
            if (coincident) {
                // the exact position, not a rounded mean: these points sit at distance 0 from each other
                for (int a = 0; a < dims; a++) {
                    nodeD[di + a] = pos[s * dims + a];
                }
                return;
            }
        } else {
            int shift = dims * (MortonOrder.BITS - 1 - level);
            for (int a = s; a < e; ) {
                // the child run ends at the first code past this child's cell
                long limit = ((codes[a] >>> shift) + 1) << shift;
                int b = lowerBound(a + 1, e, limit);
                int child = nodeCount;
                node(a, b);
                int dc = child * dStride;
                double count = b - a;
                for (int k = 0; k < dims; k++) {
                    nodeD[di + k] += nodeD[dc + k] * count;
                }
                a = b;
            }
            nodeI[ii + 2] = nodeCount;
            nodeI[ii + 3] = 0;
        }
        double count = e - s;
        for (int a = 0; a < dims; a++) {
            nodeD[di + a] /= count;
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
