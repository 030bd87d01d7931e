package dev.vtsne.simd;

/** The Gaussian kernel sums that perplexity calibration searches its precision with. */
public interface CalibrationKernels extends KernelImplementation {

    /**
     * Gaussian kernel sums for perplexity calibration over {@code m} candidate squared distances
     * {@code d}: with e_j = exp(-beta (d_j - dMin)), stores Σ e_j in {@code sums[0]} and
     * Σ e_j (d_j - dMin) in {@code sums[1]}. When {@code eOut} is not null, e_j goes to eOut[j].
     */
    void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums);
}
