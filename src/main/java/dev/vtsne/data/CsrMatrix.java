package dev.vtsne.data;

/**
 * A square sparse matrix in compressed sparse row form: row i's entries are
 * {@code cols[rowStart[i] .. rowStart[i+1]-1]} with values {@code values[...]}, columns ascending.
 * Arrays are exposed for the kernels; treat them as read-only.
 *
 * <p>{@code cols} and {@code values} carry {@link #PADDING} unused slots (column 0, value 0)
 * past the last entry: a vector gather reads a whole vector of indices even where its mask is
 * off, so the ragged end of the last row must still be in bounds.
 */
public record CsrMatrix(int n, int[] rowStart, int[] cols, float[] values) {

    /** Slots past the last entry: one 512-bit vector of ints. */
    public static final int PADDING = 16;

    public CsrMatrix {
        if (rowStart.length != n + 1 || rowStart[0] != 0 || cols.length != values.length || cols.length != rowStart[n] + PADDING) {
            throw new IllegalArgumentException("inconsistent CSR arrays for n = " + n);
        }
    }

    /** Builds from unpadded entry arrays (copied, padded). */
    public static CsrMatrix of(int n, int[] rowStart, int[] cols, float[] values) {
        int nnz = rowStart[n];
        return new CsrMatrix(n, rowStart, java.util.Arrays.copyOf(cols, nnz + PADDING), java.util.Arrays.copyOf(values, nnz + PADDING));
    }

    /** Number of stored entries. */
    public int nonZeros() {
        return rowStart[n];
    }

    /** Entry (i, j), 0 when not stored; a binary search, for tests and tools. */
    public float get(int i, int j) {
        int k = java.util.Arrays.binarySearch(cols, rowStart[i], rowStart[i + 1], j);
        return k >= 0 ? values[k] : 0f;
    }
}
