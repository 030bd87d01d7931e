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
     * The largest n searched exactly. Set by measurement (KnnRecall, 50-d, 2 threads): see the
     * figures in the commit that set it.
     */
    public static final int EXACT_MAX_POINTS = 20_000;

    private NearestNeighbors() {}

    public static KnnGraph compute(Points x, int k, long seed, Kernels kernels, RowBlocks pool) {
        return compute(x, k, seed, kernels, pool, KnnProgress.NONE);
    }

    public static KnnGraph compute(Points x, int k, long seed, Kernels kernels, RowBlocks pool, KnnProgress progress) {
        KnnArguments.check(x, k);
        if (x.size() <= EXACT_MAX_POINTS) {
            return ExactKnn.search(x, k, kernels, pool, progress);
        }
        return NnDescent.search(x, k, seed, NnDescent.Settings.defaults(x.size(), k), kernels, pool, progress);
    }
}
