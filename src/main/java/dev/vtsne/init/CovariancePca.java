package dev.vtsne.init;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import java.util.SplittableRandom;

/**
 * The leading principal components of n × d data with d ≤ n, from its d × d covariance
 * (unnormalized, double): the eigenvectors by {@link PowerIteration}, each signed so that its
 * largest loading is positive, and the centred data projected on them.
 */
final class CovariancePca {

    /**
     * Passes the covariance is built in, each reported as a progress step. A pass gives each
     * thread one block of covariance rows, and each block reads all of the data once.
     */
    private static final int PASSES = 8;

    private CovariancePca() {}

    /**
     * Projections on the leading {@code dims} components ({@code dims} arrays of length n; null
     * for a component that could not be found, all null when the data has no spread).
     */
    static double[][] projections(Points x, double[] mean, int dims, SplittableRandom random, RowBlocks pool, InitProgress progress) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[][] cov = covariance(v, n, d, mean, pool, progress);
        double[][] components = PowerIteration.leading(cov, dims, random, pool, progress);
        double[][] y = new double[dims][];
        for (int c = 0; c < dims; c++) {
            double[] u = components[c];
            if (u == null) {
                continue;
            }
            fixSign(u);
            double[] yc = y[c] = new double[n];
            pool.forEach(n, 1024, (long) n * d, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += (v[i * d + k] - mean[k]) * u[k];
                    }
                    yc[i] = s;
                }
            });
        }
        return y;
    }

    /**
     * Σ_i (x_i - mean)(x_i - mean)ᵀ. Each entry is summed over the points in point order (the
     * tasks split the matrix's rows, not the points), so the result does not depend on threads.
     */
    static double[][] covariance(float[] v, int n, int d, double[] mean, RowBlocks pool, InitProgress progress) {
        double[][] cov = new double[d][d];
        int passRows = Math.max(1, (d + PASSES - 1) / PASSES);
        int passes = (d + passRows - 1) / passRows;
        for (int p = 0; p < passes; p++) {
            int first = p * passRows, rows = Math.min(d, first + passRows) - first;
            int block = (rows + pool.threads() - 1) / pool.threads();
            pool.forEach(rows, block, (long) n * rows * (d - first), (from, to) -> {
                int a0 = first + from, a1 = first + to;
                double[] row = new double[d];
                for (int i = 0; i < n; i++) {
                    for (int k = a0; k < d; k++) {
                        row[k] = v[i * d + k] - mean[k];
                    }
                    for (int a = a0; a < a1; a++) {
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
            });
            progress.step("covariance", p + 1, passes);
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        return cov;
    }

    /** The index of the largest-magnitude entry (the first, on ties): its sign is the component's. */
    static int largestMagnitude(double[] u) {
        int arg = 0;
        for (int k = 1; k < u.length; k++) {
            if (Math.abs(u[k]) > Math.abs(u[arg])) {
                arg = k;
            }
        }
        return arg;
    }

    /** Makes the largest-magnitude entry (the first, on ties) positive. */
    static void fixSign(double[] u) {
        if (u[largestMagnitude(u)] < 0) {
            for (int k = 0; k < u.length; k++) {
                u[k] = -u[k];
            }
        }
    }
}
