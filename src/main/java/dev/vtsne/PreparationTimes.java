package dev.vtsne;

/**
 * Where a fit's time went before its first iteration, in nanoseconds; the first four of
 * {@link PhaseTimes}, which adds the optimizer's.
 *
 * @param warmup     compiling the vector kernels (0 when done already in this JVM or not needed)
 * @param pca        projecting the input on its principal components (0 when not asked)
 * @param neighbours the kNN search (0 for the exact methods)
 * @param affinities perplexity calibration and symmetrization
 */
record PreparationTimes(long warmup, long pca, long neighbours, long affinities) {}
