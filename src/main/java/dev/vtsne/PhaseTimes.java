package dev.vtsne;

/**
 * Where a run's time went, in nanoseconds. {@code attraction} and {@code repulsion} are -1 for
 * the exact methods, which compute both terms in one fused pass (then only {@code gradient}, their
 * sum, is known). {@code kl} is the time of the periodic KL evaluations, which the optimization
 * itself does not need.
 *
 * @param pca         projecting the input on its principal components (0 when not asked)
 * @param neighbours  the kNN search (0 for the exact methods, which use all pairs)
 * @param affinities  perplexity calibration and symmetrization
 * @param attraction  the attractive term, over the affinities
 * @param repulsion   the repulsive term (Barnes-Hut, FFT or exact)
 * @param gradient    whole gradient evaluations (attraction + repulsion + combining them)
 * @param update      the optimizer's update of the coordinates
 * @param kl          KL evaluations
 * @param warmup      compiling the vector kernels before a large run (see
 *                    {@link dev.vtsne.simd.KernelWarmup}); 0 when it was done already in this JVM
 */
public record PhaseTimes(long pca, long neighbours, long affinities, long attraction, long repulsion, long gradient,
                         long update, long kl, long warmup) {

    /** Everything: warm-up, preprocessing and optimization. */
    public long total() {
        return warmup + pca + neighbours + affinities + gradient + update + kl;
    }
}
