package dev.vtsne.knn;

import dev.vtsne.Points;
import java.util.SplittableRandom;

/** Seeded synthetic inputs for the kNN tests. */
final class KnnTestData {

    private KnnTestData() {}

    /**
     * A Gaussian mixture of realistic structure: {@code clusters} centres ~ N(0, 6²) per
     * coordinate, each cluster anisotropic (per-coordinate scales from 0.2 to 2, a different
     * random set per cluster) and of unequal size.
     */
    static Points mixture(int n, int dim, int clusters, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centre = new double[clusters][dim];
        double[][] scale = new double[clusters][dim];
        double[] weight = new double[clusters];
        double total = 0;
        for (int c = 0; c < clusters; c++) {
            for (int q = 0; q < dim; q++) {
                centre[c][q] = 6 * r.nextGaussian();
                scale[c][q] = 0.2 + 1.8 * r.nextDouble() * r.nextDouble();
            }
            weight[c] = 0.5 + r.nextDouble();
            total += weight[c];
        }
        float[] v = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * total;
            int c = 0;
            while (c < clusters - 1 && u >= weight[c]) {
                u -= weight[c];
                c++;
            }
            for (int q = 0; q < dim; q++) {
                v[i * dim + q] = (float) (centre[c][q] + scale[c][q] * r.nextGaussian());
            }
        }
        return Points.ofRowMajor(v, n, dim);
    }

    /** Uniform in a cube, for the exact search's twin test. */
    static Points uniform(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * dim];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) r.nextDouble(-1, 1);
        }
        return Points.ofRowMajor(v, n, dim);
    }

    /** Exact neighbour lists by a scalar double-precision scan: the twin of the exact search. */
    static int[][] bruteForce(Points x, int k, double[][] distOut) {
        return dev.vtsne.testing.BruteForceKnn.indices(x, k, distOut);
    }

    /** The fraction of approximate neighbours that are true neighbours. */
    static double recall(KnnGraph approx, int[][] exact) {
        long hits = 0, total = 0;
        for (int i = 0; i < exact.length; i++) {
            java.util.Set<Integer> s = new java.util.HashSet<>();
            for (int j : exact[i]) {
                s.add(j);
            }
            for (int j : approx.indices()[i]) {
                hits += s.contains(j) ? 1 : 0;
            }
            total += exact[i].length;
        }
        return hits / (double) total;
    }
}
