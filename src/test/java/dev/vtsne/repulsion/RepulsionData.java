package dev.vtsne.repulsion;

import java.util.SplittableRandom;

/** Seeded embeddings (one array per axis) for the repulsion tests, and the error measures. */
final class RepulsionData {

    private RepulsionData() {}

    /** The kinds of map the approximations are checked on. */
    enum Kind {
        /** Uniform in a 50-unit box. */
        UNIFORM,
        /** One isotropic Gaussian, sd 10. */
        GAUSSIAN,
        /** 10 tight clusters (sd 1) with centres ~ N(0, 30²): a late t-SNE map. */
        CLUSTERED,
        /** Gaussian, but half the points are exact copies of 5 of the others. */
        DUPLICATES
    }

    /**
     * Half the points Gaussian (sd 10), half within about 1e-6 of (1, 1, ...): distinct floats, but
     * far closer than the tree's finest cell, so they share one leaf.
     */
    static float[][] nearDuplicates(int n, int dims, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[dims][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                y[a][i] = (float) (i % 2 == 0 ? 1 + 1e-6 * r.nextGaussian() : 10 * r.nextGaussian());
            }
        }
        return y;
    }

    static float[][] make(Kind kind, int n, int dims, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[dims][n];
        double[][] centres = new double[10][dims];
        for (double[] c : centres) {
            for (int a = 0; a < dims; a++) {
                c[a] = 30 * r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                y[a][i] = (float) switch (kind) {
                    case UNIFORM -> 50 * r.nextDouble();
                    case GAUSSIAN, DUPLICATES -> 10 * r.nextGaussian();
                    case CLUSTERED -> centres[i % 10][a] + r.nextGaussian();
                };
            }
        }
        if (kind == Kind.DUPLICATES) {
            for (int i = 0; i < n; i += 2) {
                int source = 1 + 2 * r.nextInt(5); // odd points are never overwritten
                for (int a = 0; a < dims; a++) {
                    y[a][i] = y[a][source];
                }
            }
        }
        return y;
    }

    /** Σ_{j≠i} w² (y_i − y_j) into out and Σ_{i≠j} w returned, all in double: the reference. */
    static double bruteForce(float[][] y, double[] out) {
        int dims = y.length, n = y[0].length;
        double z = 0;
        double[] d = new double[dims];
        for (int i = 0; i < n; i++) {
            double[] f = new double[dims];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = 0;
                for (int a = 0; a < dims; a++) {
                    d[a] = (double) y[a][i] - y[a][j];
                    d2 += d[a] * d[a];
                }
                double w = 1 / (1 + d2);
                z += w;
                for (int a = 0; a < dims; a++) {
                    f[a] += w * w * d[a];
                }
            }
            System.arraycopy(f, 0, out, i * dims, dims);
        }
        return z;
    }

    /** |F/Z − G/Zg|₂ / |G/Zg|₂: the error of the repulsive field the optimizer sees. */
    static double fieldError(double[] f, double z, double[] g, double zg) {
        double num = 0, den = 0;
        for (int k = 0; k < g.length; k++) {
            double e = f[k] / z - g[k] / zg;
            num += e * e;
            den += (g[k] / zg) * (g[k] / zg);
        }
        return Math.sqrt(num) / Math.sqrt(den);
    }

    /** |F − G|₂ / |G|₂ over the raw sums. */
    static double rawError(double[] f, double[] g) {
        double num = 0, den = 0;
        for (int k = 0; k < g.length; k++) {
            num += (f[k] - g[k]) * (f[k] - g[k]);
            den += g[k] * g[k];
        }
        return Math.sqrt(num) / Math.sqrt(den);
    }
}
