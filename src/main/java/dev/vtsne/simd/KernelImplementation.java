package dev.vtsne.simd;

/**
 * What every job interface of the point kernels ({@link DistanceKernels}, {@link CalibrationKernels},
 * {@link GradientKernels}, {@link StepKernels}) shares: which implementation it is. Two implement
 * them all: the {@link ScalarKernels scalar twins} (simple loops, double arithmetic: the
 * reference) and the Vector API kernels in {@code dev.vtsne.simd.panama}.
 *
 * <p>Error contract, vector against twin: the vector kernels accumulate in float within a j-tile
 * of at most {@link #TILE} points and in double across tiles, and use exp/log polynomials of
 * about 2 ulp; the tolerance for each kernel is written down in {@link TwinTolerance}.
 */
public interface KernelImplementation {

    /** Points per j-tile: the tile's 2 or 3 float axes (8 to 12 KiB) stay in L1. */
    int TILE = 1024;

    /** Short name of the implementation, for logs and reports ("vector-512", "scalar"). */
    String name();

    /** Vector width in bits, 0 for the scalar twins. */
    int vectorBits();
}
