package dev.vtsne.simd;

/**
 * The hot loops of vtsne, on primitive arrays. Two implementations share this contract: the
 * {@link ScalarKernels scalar twins} (simple loops, double arithmetic: the reference) and the
 * Vector API kernels in {@code dev.vtsne.simd.panama}, with lanes running across points.
 *
 * <p>Conventions: embedding coordinates are structure-of-arrays ({@code axes[a][i]}, 2 or 3
 * axes of length n). Affinities are a CSR matrix given as {@code rowStart, cols, vals} (see
 * {@link dev.vtsne.data.CsrMatrix}); the dense, P-free repulsion loops run over every pair.
 * Per-row results go to a caller-owned {@code double[]} at {@code i * stride} (absolute row
 * index, so parallel blocks share one output array). Kernels allocate nothing per pair and never
 * touch rows outside [iFrom, iTo). The self pair j = i is excluded exactly (the j range is
 * split around i), never subtracted afterwards, so sums stay accurate for isolated points.
 *
 * <p>Error contract, vector against twin: the vector kernels accumulate in float within a j-tile
 * of at most {@link #TILE} points and in double across tiles, and use exp/log polynomials of
 * about 2 ulp; the tolerance for each kernel is written down in {@link TwinTolerance}.
 */
public interface Kernels {

    /** Points per j-tile: the tile's 2 or 3 float axes (8 to 12 KiB) stay in L1. */
    int TILE = 1024;

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
     * Squared Euclidean distances from row {@code i} of the row-major {@code points} matrix to the
     * rows {@code js[jsFrom .. jsFrom+count-1]}, written to {@code out[0..count-1]}: the scattered
     * distances of NN-descent's local joins and the random-projection tree leaves.
     */
    void squaredDistancesToRows(float[] points, int dim, int i, int[] js, int jsFrom, int count, float[] out);

    /**
     * A query-block x reference-block tile of squared Euclidean distances, for exact kNN: queries
     * are rows {@code qFrom..qTo-1} of the row-major {@code points}; the {@code refCount}
     * references are given transposed, {@code refT[k * refCount + r]} = coordinate k of reference
     * r, so lanes run across references and no per-pair reduction is needed. Writes
     * {@code out[(q - qFrom) * refCount + r]}. Differences are squared directly (not
     * |x|² + |y|² - 2x·y), so coincident points get exactly 0 and near ties keep their order.
     */
    void squaredDistanceTile(float[] points, int dim, int qFrom, int qTo, float[] refT, int refCount, float[] out);

    /**
     * The first index i in {@code from..to-1} with {@code a[i] < threshold}, or {@code to} when
     * there is none (NaN is never below). Exact kNN's selection scan: once a query's heap is full,
     * almost no distance of a reference block beats its worst kept one, and this skips those a
     * vector at a time instead of testing each with a branch.
     */
    int firstBelow(float[] a, int from, int to, float threshold);

    /**
     * The first index i in {@code from..to-1} with {@code a[i] <= max(limit, limits[limitsFrom + i - from])},
     * or {@code to} when there is none (NaN is never at most). The symmetric exact kNN's scan of a
     * tile row: the row's point keeps neighbours up to {@code limit} and each column's point up to
     * its own limit, so one pass finds the candidates of both; +infinity admits every distance.
     */
    int firstAtMost(float[] a, int from, int to, float limit, float[] limits, int limitsFrom);

    /**
     * One optimizer step on one axis, over points 0..n-1 (Jacobs' gains, as bhtsne, FIt-SNE and
     * openTSNE): gain += 0.2 where the gradient and the previous update have different signs
     * (zero is a sign of its own), else gain *= 0.8, floored at {@code minGain}; then
     * u = momentum · u - (eta · gain) · grad and y += u. Only multiplications, subtractions and
     * additions in that order (no fused multiply-add), so every implementation gives the same
     * bits. A NaN gradient counts as zero here; the optimizer's centring then fails on the NaN.
     */
    void gainsStep(float[] y, float[] update, float[] gains, float[] grad, int n, float momentum, float eta, float minGain);

    /**
     * Gaussian kernel sums for perplexity calibration over {@code m} candidate squared distances
     * {@code d}: with e_j = exp(-beta (d_j - dMin)), stores Σ e_j in {@code sums[0]} and
     * Σ e_j (d_j - dMin) in {@code sums[1]}. When {@code eOut} is not null, e_j goes to eOut[j].
     */
    void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums);

    /**
     * t-SNE repulsion, exact over all pairs: with w_ij = 1 / (1 + |y_i - y_j|²), writes per row i
     * at {@code out[i * (dims + 1)]}: Σ_{j≠i} w_ij² (y_i - y_j) for each axis, then Σ_{j≠i} w_ij.
     */
    void tsneRepulsionRows(float[][] axes, int n, int iFrom, int iTo, double[] out);

    /**
     * t-SNE attraction over the stored affinities: Σ_j p_ij w_ij (y_i - y_j) per axis at
     * {@code out[i * dims]}.
     */
    void tsneAttractionRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out);

    /** Σ_j p_ij log(1 + |y_i - y_j|²) over the stored affinities of row i, into {@code out[i]}. */
    void tsneLogKernelRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out);

    /**
     * SNE log-normalizers log Z_i = log Σ_{j≠i} exp(-|y_i - y_j|²), into {@code out[i]}, computed
     * relative to the nearest point (log-sum-exp) so a point far from all others gets a finite
     * value where Z_i itself would underflow to 0.
     */
    void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out);

    /**
     * SNE repulsion, exact over all pairs: with q_j|i = exp(-|y_i - y_j|² - logZ_i), writes
     * Σ_{j≠i} (q_j|i + q_i|j)(y_i - y_j) per axis at {@code out[i * dims]}.
     */
    void sneRepulsionRows(float[][] axes, float[] logZ, int n, int iFrom, int iTo, double[] out);

    /** Σ_j v_ij (y_i - y_j) per axis over the stored entries of row i, at {@code out[i * dims]}. */
    void weightedDifferenceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out);

    /** Σ_j v_ij |y_i - y_j|² over the stored entries of row i, into {@code out[i]}. */
    void weightedSquaredDistanceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out);
}
