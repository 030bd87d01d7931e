package dev.vtsne.simd;

/**
 * How far each vector kernel may be from its scalar twin (double arithmetic): the one list that
 * {@link SelfCheck} ({@code vtsne selftest}) and the twin tests hold the kernels to. Each method
 * returns the largest allowed |vector − twin| for one output.
 *
 * <p>Why these values (ε = float epsilon, 1.19e-7): the vector kernels accumulate in float within
 * a j-tile (at most {@link KernelImplementation#TILE} / lanes terms per lane, then a fixed order over lanes)
 * and in double across tiles, with exp and log polynomials of about 2 ulp. Kernels that are a
 * search or element-wise arithmetic in one order (firstBelow, firstAtMost, gainsStep, the FFT
 * butterflies) have no tolerance: they give the twin's result exactly.
 */
public final class TwinTolerance {

    private TwinTolerance() {}

    /**
     * squaredDistances, squaredDistancesToRows, squaredDistanceTile: 1e-5 of the twin's distance
     * + 1e-6 (float sums of non-negative products over up to 784 dimensions).
     */
    public static double squaredDistance(double twin) {
        return 1e-5 * twin + 1e-6;
    }

    /** gaussianSums' Σ e_j: relative 1e-5 (non-negative terms). */
    public static double gaussianSum(double twin) {
        return 1e-5 * twin;
    }

    /** gaussianSums' Σ e_j (d_j − dMin): relative 1e-5, and 1e-30 for a sum of zeros. */
    public static double gaussianWeightedSum(double twin) {
        return 1e-5 * twin + 1e-30;
    }

    /** gaussianSums' single e_j ≤ 1: absolute 1e-6. */
    public static final double GAUSSIAN_TERM = 1e-6;

    /**
     * tsneRepulsionRows, tsneAttractionRows, sneRepulsionRows, weightedDifferenceRows: 1e-4 of
     * the largest magnitude in the output's column (forces are sums with cancellation, so the
     * bound is against the column's scale).
     */
    public static double forceColumn(double columnScale) {
        return 1e-4 * columnScale + 1e-30;
    }

    /**
     * tsneLogKernelRows: relative 1e-5, plus float rounding of 1 + d² (2^-24 per unit of the row's
     * Σ p): below d² = 1e-7 the float sum loses d², so on maps 1e-4 wide (PCA initialization)
     * the terms are ~0 in float.
     */
    public static double logKernel(double twin, double rowP) {
        return 1e-5 * twin + 0x1p-23 * rowP + 1e-30;
    }

    /** weightedSquaredDistanceRows: relative 1e-5 (non-negative terms). */
    public static double weightedSquaredDistance(double twin) {
        return 1e-5 * twin + 1e-30;
    }

    /** sneLogNormalizerRows: 1e-5, relative above 1 (it is a logarithm). */
    public static double logNormalizer(double twin) {
        return 1e-5 * Math.max(1, Math.abs(twin));
    }

    /**
     * The PCA products (centeredTimes, centeredTransposeTimes): 1e-5 of the sum of the output's
     * terms' magnitudes Σ |x̄ · w| (float accumulation of up to d, or a row tile, of terms per
     * lane: rounding about √terms · 6e-8 of that sum).
     */
    public static double matrixProduct(double termMagnitudes) {
        return 1e-5 * termMagnitudes + 1e-30;
    }
}
