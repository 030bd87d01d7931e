package dev.vtsne.affinity;

import dev.vtsne.simd.CalibrationKernels;

/**
 * Finds, for one point, the Gaussian precision β whose conditional distribution over the
 * candidates has entropy log(perplexity): p_j ∝ exp(-β (d_j - d_min)), H = log Σ e_j + β Σ p_j
 * (d_j - d_min). Bisection from β = 1, doubling or halving while a bound is open, stopping at
 * |H - log perplexity| &lt; {@link #ENTROPY_TOLERANCE} or after {@link #MAX_STEPS} steps, as bhtsne,
 * FIt-SNE and openTSNE do, so P matches theirs number for number.
 *
 * <p>Subtracting d_min keeps the largest e_j at 1, so a point far from everyone does not
 * underflow to an all-zero row. When every candidate sits at the same distance (duplicates, or
 * identical input) H cannot change with β and the row stays uniform.
 */
public final class PerplexityCalibration {

    public static final double ENTROPY_TOLERANCE = 1e-5;
    public static final int MAX_STEPS = 200;

    private final CalibrationKernels kernels;
    private final double targetEntropy;
    private final double[] sums = new double[2];

    /** A calibration to {@code perplexity} using {@code kernels}; one instance per thread (it keeps scratch state). */
    public PerplexityCalibration(CalibrationKernels kernels, double perplexity) {
        this.kernels = kernels;
        this.targetEntropy = Math.log(perplexity);
    }

    /**
     * Calibrates one row: {@code d[0..m-1]} are squared distances to the candidates. Writes the
     * normalized conditional probabilities to {@code pOut[0..m-1]} and returns β.
     */
    public double calibrate(float[] d, int m, float[] pOut) {
        float dMin = Float.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            dMin = Math.min(dMin, d[j]);
        }
        double beta = 1, lo = 0, hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            kernels.gaussianSums(d, m, beta, dMin, null, sums);
            double h = Math.log(sums[0]) + beta * sums[1] / sums[0];
            double err = h - targetEntropy;
            if (Math.abs(err) < ENTROPY_TOLERANCE) {
                break;
            }
            if (err > 0) { // too flat: sharpen
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        kernels.gaussianSums(d, m, beta, dMin, pOut, sums);
        float inv = (float) (1.0 / sums[0]);
        for (int j = 0; j < m; j++) {
            pOut[j] *= inv;
        }
        return beta;
    }
}
