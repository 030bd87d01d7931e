package dev.vtsne;

/**
 * Where a fit's time went before its first iteration, in nanoseconds; the first four of
 * {@link PhaseTimes}, which adds the optimizer's. Each step of the fit carries the times of the
 * steps before it ({@link NeighborGraph}, {@link AffinityMatrix}); a value given instead of
 * computed carries 0 for what it did not compute.
 *
 * @param warmup     compiling the vector kernels (0 when done already in this JVM or not needed)
 * @param pca        projecting the input on its principal components (0 when not asked)
 * @param neighbours the kNN search (0 for the exact methods)
 * @param affinities perplexity calibration and symmetrization
 */
record PreparationTimes(long warmup, long pca, long neighbours, long affinities) {

    /** Nothing computed. */
    static final PreparationTimes NONE = new PreparationTimes(0, 0, 0, 0);

    /** These times with {@code nanos} more warm-up. */
    PreparationTimes plusWarmup(long nanos) {
        return new PreparationTimes(warmup + nanos, pca, neighbours, affinities);
    }

    /** These times with the affinities' time set to {@code nanos}. */
    PreparationTimes withAffinities(long nanos) {
        return new PreparationTimes(warmup, pca, neighbours, nanos);
    }
}
