package dev.vtsne.bench;

import dev.vtsne.Points;
import dev.vtsne.io.NpyReader;
import dev.vtsne.knn.ExactKnn;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.knn.NnDescent;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not JMH: one timed approximate kNN build on a real data set and its recall against exact
 * neighbours of seeded random query points. Usage:
 * {@code KnnRecall <points.npy> [k=90] [threads=2] [queries=1000] [exactAll=false] [trees leafSize maxCandidates]}.
 * With exactAll=true it also times the full exact search. Run it with the flags of jvm.config.
 */
public final class KnnRecall {

    private KnnRecall() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/fashion-mnist-pca50.npy");
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        boolean exactAll = args.length > 4 && Boolean.parseBoolean(args[4]);
        Points x = NpyReader.readPoints(file);
        int n = x.size();
        NnDescent.Settings settings = args.length > 7
                ? new NnDescent.Settings(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                        NnDescent.Settings.defaults(n, k).maxRounds(), NnDescent.Settings.defaults(n, k).delta())
                : NnDescent.Settings.defaults(n, k);
        DistanceKernels kernels = KernelSet.preferred().distances();
        System.out.printf(Locale.ROOT, "%s: %d x %d, k = %d, %d threads, kernels %s, %s%n", file, n, x.dim(), k, threads,
                kernels.name(), settings);
        try (RowBlocks pool = new RowBlocks(threads)) {
            long t0 = System.nanoTime();
            KnnGraph approx = NnDescent.search(x, k, 42L, settings, kernels, pool,
                    (stage, step, steps) -> System.out.printf(Locale.ROOT, "  %-10s %d/%d at %.1f s%n", stage, step, steps,
                            (System.nanoTime() - t0) / 1e9));
            double approxSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "approximate kNN: %.2f s%n", approxSeconds);

            // exact neighbours of seeded random queries, by the scalar twin over all points
            SplittableRandom r = new SplittableRandom(7);
            float[] d = new float[n];
            long hits = 0;
            for (int q = 0; q < queries; q++) {
                int i = r.nextInt(n);
                KernelSet.scalar().distances().squaredDistances(x.rowMajor(), x.dim(), i, 0, n, d);
                d[i] = Float.POSITIVE_INFINITY;
                float kth = kthSmallest(d, k);
                for (int j : approx.indices()[i]) {
                    // a neighbour counts if it is within the k-th exact distance (ties at the
                    // boundary may be listed either way)
                    hits += d[j] <= kth ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "recall@%d over %d queries: %.4f%n", k, queries, hits / (double) (queries * (long) k));

            if (exactAll) {
                long t1 = System.nanoTime();
                KnnGraph exact = ExactKnn.search(x, k, kernels, pool);
                double exactSeconds = (System.nanoTime() - t1) / 1e9;
                long same = 0;
                for (int i = 0; i < n; i++) {
                    java.util.Set<Integer> s = new java.util.HashSet<>();
                    for (int j : exact.indices()[i]) {
                        s.add(j);
                    }
                    for (int j : approx.indices()[i]) {
                        same += s.contains(j) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "exact kNN: %.2f s; recall over all %d points: %.4f%n", exactSeconds, n,
                        same / (double) (n * (long) k));
            }
        }
    }

    private static float kthSmallest(float[] d, int k) {
        float[] copy = d.clone();
        java.util.Arrays.sort(copy);
        return copy[k - 1];
    }
}
