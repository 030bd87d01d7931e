package dev.vtsne.bench;

import dev.vtsne.Points;
import dev.vtsne.io.NpyReader;
import dev.vtsne.knn.ExactKnn;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.knn.KnnProgress;
import dev.vtsne.knn.NearestNeighbors;
import dev.vtsne.knn.NnDescent;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Not JMH: times NN-descent and the exact search one after the other on the first n rows of an
 * .npy file (k = 90, 2 threads) and prints NN-descent's recall against the exact graph: the
 * measurement behind {@link NearestNeighbors#EXACT_MAX_POINTS} (the figures of commit c6d68b4 came
 * from a seeded 20-cluster 50-d mixture; bench/scale-1m writes a like mixture to an .npy). Run:
 * {@code java @jvm.config -Xmx12g -cp bench/target/benchmarks.jar dev.vtsne.bench.KnnCrossoverMeasure POINTS.npy N}
 */
public final class KnnCrossoverMeasure {

    private static final int K = 90;

    private KnnCrossoverMeasure() {}

    public static void main(String[] args) throws Exception {
        Points x = NpyReader.readPoints(Path.of(args[0]));
        int n = args.length > 1 ? Math.min(Integer.parseInt(args[1]), x.size()) : x.size();
        if (n < x.size()) {
            x = Points.ofRowMajor(Arrays.copyOf(x.rowMajor(), n * x.dim()), n, x.dim());
        }
        DistanceKernels kernels = KernelSet.preferred().distances();
        try (RowBlocks pool = new RowBlocks(2)) {
            NearestNeighbors.warmUp(kernels, NearestNeighbors.EXACT_MAX_POINTS, x.dim(), K);
            long t0 = System.nanoTime();
            KnnGraph descent = NnDescent.search(x, K, 42, NnDescent.Settings.defaults(n, K), kernels, pool, KnnProgress.NONE);
            long t1 = System.nanoTime();
            KnnGraph exact = ExactKnn.search(x, K, kernels, pool);
            long t2 = System.nanoTime();
            long found = 0;
            for (int i = 0; i < n; i++) {
                Set<Integer> truth = new HashSet<>();
                for (int j : exact.indices()[i]) {
                    truth.add(j);
                }
                for (int j : descent.indices()[i]) {
                    found += truth.contains(j) ? 1 : 0;
                }
            }
            System.out.printf("n %d: nn-descent %.2f s (recall %.4f), exact %.2f s%n",
                    n, (t1 - t0) / 1e9, found / ((double) K * n), (t2 - t1) / 1e9);
        }
    }
}
