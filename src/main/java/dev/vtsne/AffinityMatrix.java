package dev.vtsne;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.affinity.PrecomputedAffinities;
import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.parallel.RowBlocks;
import java.util.Objects;

/**
 * The input affinities P a map is fitted to: a sparse symmetric n × n matrix. Computed by
 * {@link TSne#affinities(NeighborGraph, TsneOptions)} (perplexity calibration over a kNN graph),
 * by {@link TSne#affinities(Points, TsneOptions)} (the one-call fit's own), or given as a sparse
 * matrix through {@link #of}; {@link TSne#embedding} starts a map from it.
 *
 * <p>For t-SNE P is a joint distribution: symmetric, summing to 1. The exact method's matrix
 * ({@link TSne#affinities(Points, TsneOptions)} when the options' method is exact) is calibrated
 * over all pairs and stores every entry large enough to matter, some rows whole with explicit
 * zeros. For SNE ({@link #objective()} SNE, made only by that method with objective SNE) the
 * matrix is s = P_cond + P_condᵀ, the sum of the conditional distributions and their transpose,
 * which the SNE gradient reads; its entries sum to 2n.
 *
 * <p>The accessors return copies in CSR form: row i's entries are
 * {@code columns()[rowStart()[i] .. rowStart()[i+1]-1]}, columns ascending, values alike.
 */
public final class AffinityMatrix {

    private final SparseAffinities sparse;
    /** The exact method's all-pairs matrix, which its fused gradient reads, or null. */
    private final ExactAffinities allPairs;
    private final Objective objective;
    private final PreparationTimes times;

    private AffinityMatrix(SparseAffinities sparse, ExactAffinities allPairs, Objective objective, PreparationTimes times) {
        this.sparse = sparse;
        this.allPairs = allPairs;
        this.objective = objective;
        this.times = times;
    }

    /** kNN affinities, computed in {@code times}. */
    static AffinityMatrix ofKnn(SparseAffinities p, PreparationTimes times) {
        return new AffinityMatrix(p, null, Objective.TSNE, times);
    }

    /** The exact method's affinities for {@code objective}, computed in {@code times}. */
    static AffinityMatrix ofAllPairs(ExactAffinities p, Objective objective, PreparationTimes times) {
        return new AffinityMatrix(SparseAffinities.ofMatrix(p.matrix(), p.pLogP()), p, objective, times);
    }

    /**
     * A user's sparse n × n affinity matrix A in CSR form (scipy.sparse's {@code indptr},
     * {@code indices}, {@code data}), made into t-SNE's P = (A + Aᵀ) / (2 Σ a): symmetrized and
     * normalized to sum 1. Columns within a row may be in any order; explicit zeros are kept.
     * openTSNE's {@code PrecomputedAffinities} normalizes the same way but does not symmetrize; the
     * t-SNE gradient of a matrix is that of its symmetric part, so a symmetric matrix gives the
     * same P either way. The arrays are not modified or kept.
     *
     * @param n        points (rows and columns)
     * @param rowStart n + 1 offsets: row i's entries are at {@code [rowStart[i], rowStart[i+1])}
     * @param columns  the column of each entry, in [0, n)
     * @param values   each entry's affinity, finite and &ge; 0
     * @throws IllegalArgumentException naming the first entry or array that is wrong: fewer than 2
     *         points, arrays of the wrong length, decreasing row starts, a column outside [0, n)
     *         (the matrix is not square), a column twice in a row, a nonzero diagonal entry, a
     *         negative or non-finite value, or no positive value
     */
    public static AffinityMatrix of(int n, int[] rowStart, int[] columns, float[] values) {
        Objects.requireNonNull(rowStart, "rowStart is null");
        Objects.requireNonNull(columns, "columns is null");
        Objects.requireNonNull(values, "values is null");
        long t0 = System.nanoTime();
        SparseAffinities p = PrecomputedAffinities.of(n, rowStart, columns, values, new RowBlocks(1));
        return new AffinityMatrix(p, null, Objective.TSNE, PreparationTimes.NONE.withAffinities(System.nanoTime() - t0));
    }

    /** Number of points. */
    public int size() {
        return sparse.size();
    }

    /** Stored entries (an entry and its transpose count twice). */
    public long nonZeros() {
        return sparse.nonZeros();
    }

    /**
     * What the matrix is for: {@link Objective#TSNE} (a joint P summing to 1) or
     * {@link Objective#SNE} (s = P_cond + P_condᵀ; see the class comment).
     */
    public Objective objective() {
        return objective;
    }

    /** Entry (i, j), 0 when not stored. */
    public float get(int i, int j) {
        Objects.checkIndex(i, size());
        Objects.checkIndex(j, size());
        return sparse.get(i, j);
    }

    /**
     * A copy of the row offsets, n + 1 of them.
     *
     * @throws IllegalStateException when the matrix has more entries than one Java array holds
     */
    public int[] rowStart() {
        int n = size();
        checkArraySize();
        int[] out = new int[n + 1];
        for (int b = 0; b < sparse.blockCount(); b++) {
            CsrMatrix m = sparse.block(b);
            for (int i = sparse.blockStart(b); i < sparse.blockEnd(b); i++) {
                out[i + 1] = out[i] + m.rowStart()[i + 1] - m.rowStart()[i];
            }
        }
        return out;
    }

    /** A copy of the entries' columns, row by row; see {@link #rowStart()}. */
    public int[] columns() {
        checkArraySize();
        int[] out = new int[(int) nonZeros()];
        int at = 0;
        for (int b = 0; b < sparse.blockCount(); b++) {
            CsrMatrix m = sparse.block(b);
            System.arraycopy(m.cols(), 0, out, at, m.nonZeros());
            at += m.nonZeros();
        }
        return out;
    }

    /** A copy of the entries' values, row by row; see {@link #rowStart()}. */
    public float[] values() {
        checkArraySize();
        float[] out = new float[(int) nonZeros()];
        int at = 0;
        for (int b = 0; b < sparse.blockCount(); b++) {
            CsrMatrix m = sparse.block(b);
            System.arraycopy(m.values(), 0, out, at, m.nonZeros());
            at += m.nonZeros();
        }
        return out;
    }

    private void checkArraySize() {
        if (nonZeros() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the matrix holds " + nonZeros() + " entries, more than one Java array can; it cannot be copied out as CSR arrays");
        }
    }

    /** The affinities as the kNN methods' gradient reads them. */
    SparseAffinities sparse() {
        return sparse;
    }

    /** The exact method's all-pairs affinities, or null when the matrix came from a graph or a user. */
    ExactAffinities allPairs() {
        return allPairs;
    }

    /** The time spent computing it and what came before (0 for what was given). */
    PreparationTimes times() {
        return times;
    }
}
