package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;

/**
 * Barnes-Hut repulsion (van der Maaten 2014) on a quadtree (2-D) or octree (3-D): O(n log n) per
 * call instead of O(n²).
 *
 * <p>For each point i the tree is walked from the root. A cell is summarized by its centre of
 * mass c and count m when it does not hold i and its width is small against its distance, the
 * criterion of bhtsne: width / |y_i − c| &lt; θ. Then w = 1 / (1 + |y_i − c|²), Z_i += m·w and
 * F_i += m·w²(y_i − c). A leaf that is not summarized is summed exactly over its points (at most
 * {@link SpaceTree#LEAF_SIZE}), skipping i itself, so θ = 0 gives the exact sums. A cell holding
 * i is never summarized (bhtsne summarizes it for large θ, counting i as its own neighbour).
 *
 * <p>Duplicates: a leaf of m identical points is handled in O(1) and exactly, for i inside it
 * (each other point at distance 0 adds w = 1 to Z and nothing to F) and outside. A finest-level
 * leaf of more than {@link SpaceTree#DENSE_SIZE} distinct points (near-duplicates within 2^-21 of
 * the box's width) is summarized even for i inside it, as Z_i += m − 1 and
 * F_i += m (y_i − c) = Σ_j (y_i − y_j), i.e. with w ≈ 1 at those distances, so a group of
 * near-duplicates never costs O(m²); this is the one case where θ = 0 is not exact.
 *
 * <p>Points are walked in Morton order, so consecutive walks touch the same nodes. The walks are
 * independent and each point's sums are written to its own slots; Z is added up afterwards
 * serially in point order: the same bits on any thread count. The walk is scalar: its work is
 * branchy pointer-chasing with one kernel evaluation per visited node, which leaves the Vector
 * API nothing regular to run across lanes.
 */
public final class BarnesHutRepulsion implements Repulsion {

    /** θ of bhtsne, openTSNE and FIt-SNE's Barnes-Hut mode. */
    public static final double DEFAULT_THETA = 0.5;

    /** Points per parallel block (a walk costs ~100s of node visits, so blocks stay small). */
    private static final int BLOCK = 256;

    private final double theta;
    private final RowBlocks pool;
    private final SpaceTree tree = new SpaceTree();
    private double[] zi = new double[0];

    /**
     * @param theta accuracy (0 = exact, larger = faster and coarser); finite and not negative
     * @param pool the threads the walks run on
     */
    public BarnesHutRepulsion(double theta, RowBlocks pool) {
        if (!(theta >= 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("theta must be finite and >= 0, got " + theta);
        }
        if (pool == null) {
            throw new IllegalArgumentException("pool must not be null");
        }
        this.theta = theta;
        this.pool = pool;
    }

    /** The accuracy θ: a cell is summarized when its width over its distance is below it. */
    public double theta() {
        return theta;
    }

    @Override
    public double compute(float[][] y, double[] out) {
        if (y.length != 2 && y.length != 3) {
            throw new IllegalArgumentException("Barnes-Hut supports 2-D (quadtree) and 3-D (octree) embeddings, got "
                    + y.length + " dimensions");
        }
        int dims = y.length, n = y[0].length;
        for (float[] axis : y) {
            if (axis.length != n) {
                throw new IllegalArgumentException("all axes need " + n + " coordinates, one has " + axis.length);
            }
        }
        if (out.length < n * dims) {
            throw new IllegalArgumentException("out needs at least " + n * dims + " entries, has " + out.length);
        }
        if (n == 0) {
            return 0;
        }
        tree.build(y);
        if (zi.length < n) {
            zi = new double[n];
        }
        double[] z = zi;
        double theta2 = theta * theta;
        // ~ n log n node visits: parallel whenever that beats waking the pool
        long work = (long) n * 64 * (64 - Long.numberOfLeadingZeros(n));
        if (dims == 2) {
            pool.forEach(n, BLOCK, work, (from, to) -> walk2(tree, theta2, from, to, out, z));
        } else {
            pool.forEach(n, BLOCK, work, (from, to) -> walk3(tree, theta2, from, to, out, z));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += z[i];
        }
        return sum;
    }

    /** The walks of sorted positions [from, to) in 2-D. */
    private static void walk2(SpaceTree t, double theta2, int from, int to, double[] out, double[] zOut) {
        float[] pos = t.pos, nf = t.nodeF;
        int[] ni = t.nodeI, perm = t.perm();
        int nodes = t.nodeCount;
        for (int p = from; p < to; p++) {
            double xi = pos[2 * p], yi = pos[2 * p + 1];
            double z = 0, fx = 0, fy = 0;
            int node = 0;
            while (node < nodes) {
                int d = node * 3, k = node * SpaceTree.I_STRIDE;
                int s = ni[k], e = ni[k + 1], next = ni[k + 2];
                boolean holds = p >= s && p < e;
                double dx = xi - nf[d], dy = yi - nf[d + 1];
                double d2 = dx * dx + dy * dy;
                if (holds && ni[k + 3] != 0) {
                    // i's own leaf of (near-)identical points: w = 1 (exact when identical)
                    double m = e - s;
                    z += m - 1;
                    fx += m * dx;
                    fy += m * dy;
                    node = next;
                } else if (!holds && (nf[d + 2] < theta2 * d2 || ni[k + 3] != 0)) {
                    // summarized; exact for a leaf of identical points
                    double m = e - s;
                    double w = 1 / (1 + d2), mw = m * w;
                    z += mw;
                    fx += mw * w * dx;
                    fy += mw * w * dy;
                    node = next;
                } else if (next == node + 1) {
                    for (int q = s; q < e; q++) {
                        if (q != p) {
                            double ex = xi - pos[2 * q], ey = yi - pos[2 * q + 1];
                            double w = 1 / (1 + ex * ex + ey * ey);
                            z += w;
                            fx += w * w * ex;
                            fy += w * w * ey;
                        }
                    }
                    node = next;
                } else {
                    node++;
                }
            }
            int i = perm[p];
            out[2 * i] = fx;
            out[2 * i + 1] = fy;
            zOut[i] = z;
        }
    }

    /** The walks of sorted positions [from, to) in 3-D. */
    private static void walk3(SpaceTree t, double theta2, int from, int to, double[] out, double[] zOut) {
        float[] pos = t.pos, nf = t.nodeF;
        int[] ni = t.nodeI, perm = t.perm();
        int nodes = t.nodeCount;
        for (int p = from; p < to; p++) {
            double xi = pos[3 * p], yi = pos[3 * p + 1], wi = pos[3 * p + 2];
            double z = 0, fx = 0, fy = 0, fz = 0;
            int node = 0;
            while (node < nodes) {
                int d = node * 4, k = node * SpaceTree.I_STRIDE;
                int s = ni[k], e = ni[k + 1], next = ni[k + 2];
                boolean holds = p >= s && p < e;
                double dx = xi - nf[d], dy = yi - nf[d + 1], dz = wi - nf[d + 2];
                double d2 = dx * dx + dy * dy + dz * dz;
                if (holds && ni[k + 3] != 0) {
                    double m = e - s;
                    z += m - 1;
                    fx += m * dx;
                    fy += m * dy;
                    fz += m * dz;
                    node = next;
                } else if (!holds && (nf[d + 3] < theta2 * d2 || ni[k + 3] != 0)) {
                    double m = e - s;
                    double w = 1 / (1 + d2), mw = m * w;
                    z += mw;
                    fx += mw * w * dx;
                    fy += mw * w * dy;
                    fz += mw * w * dz;
                    node = next;
                } else if (next == node + 1) {
                    for (int q = s; q < e; q++) {
                        if (q != p) {
                            double ex = xi - pos[3 * q], ey = yi - pos[3 * q + 1], ez = wi - pos[3 * q + 2];
                            double w = 1 / (1 + ex * ex + ey * ey + ez * ez);
                            z += w;
                            fx += w * w * ex;
                            fy += w * w * ey;
                            fz += w * w * ez;
                        }
                    }
                    node = next;
                } else {
                    node++;
                }
            }
            int i = perm[p];
            out[3 * i] = fx;
            out[3 * i + 1] = fy;
            out[3 * i + 2] = fz;
            zOut[i] = z;
        }
    }

    @Override
    public String describe() {
        return "Barnes-Hut θ=" + theta;
    }
}
