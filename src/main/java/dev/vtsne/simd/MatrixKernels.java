package dev.vtsne.simd;

/**
 * Dense matrix products for randomized PCA, on row-major {@code float[]} matrices. The data X
 * (n × d) is centred on the fly with a caller-given {@code mean}, so no centred copy of X is
 * made. The other factor is a narrow matrix of {@code width} columns, {@code width} a multiple
 * of {@link #WIDTH_MULTIPLE}: the callers own that layout and pad it with zero columns, so the
 * Vector API kernels run lanes across those columns with no ragged tail at any width up to 512
 * bits.
 *
 * <p>Two implementations: the {@link ScalarMatrixKernels scalar twins} (double arithmetic, the
 * reference) and {@code dev.vtsne.simd.panama.VectorMatrixKernels}, which accumulate each output
 * in float in a fixed order (over k for {@link #centeredTimes}; over rows within tiles of
 * {@link #ROW_TILE} rows, then in double across tiles, for {@link #centeredTransposeTimes}). Every
 * output depends only on its own inputs and on {@code rowFrom}, never on how a caller's threads
 * are scheduled. Tolerances are written down in {@link TwinTolerance#matrixProduct}.
 */
public interface MatrixKernels {

    /** {@code width} must be a multiple of this: 16 floats, one 512-bit vector. */
    int WIDTH_MULTIPLE = 16;

    /** Rows accumulated in float before a partial sum is added into the double output. */
    int ROW_TILE = 128;

    /** Short name of the implementation ("vector-512", "scalar"). */
    String name();

    /** Vector width in bits, 0 for the scalar twins. */
    int vectorBits();

    /**
     * Row-wise product of the centred data with a d × width matrix:
     * {@code out[i * width + c] = Σ_k (x[i * d + k] - mean[k]) · w[k * width + c]} for rows i in
     * [rowFrom, rowTo) and every c in [0, width). Rows outside the range are not touched.
     */
    void centeredTimes(float[] x, int d, float[] mean, float[] w, int width, int rowFrom, int rowTo, float[] out);

    /**
     * Transposed product over a range of rows, added into a d × width double matrix:
     * {@code out[k * width + c] += Σ_{i in [rowFrom, rowTo)} (x[i * d + k] - mean[k]) · q[i * width + c]}.
     * This is the reduction over rows; callers cut rows into fixed ranges and add the ranges'
     * partial results in range order, so sums do not depend on the thread count.
     */
    void centeredTransposeTimes(float[] x, int d, float[] mean, float[] q, int width, int rowFrom, int rowTo, double[] out);

    /** The argument checks both implementations share (cheap: once per call, not per row). */
    static void checkShapes(float[] x, int d, float[] mean, float[] other, int width, int rowFrom, int rowTo) {
        if (d < 1 || width < WIDTH_MULTIPLE || width % WIDTH_MULTIPLE != 0) {
            throw new IllegalArgumentException("need d >= 1 and width a positive multiple of " + WIDTH_MULTIPLE + ", got d = " + d + ", width = " + width);
        }
        if (mean.length < d) {
            throw new IllegalArgumentException("mean has " + mean.length + " values, need " + d);
        }
        if (rowFrom < 0 || rowTo < rowFrom || (long) rowTo * d > x.length) {
            throw new IllegalArgumentException("rows [" + rowFrom + ", " + rowTo + ") outside a " + (x.length / d) + "-row matrix");
        }
    }
}
