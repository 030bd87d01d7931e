package dev.vtsne.affinity;

import dev.vtsne.data.CsrMatrix;
import dev.vtsne.data.RowBlockPlan;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.CalibrationKernels;
import java.util.Arrays;

/**
 * t-SNE affinities over the k nearest neighbours, for the Barnes-Hut and FFT methods: each point
 * is calibrated to the perplexity against its k neighbours only (the calibration of the exact
 * mode), then p_ij = (p_j|i + p_i|j) / 2n over the union of both directions' neighbours, which
 * sums to 1, as bhtsne, FIt-SNE and openTSNE do.
 *
 * <p>Storage: consecutive row blocks of at most {@link RowBlockPlan#DEFAULT_MAX_ENTRIES} entries
 * (see {@link RowBlockPlan}), each a {@link CsrMatrix} over all n rows whose rows outside the
 * block are empty. Kernels index each block with absolute row numbers, so they need no offset
 * arithmetic, and no index anywhere exceeds one block's entry count, however large n·k is.
 */
public final class SparseAffinities {

    private static final int BLOCK = 256;

    private final int n;
    private final int[] bounds;
    private final CsrMatrix[] blocks;
    private final double pLogP;

    private SparseAffinities(int n, int[] bounds, CsrMatrix[] blocks, double pLogP) {
        this.n = n;
        this.bounds = bounds;
        this.blocks = blocks;
        this.pLogP = pLogP;
    }

    /** Number of points. */
    public int size() {
        return n;
    }

    /** Number of row blocks. */
    public int blockCount() {
        return blocks.length;
    }

    /** Block b: rows [blockStart(b), blockEnd(b)) are stored in it, other rows are empty. */
    public CsrMatrix block(int b) {
        return blocks[b];
    }

    /** First row stored in block {@code b}. */
    public int blockStart(int b) {
        return bounds[b];
    }

    /** One past the last row stored in block {@code b}. */
    public int blockEnd(int b) {
        return bounds[b + 1];
    }

    /** Stored entries over all blocks. */
    public long nonZeros() {
        long s = 0;
        for (CsrMatrix m : blocks) {
            s += m.nonZeros();
        }
        return s;
    }

    /** p_ij, 0 when not stored (binary search; for tests and tools). */
    public float get(int i, int j) {
        for (int b = 0; b < blocks.length; b++) {
            if (i >= bounds[b] && i < bounds[b + 1]) {
                return blocks[b].get(i, j);
            }
        }
        throw new IndexOutOfBoundsException("row " + i + " of " + n);
    }

    /** Σ p_ij log p_ij over the stored entries: the constant part of KL(P || Q). */
    public double pLogP() {
        return pLogP;
    }

    /**
     * The same affinities with the points renumbered: point {@code order[k]} becomes point k
     * (rows moved, columns renamed and re-sorted). One block only; Σ p log p is carried over, not
     * re-summed.
     */
    public SparseAffinities permuted(int[] order, RowBlocks pool) {
        if (blocks.length != 1) {
            throw new IllegalStateException("permuting affinities stored in " + blocks.length + " blocks is not supported");
        }
        if (order.length != n) {
            throw new IllegalArgumentException("order has " + order.length + " points, the affinities " + n);
        }
        CsrMatrix m = blocks[0];
        int[] position = LocalityOrder.positions(order);
        int[] rowStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int u = order[k];
            rowStart[k + 1] = rowStart[k] + m.rowStart()[u + 1] - m.rowStart()[u];
        }
        int[] cols = new int[rowStart[n] + CsrMatrix.PADDING];
        float[] vals = new float[cols.length];
        pool.forEach(n, BLOCK, 8L * m.nonZeros(), (from, to) -> {
            long[] keys = new long[0];
            for (int k = from; k < to; k++) {
                int u = order[k], lo = m.rowStart()[u], len = m.rowStart()[u + 1] - lo;
                if (keys.length < len) {
                    keys = new long[Math.max(len, 2 * keys.length)];
                }
                // (new column, value bits): one sort keeps each value with its column
                for (int e = 0; e < len; e++) {
                    keys[e] = (long) position[m.cols()[lo + e]] << 32 | (Float.floatToRawIntBits(m.values()[lo + e]) & 0xFFFFFFFFL);
                }
                java.util.Arrays.sort(keys, 0, len);
                for (int e = 0; e < len; e++) {
                    cols[rowStart[k] + e] = (int) (keys[e] >>> 32);
                    vals[rowStart[k] + e] = Float.intBitsToFloat((int) keys[e]);
                }
            }
        });
        return new SparseAffinities(n, new int[] {0, n}, new CsrMatrix[] {new CsrMatrix(n, rowStart, cols, vals)}, pLogP);
    }

    /** Calibrates and symmetrizes with the default block size. */
    public static SparseAffinities tsne(KnnGraph graph, double perplexity, CalibrationKernels kernels, RowBlocks pool) {
        return tsne(graph, perplexity, kernels, pool, RowBlockPlan.DEFAULT_MAX_ENTRIES);
    }

    /** As {@link #tsne(KnnGraph, double, CalibrationKernels, RowBlocks)} with blocks of at most {@code maxBlockEntries}. */
    public static SparseAffinities tsne(KnnGraph graph, double perplexity, CalibrationKernels kernels, RowBlocks pool, long maxBlockEntries) {
        int n = graph.n(), k = graph.k();
        if (perplexity > k) {
            throw new IllegalArgumentException("perplexity " + perplexity + " needs more than the " + k + " neighbours given; use k >= 3 x perplexity");
        }
        int[][] nbr = graph.indices();
        // conditional p_j|i over each row's neighbours, sorted by column for the merge below
        int[][] ownCols = new int[n][];
        float[][] ownP = new float[n][];
        pool.forEach(n, BLOCK, (from, to) -> {
            PerplexityCalibration calibration = new PerplexityCalibration(kernels, perplexity);
            float[] p = new float[k];
            long[] keyed = new long[k];
            for (int i = from; i < to; i++) {
                calibration.calibrate(graph.squaredDistances()[i], k, p);
                for (int t = 0; t < k; t++) {
                    keyed[t] = ((long) nbr[i][t] << 32) | t;
                }
                Arrays.sort(keyed);
                int[] c = new int[k];
                float[] v = new float[k];
                for (int t = 0; t < k; t++) {
                    c[t] = (int) (keyed[t] >>> 32);
                    v[t] = p[(int) keyed[t]];
                }
                ownCols[i] = c;
                ownP[i] = v;
            }
        });
        return symmetrized(n, ownCols, ownP, 1.0 / (2.0 * n), pool, maxBlockEntries);
    }

    /**
     * The affinities of one stored matrix (the exact method's, say), as one block; Σ p log p is
     * given, not re-summed. The matrix is shared, not copied.
     */
    public static SparseAffinities ofMatrix(CsrMatrix m, double pLogP) {
        return new SparseAffinities(m.n(), new int[] {0, m.n()}, new CsrMatrix[] {m}, pLogP);
    }

    /**
     * p_ij = (a_ij + a_ji) · scale over the union of both directions' entries, from row lists
     * {@code ownCols[i]} (ascending, no repeats) with values {@code ownP[i]}: the symmetrization of
     * the kNN affinities (scale 1/2n) and of a user's matrix (scale 1/(2 Σ a)).
     */
    static SparseAffinities symmetrized(int n, int[][] ownCols, float[][] ownP, double scale, RowBlocks pool, long maxBlockEntries) {
        // transpose: who has i as a neighbour, in ascending order of that point (serial pass)
        int[] inCount = new int[n];
        for (int j = 0; j < n; j++) {
            for (int c : ownCols[j]) {
                inCount[c]++;
            }
        }
        int[][] inCols = new int[n][];
        float[][] inP = new float[n][];
        for (int i = 0; i < n; i++) {
            inCols[i] = new int[inCount[i]];
            inP[i] = new float[inCount[i]];
        }
        Arrays.fill(inCount, 0);
        for (int j = 0; j < n; j++) {
            int[] c = ownCols[j];
            float[] v = ownP[j];
            for (int t = 0; t < c.length; t++) {
                int i = c[t];
                inCols[i][inCount[i]] = j;
                inP[i][inCount[i]++] = v[t];
            }
        }
        int[] rowCounts = new int[n];
        pool.forEach(n, BLOCK, (from, to) -> {
            for (int i = from; i < to; i++) {
                rowCounts[i] = unionSize(ownCols[i], inCols[i]);
            }
        });
        int[] bounds = RowBlockPlan.bounds(rowCounts, maxBlockEntries);
        CsrMatrix[] blocks = new CsrMatrix[bounds.length - 1];
        double[] rowPLogP = new double[n];
        for (int b = 0; b < blocks.length; b++) {
            int lo = bounds[b], hi = bounds[b + 1];
            int[] rowStart = new int[n + 1];
            for (int i = lo; i < hi; i++) {
                rowStart[i + 1] = rowStart[i] + rowCounts[i];
            }
            for (int i = hi; i < n; i++) {
                rowStart[i + 1] = rowStart[hi];
            }
            int nnz = rowStart[n];
            int[] cols = new int[nnz + CsrMatrix.PADDING];
            float[] vals = new float[nnz + CsrMatrix.PADDING];
            pool.forEach(hi - lo, BLOCK, (from, to) -> {
                for (int i = lo + from; i < lo + to; i++) {
                    rowPLogP[i] = merge(ownCols[i], ownP[i], inCols[i], inP[i], scale, cols, vals, rowStart[i]);
                }
            });
            blocks[b] = new CsrMatrix(n, rowStart, cols, vals);
        }
        double pLogP = 0;
        for (double v : rowPLogP) {
            pLogP += v;
        }
        return new SparseAffinities(n, bounds, blocks, pLogP);
    }

    /** Size of the union of two ascending column lists. */
    private static int unionSize(int[] a, int[] b) {
        int i = 0, j = 0, c = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
            c++;
        }
        return c + (a.length - i) + (b.length - j);
    }

    /**
     * Writes row i of P: the union of its own neighbours (p_j|i) and the points that chose it
     * (p_i|j), each entry (p_j|i + p_i|j) · scale. Returns Σ p log p of the row.
     */
    private static double merge(int[] ac, float[] av, int[] bc, float[] bv, double scale, int[] cols, float[] vals, int at) {
        int i = 0, j = 0, o = at;
        double plogp = 0;
        while (i < ac.length || j < bc.length) {
            int col;
            double v;
            if (j == bc.length || (i < ac.length && ac[i] < bc[j])) {
                col = ac[i];
                v = av[i++];
            } else if (i == ac.length || bc[j] < ac[i]) {
                col = bc[j];
                v = bv[j++];
            } else {
                col = ac[i];
                v = (double) av[i++] + bv[j++];
            }
            float p = (float) (v * scale);
            cols[o] = col;
            vals[o++] = p;
            if (p > 0) {
                plogp += p * Math.log(p);
            }
        }
        return plogp;
    }
}
