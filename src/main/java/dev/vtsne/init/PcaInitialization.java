package dev.vtsne.init;

import dev.vtsne.data.Points;
import java.util.SplittableRandom;

/**
 * The standard t-SNE initialization: the data's leading principal components, scaled so the
 * first has standard deviation 1e-4 (openTSNE, FIt-SNE). Components come from the covariance
 * matrix (double) by power iteration with deflation from a seeded start, and each component's
 * sign is fixed so that its largest loading is positive: the same input gives the same start.
 * When the data has no spread at all (every point identical) there is no principal direction
 * and the seeded random initialization is used instead.
 */
public final class PcaInitialization {

    public static final double TARGET_STD = 1e-4;
    private static final int MAX_POWER_STEPS = 2000;
    private static final double CONVERGED = 1e-12;

    private PcaInitialization() {}

    /** SoA coordinates, {@code dims} arrays of length n. */
    public static float[][] compute(Points x, int dims, long seed) {
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
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                row[k] = v[i * d + k] - mean[k];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                double[] ca = cov[a];
                for (int b = a; b < d; b++) {
                    ca[b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int comps = Math.min(dims, d);
        double[][] components = new double[dims][];
        for (int c = 0; c < comps; c++) {
            double[] u = powerIteration(cov, random);
            if (u == null) {
                break;
            }
            fixSign(u);
            components[c] = u;
            double lambda = rayleigh(cov, u);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * u[a] * u[b];
                }
            }
        }
        if (components[0] == null) {
            return RandomInitialization.compute(n, dims, seed);
        }
        double[][] y = new double[dims][n];
        for (int c = 0; c < dims; c++) {
            if (components[c] == null) {
                continue; // fewer informative directions than output axes: that axis starts at 0
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (v[i * d + k] - mean[k]) * components[c][k];
                }
                y[c][i] = s;
            }
        }
        double std = std(y[0]);
        if (!(std > 0)) {
            return RandomInitialization.compute(n, dims, seed);
        }
        float[][] out = new float[dims][n];
        double scale = TARGET_STD / std;
        for (int c = 0; c < dims; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = (float) (y[c][i] * scale);
            }
        }
        return out;
    }

    private static double[] powerIteration(double[][] cov, SplittableRandom random) {
        int d = cov.length;
        double[] u = new double[d];
        for (int k = 0; k < d; k++) {
            u[k] = random.nextGaussian();
        }
        if (!normalize(u)) {
            return null;
        }
        double[] next = new double[d];
        for (int step = 0; step < MAX_POWER_STEPS; step++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += cov[a][b] * u[b];
                }
                next[a] = s;
            }
            if (!normalize(next)) {
                return null; // no variance left in the remaining directions
            }
            double change = 0;
            for (int k = 0; k < d; k++) {
                change = Math.max(change, Math.abs(Math.abs(next[k]) - Math.abs(u[k])));
            }
            double[] t = u;
            u = next;
            next = t;
            if (change < CONVERGED) {
                break;
            }
        }
        return u;
    }

    private static boolean normalize(double[] u) {
        double s = 0;
        for (double t : u) {
            s += t * t;
        }
        double norm = Math.sqrt(s);
        if (!(norm > 1e-300) || !Double.isFinite(norm)) {
            return false;
        }
        for (int k = 0; k < u.length; k++) {
            u[k] /= norm;
        }
        return true;
    }

    private static double rayleigh(double[][] cov, double[] u) {
        double s = 0;
        for (int a = 0; a < u.length; a++) {
            double t = 0;
            for (int b = 0; b < u.length; b++) {
                t += cov[a][b] * u[b];
            }
            s += u[a] * t;
        }
        return s;
    }

    private static void fixSign(double[] u) {
        int arg = 0;
        for (int k = 1; k < u.length; k++) {
            if (Math.abs(u[k]) > Math.abs(u[arg])) {
                arg = k;
            }
        }
        if (u[arg] < 0) {
            for (int k = 0; k < u.length; k++) {
                u[k] = -u[k];
            }
        }
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
