package dev.vtsne;

import java.util.Objects;

/**
 * Input points: {@code n} rows of {@code dim} floats, row-major in one array (what distance and
 * PCA loops read). Every value is checked finite on construction, so nothing downstream has to
 * guard against NaN or infinity.
 */
public final class Points {

    private final float[] values;
    private final int n;
    private final int dim;

    private Points(float[] values, int n, int dim) {
        this.values = values;
        this.n = n;
        this.dim = dim;
    }

    /** Wraps a row-major array of {@code n * dim} values (not copied). */
    public static Points ofRowMajor(float[] values, int n, int dim) {
        Objects.requireNonNull(values, "values");
        if (n < 1 || dim < 1) {
            throw new IllegalArgumentException("points need at least one row and one column, got " + n + " x " + dim);
        }
        if ((long) n * dim != values.length) {
            throw new IllegalArgumentException("expected " + ((long) n * dim) + " values for " + n + " x " + dim + ", got " + values.length);
        }
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("value at row " + (k / dim + 1) + ", column " + (k % dim + 1)
                        + " is " + values[k] + "; remove or impute non-finite values first");
            }
        }
        return new Points(values, n, dim);
    }

    /** Copies rows of equal length; values beyond the float range are refused, not rounded to infinity. */
    public static Points of(double[][] rows) {
        int dim = checkRectangular(rows, r -> r.length);
        float[] v = new float[Math.multiplyExact(rows.length, dim)];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < dim; k++) {
                if (Math.abs(rows[i][k]) > Float.MAX_VALUE && Double.isFinite(rows[i][k])) {
                    throw new IllegalArgumentException("value at row " + (i + 1) + ", column " + (k + 1) + " (" + rows[i][k] + ") is outside the float range; rescale the data");
                }
                v[i * dim + k] = (float) rows[i][k];
            }
        }
        return ofRowMajor(v, rows.length, dim);
    }

    /** Copies rows of equal length. */
    public static Points of(float[][] rows) {
        int dim = checkRectangular(rows, r -> r.length);
        float[] v = new float[Math.multiplyExact(rows.length, dim)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, v, i * dim, dim);
        }
        return ofRowMajor(v, rows.length, dim);
    }

    /** The common row length, or a message naming the first row that differs. */
    private static <R> int checkRectangular(R[] rows, java.util.function.ToIntFunction<R> length) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("no points given");
        }
        int dim = length.applyAsInt(row(rows, 0));
        for (int i = 1; i < rows.length; i++) {
            int len = length.applyAsInt(row(rows, i));
            if (len != dim) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + len + " values, row 1 has " + dim + "; all rows must have the same length");
            }
        }
        return dim;
    }

    private static <R> R row(R[] rows, int i) {
        return Objects.requireNonNull(rows[i], () -> "rows[" + i + "] (row " + (i + 1) + ") is null; give every row its values");
    }

    /** Number of points (rows). */
    public int size() {
        return n;
    }

    /** Features per point (columns). */
    public int dim() {
        return dim;
    }

    /** The backing row-major array; read it, do not modify it. */
    public float[] rowMajor() {
        return values;
    }

    /** The value at {@code row}, {@code col} (0-based). */
    public float get(int row, int col) {
        return values[row * dim + col];
    }
}
