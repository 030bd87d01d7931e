package dev.vtsne.simd;

/**
 * The per-row sums of the gradients and the KL divergence: t-SNE's and SNE's attraction and
 * repulsion over an embedding's points.
 *
 * <p>Conventions: embedding coordinates are structure-of-arrays ({@code axes[a][i]}, 2 or 3
 * axes of length n). Affinities are a CSR matrix given as {@code rowStart, cols, vals} (see
 * {@link dev.vtsne.data.CsrMatrix}); the dense, P-free repulsion loops run over every pair.
 * Per-row results go to a caller-owned {@code double[]} at {@code i * stride} (absolute row
 * index, so parallel blocks share one output array). Kernels allocate nothing per pair and never
 * touch rows outside [iFrom, iTo). The self pair j = i is excluded exactly (the j range is
 * split around i), never subtracted afterwards, so sums stay accurate for isolated points.
 */
public interface GradientKernels extends KernelImplementation {

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
