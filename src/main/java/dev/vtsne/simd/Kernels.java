package dev.vtsne.simd;

/**
 * The hot loops of vtsne, on primitive arrays. Two implementations share this contract: the
 * {@link ScalarKernels scalar twins} (simple loops, double arithmetic: the reference) and the
 * Vector API kernels in {@code dev.vtsne.simd.panama}, with lanes running across points.
 *
 * <p>Conventions: embedding coordinates are structure-of-arrays (one {@code float[]} per output
 * axis, length n); dense affinity matrices are row-major {@code n × n} floats with a zero
 * diagonal; per-row results go to a caller-owned {@code double[]} at {@code i * stride} (absolute row index, so
 * parallel blocks share one output array).
 * Kernels allocate nothing and never read outside the ranges they are given. The self pair
 * j = i is always excluded exactly (not subtracted afterwards), so sums stay accurate when a
 * point is far from all others.
 *
 * <p>Error contract (vector against twin): every kernel accumulates in float within a j-tile of
 * at most {@link #TILE} points and in double across tiles, so its relative error against the
 * double twin is bounded by a few float ulps times log2(TILE) per tile. The tests hold each
 * kernel to the tolerance written beside it in {@code KernelTwinTest}.
 */
public interface Kernels {

    /** Points per j-tile: 2 or 3 float axes plus one affinity row of this many points stay in L1. */
    int TILE = 1024;

    /** Doubles per row written by {@link #tsneRows}: attraction (dims), repulsion (dims), z. */
    static int tsneStride(int dims) {
        return 2 * dims + 1;
    }

    /** Short name of the implementation, for logs and reports ("vector-512", "scalar"). */
    String name();

    /** Vector width in bits, 0 for the scalar twins. */
    int vectorBits();

    /**
     * Squared Euclidean distances from row {@code i} of the row-major {@code points} matrix
     * ({@code dim} columns) to rows {@code from..to-1}, written to {@code out[from..to-1]}.
     */
    void squaredDistances(float[] points, int dim, int i, int from, int to, float[] out);

    /**
     * Gaussian kernel sums used by perplexity calibration over {@code m} candidate squared
     * distances {@code d}: with e_j = exp(-beta (d_j - dMin)), stores Σ e_j in {@code sums[0]}
     * and Σ e_j (d_j - dMin) in {@code sums[1]}. When {@code eOut} is not null, e_j is written to
     * {@code eOut[j]}.
     */
    void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums);

    /**
     * t-SNE forces for rows {@code iFrom..iTo-1} against all other points (exact, O(n) per row).
     * With w_ij = 1 / (1 + |y_i - y_j|^2), writes per row i, at {@code out[i * tsneStride(dims)]}:
     * Σ_j p_ij w_ij (y_i - y_j) for each axis, then Σ_j w_ij^2 (y_i - y_j) for each axis, then
     * Σ_{j≠i} w_ij. {@code axes} holds 2 or 3 coordinate arrays; {@code p} is n × n.
     */
    void tsneRows(float[][] axes, float[] p, int n, int iFrom, int iTo, double[] out);

    /** Σ_j p_ij log(1 + |y_i - y_j|^2) per row i in {@code iFrom..iTo-1}, into {@code out[i]}. */
    void tsneLogKernelRows(float[][] axes, float[] p, int n, int iFrom, int iTo, double[] out);

    /**
     * SNE log-normalizers log Z_i = log Σ_{j≠i} exp(-|y_i - y_j|²) for rows {@code iFrom..iTo-1},
     * into {@code out[i]}. Computed relative to the nearest point (log-sum-exp), so a point far
     * from all others gets a finite value where Z_i itself would underflow to 0.
     */
    void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out);

    /**
     * SNE gradient rows: with {@code s} = p_j|i + p_i|j and q_j|i = exp(-|y_i - y_j|² - logZ_i),
     * writes Σ_j (s_ij - q_j|i - q_i|j)(y_i - y_j) per axis at {@code out[i * dims]}. The factor 2
     * of the gradient is left to the caller; exaggeration is applied by the caller shifting
     * {@code logZ} by log α and scaling the result by α.
     */
    void sneRows(float[][] axes, float[] s, float[] logZ, int n, int iFrom, int iTo, double[] out);

    /** Σ_j s_ij |y_i - y_j|^2 per row i in {@code iFrom..iTo-1}, into {@code out[i]}. */
    void weightedSquaredDistanceRows(float[][] axes, float[] s, int n, int iFrom, int iTo, double[] out);
}
