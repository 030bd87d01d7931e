package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;

/**
 * The k nearest neighbours of every point: {@link ExactKnn exact} for small inputs, where it is
 * about as fast and has no error, and {@link NnDescent approximate} above
 * {@link #EXACT_MAX_POINTS}.
 */
public final class NearestNeighbors {

    /**
     * The largest n searched exactly. Set by measurement on fashion-mnist-pca50 (k = 90, 2 shared,
     * busy cores, AVX-512): the exact search took 19.6 s for all 70,000 points where NN-descent
     * took 31.7 to 34.7 s (recall 0.9986); at 20,000 points exact took about 5 s on one thread.
     * Exact grows as n², NN-descent about as n, so the crossover lies somewhat above 70,000.
     */
    public static final int EXACT_MAX_POINTS = 70_000;

    private NearestNeighbors() {}

    /**
     * The {@code k} nearest neighbours of every point: exact up to {@link #EXACT_MAX_POINTS} points, NN-descent (seeded by {@code seed}) above.
     */
    public static KnnGraph compute(Points x, int k, long seed, Kernels kernels, RowBlocks pool) {
        return compute(x, k, seed, kernels, pool, KnnProgress.NONE);
    }

    /** As {@link #compute(Points, int, long, Kernels, RowBlocks)}, reporting progress. */
    public static KnnGraph compute(Points x, int k, long seed, Kernels kernels, RowBlocks pool, KnnProgress progress) {
        KnnArguments.check(x, k);
        if (x.size() <= EXACT_MAX_POINTS) {
            return ExactKnn.search(x, k, kernels, pool, progress);
        }
        return NnDescent.search(x, k, seed, NnDescent.Settings.defaults(x.size(), k), kernels, pool, progress);
    }
}
