package dev.vtsne.init;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import java.util.SplittableRandom;

/**
 * The standard t-SNE initialization: the data's leading principal components, scaled so the
 * first has standard deviation 1e-4 (openTSNE, FIt-SNE). Components come by power iteration with
 * deflation from a seeded start, on the d × d covariance ({@link CovariancePca}) or, for wide
 * data (more columns than points), on the n × n Gram matrix ({@link GramPca}), which gives the
 * same projections at a cost in n² rather than d². Each component's sign is fixed so that its
 * largest loading is positive: the same input gives the same start. When the data has no spread
 * at all (every point identical) there is no principal direction and the seeded random
 * initialization is used instead.
 */
public final class PcaInitialization {

    public static final double TARGET_STD = 1e-4;

    private PcaInitialization() {}

    /**
     * SoA coordinates, {@code dims} arrays of length n. The matrix products run on {@code pool}
     * and stop with a {@link java.util.concurrent.CancellationException} when its run is cancelled.
     */
    public static float[][] compute(Points x, int dims, long seed, RowBlocks pool, InitProgress progress) {
        return compute(x, dims, seed, pool, progress, x.dim() > x.size());
    }

    /** As above, through the Gram matrix when {@code gram} (tests compare both on the same data). */
    static float[][] compute(Points x, int dims, long seed, RowBlocks pool, InitProgress progress, boolean gram) {
        int n = x.size();
        double[] mean = mean(x);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] y = gram
                ? GramPca.projections(x, mean, dims, random, pool, progress)
                : CovariancePca.projections(x, mean, dims, random, pool, progress);
        if (y[0] == null) {
            return RandomInitialization.compute(n, dims, seed);
        }
        double std = std(y[0]);
        if (!(std > 0)) {
            return RandomInitialization.compute(n, dims, seed);
        }
        float[][] out = new float[dims][n];
        double scale = TARGET_STD / std;
        for (int c = 0; c < dims; c++) {
            if (y[c] == null) {
                continue; // fewer informative directions than output axes: that axis starts at 0
            }
            for (int i = 0; i < n; i++) {
                out[c][i] = (float) (y[c][i] * scale);
            }
        }
        return out;
    }

    private static double[] mean(Points x) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        return mean;
    }

    private static double std(double[] a) {
        double m = 0;
        for (double t : a) {
            m += t;
        }
        m /= a.length;
        double s = 0;
        for (double t : a) {
            s += (t - m) * (t - m);
        }
        return Math.sqrt(s / a.length);
    }
}
