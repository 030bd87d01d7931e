package dev.vtsne.knn;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;

/**
 * The k nearest neighbours of every point: {@link ExactKnn exact} for small inputs, where it is
 * about as fast and has no error, and {@link NnDescent approximate} above
 * {@link #EXACT_MAX_POINTS}.
 */
public final class NearestNeighbors {

    /**
     * The largest n searched exactly. Measured (k = 90, 2 threads, AVX-512, bench's {@code KnnCrossoverMeasure}:
     * both searches one after the other on a seeded 20-cluster mixture in 50-d): at
     * 150,000 points the exact search took 6.5 s and NN-descent 27.3 s (recall 0.989); at 400,000
     * points 52.8 s and 119.4 s (recall 0.974). On fashion-mnist-pca50 (70,000 points) the exact
     * search takes ~2 s. Exact grows as n², NN-descent about as n^1.1, so the crossover lies near
     * 700,000; up to this bound the exact search is both faster and exact. (Until the exact search
     * was tiled symmetrically and seeded by locality blocks the bound was 70,000.)
     */
    public static final int EXACT_MAX_POINTS = 400_000;

    private NearestNeighbors() {}

    /**
     * The {@code k} nearest neighbours of every point: exact up to {@link #EXACT_MAX_POINTS} points, NN-descent (seeded by {@code seed}) above.
     */
    public static KnnGraph compute(Points x, int k, long seed, DistanceKernels kernels, RowBlocks pool) {
        return compute(x, k, seed, kernels, pool, KnnProgress.NONE);
    }

    /** Points of {@link #warmUp}'s synthetic searches. */
    public static final int WARM_POINTS = 2000;
    /**
     * Most columns of {@link #warmUp}'s sample: the kernels compile the same way for any width,
     * and a sample as wide as the input (100,000 columns, say) would cost 2000² · d per search and
     * three times 2000 · d floats of heap.
     */
    public static final int WARM_MAX_COLUMNS = 1024;
    private static boolean warmed;

    /**
     * Compiles the search {@link #compute} will run for {@code n} points of {@code dim}
     * coordinates, before it runs: once per JVM, the exact search on a seeded Gaussian sample of
     * {@value #WARM_POINTS} points on the calling thread, repeated (at most 4 times) until a
     * search takes under a fifth of the first. Without it the real search began in the
     * interpreter: on fashion-mnist-pca50 (70,000 points, 2 threads) its first twentieth took
     * 1.3-1.6 s instead of ~0.1 s. Measured (one run each way): warm-up 2.32 against 1.99 s, kNN
     * 2.02 against 2.89 s. Nothing is warmed above {@link #EXACT_MAX_POINTS} (NN-descent).
     */
    public static synchronized void warmUp(DistanceKernels kernels, int n, int dim, int k) {
        if (warmed || n > EXACT_MAX_POINTS || n <= WARM_POINTS) {
            return;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        dim = Math.min(dim, WARM_MAX_COLUMNS);
        float[] v = new float[WARM_POINTS * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Points sample = Points.ofRowMajor(v, WARM_POINTS, dim);
        try (RowBlocks one = new RowBlocks(1)) {
            long first = 0;
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                ExactKnn.search(sample, Math.min(k, WARM_POINTS - 1), kernels, one);
                long took = System.nanoTime() - t0;
                if (rep == 0) {
                    first = took;
                } else if (took < first / 5) {
                    break;
                }
            }
        }
        warmed = true;
    }

    /** As {@link #compute(Points, int, long, DistanceKernels, RowBlocks)}, reporting progress. */
    public static KnnGraph compute(Points x, int k, long seed, DistanceKernels kernels, RowBlocks pool, KnnProgress progress) {
        KnnArguments.check(x, k);
        if (x.size() <= EXACT_MAX_POINTS) {
            return ExactKnn.search(x, k, kernels, pool, progress);
        }
        return NnDescent.search(x, k, seed, NnDescent.Settings.defaults(x.size(), k), kernels, pool, progress);
    }
}
