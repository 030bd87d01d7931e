package dev.vtsne.affinity;

import dev.vtsne.data.RowBlockPlan;
import dev.vtsne.parallel.RowBlocks;
import java.util.Arrays;

/**
 * A user's sparse affinity matrix A (n × n, CSR) made into t-SNE's joint P: checked, then
 * p_ij = (a_ij + a_ji) / (2 Σ a), the symmetrization (A + Aᵀ)/2 normalized to sum 1, in one
 * pass over the union of both directions' entries, like the kNN affinities. openTSNE's
 * {@code PrecomputedAffinities} only normalizes (its default); the t-SNE gradient of a
 * non-symmetric P is that of its symmetric part, so symmetrizing changes nothing a symmetric
 * matrix would give, and gives the gradient of the cost for any other.
 */
public final class PrecomputedAffinities {

    private PrecomputedAffinities() {}

    /**
     * P from row i's entries {@code cols[rowStart[i] .. rowStart[i+1]-1]}, values alike. Columns
     * within a row may come in any order; explicit zeros are kept (they change nothing).
     *
     * @throws IllegalArgumentException naming the first entry or array that is wrong: arrays of
     *         the wrong length, row starts that decrease, a column outside [0, n) (the matrix is
     *         not n × n), a column twice in a row, a value on the diagonal, a negative or
     *         non-finite value, or no positive value at all
     */
    public static SparseAffinities of(int n, int[] rowStart, int[] cols, float[] values, RowBlocks pool) {
        checkShape(n, rowStart, cols, values);
        int[][] ownCols = new int[n][];
        float[][] ownP = new float[n][];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int lo = rowStart[i], len = rowStart[i + 1] - lo;
            long[] keyed = new long[len];
            for (int e = 0; e < len; e++) {
                int j = cols[lo + e];
                float v = values[lo + e];
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("entry " + (lo + e) + " (row " + i + ") has column " + j
                            + ", outside [0, " + n + "): an affinity matrix of " + n + " points is " + n + " x " + n);
                }
                if (!(v >= 0) || v == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("affinity (" + i + ", " + j + ") is " + v + "; affinities must be finite and >= 0");
                }
                if (j == i && v != 0) {
                    throw new IllegalArgumentException("affinity (" + i + ", " + i + ") is " + v
                            + "; a point's affinity to itself must be 0 or absent (t-SNE ignores it): remove the diagonal");
                }
                sum += v;
                keyed[e] = (long) j << 32 | e;
            }
            Arrays.sort(keyed);
            int[] c = new int[len];
            float[] p = new float[len];
            for (int e = 0; e < len; e++) {
                c[e] = (int) (keyed[e] >>> 32);
                p[e] = values[lo + (int) keyed[e]];
                if (e > 0 && c[e] == c[e - 1]) {
                    throw new IllegalArgumentException("row " + i + " holds column " + c[e] + " twice; sum duplicate entries first");
                }
            }
            ownCols[i] = c;
            ownP[i] = p;
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("the affinities sum to " + sum + "; at least one must be > 0 (and the sum finite)");
        }
        return SparseAffinities.symmetrized(n, ownCols, ownP, 1.0 / (2.0 * sum), pool, RowBlockPlan.DEFAULT_MAX_ENTRIES);
    }

    private static void checkShape(int n, int[] rowStart, int[] cols, float[] values) {
        if (n < 2) {
            throw new IllegalArgumentException("an affinity matrix needs at least 2 points, got n = " + n);
        }
        if (rowStart.length != n + 1) {
            throw new IllegalArgumentException("rowStart has " + rowStart.length + " entries; a matrix of " + n
                    + " rows needs n + 1 = " + (n + 1L) + " (the matrix must be square)");
        }
        if (rowStart[0] != 0) {
            throw new IllegalArgumentException("rowStart[0] is " + rowStart[0] + "; it must be 0");
        }
        for (int i = 0; i < n; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("rowStart decreases at row " + i + ": " + rowStart[i] + " then " + rowStart[i + 1]);
            }
        }
        if (cols.length != rowStart[n] || values.length != rowStart[n]) {
            throw new IllegalArgumentException("rowStart[n] = " + rowStart[n] + " entries, but " + cols.length + " columns and "
                    + values.length + " values; all three must agree");
        }
    }
}
