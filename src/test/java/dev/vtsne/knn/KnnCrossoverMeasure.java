package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.util.HashSet;
import java.util.Set;

/**
 * Not a unit test: times NN-descent and the exact search one after the other on n points of a
 * seeded 20-cluster mixture in 50-d (k = 90, 2 threads), and prints NN-descent's recall against
 * the exact graph: the measurement behind {@link NearestNeighbors#EXACT_MAX_POINTS}. Run:
 * {@code java @jvm.config -Xmx12g -cp target/classes:target/test-classes:'target/lib/*' dev.vtsne.knn.KnnCrossoverMeasure N}
 */
public final class KnnCrossoverMeasure {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Points x = KnnTestData.mixture(n, 50, 20, 42);
        Kernels kernels = KernelProvider.kernels();
        try (RowBlocks pool = new RowBlocks(2)) {
            NearestNeighbors.warmUp(kernels, NearestNeighbors.EXACT_MAX_POINTS, 50, 90);
            long t0 = System.nanoTime();
            KnnGraph descent = NnDescent.search(x, 90, 42, NnDescent.Settings.defaults(n, 90), kernels, pool, KnnProgress.NONE);
            long t1 = System.nanoTime();
            KnnGraph exact = ExactKnn.search(x, 90, kernels, pool);
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
                    n, (t1 - t0) / 1e9, found / (90.0 * n), (t2 - t1) / 1e9);
        }
    }
}
