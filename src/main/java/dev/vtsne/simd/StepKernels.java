package dev.vtsne.simd;

/** The optimizer's update of the map, one axis at a time. */
public interface StepKernels extends KernelImplementation {

    /**
     * One optimizer step on one axis, over points 0..n-1 (Jacobs' gains, as bhtsne, FIt-SNE and
     * openTSNE): gain += 0.2 where the gradient and the previous update have different signs
     * (zero is a sign of its own), else gain *= 0.8, floored at {@code minGain}; then
     * u = momentum · u - (eta · gain) · grad and y += u. Only multiplications, subtractions and
     * additions in that order (no fused multiply-add), so every implementation gives the same
     * bits. A NaN gradient counts as zero here; the optimizer's centring then fails on the NaN.
     */
    void gainsStep(float[] y, float[] update, float[] gains, float[] grad, int n, float momentum, float eta, float minGain);
}
