package dev.vtsne.init;

import dev.vtsne.parallel.RowBlocks;
import java.util.SplittableRandom;

/**
 * Leading eigenvectors of a symmetric positive semi-definite matrix (double, m × m) by power
 * iteration with deflation, each from a seeded Gaussian start. The matrix-vector products run
 * on the pool by blocks of rows, each row summed in column order, so the result does not depend
 * on the thread count, and every product is a pass that stops when the run is cancelled.
 */
final class PowerIteration {

    static final int MAX_STEPS = 2000;
    private static final double CONVERGED = 1e-12;
    /** Rows of the matrix per task of a product. */
    private static final int ROW_BLOCK = 64;

    private PowerIteration() {}

    /**
     * Up to {@code count} unit eigenvectors of {@code m}, largest eigenvalue first; the array is
     * null from the first one that could not be found (no variance left). {@code m} is deflated
     * in place. Signs are as the iteration left them: the caller fixes them.
     */
    static double[][] leading(double[][] m, int count, SplittableRandom random, RowBlocks pool, InitProgress progress) {
        int size = m.length;
        double[][] vectors = new double[count][];
        for (int c = 0; c < Math.min(count, size); c++) {
            double[] u = iterate(m, random, pool, progress, "component " + (c + 1));
            if (u == null) {
                break;
            }
            vectors[c] = u;
            double lambda = rayleigh(m, u, pool);
            pool.forEach(size, ROW_BLOCK, (long) size * size, (from, to) -> {
                for (int a = from; a < to; a++) {
                    double[] row = m[a];
                    for (int b = 0; b < size; b++) {
                        row[b] -= lambda * u[a] * u[b];
                    }
                }
            });
        }
        return vectors;
    }

    private static double[] iterate(double[][] m, SplittableRandom random, RowBlocks pool, InitProgress progress, String stage) {
        int size = m.length;
        double[] u = new double[size];
        for (int k = 0; k < size; k++) {
            u[k] = random.nextGaussian();
        }
        if (!normalize(u)) {
            return null;
        }
        double[] next = new double[size];
        for (int step = 0; step < MAX_STEPS; step++) {
            times(m, u, next, pool);
            if (!normalize(next)) {
                return null; // no variance left in the remaining directions
            }
            double change = 0;
            for (int k = 0; k < size; k++) {
                change = Math.max(change, Math.abs(Math.abs(next[k]) - Math.abs(u[k])));
            }
            double[] t = u;
            u = next;
            next = t;
            progress.step(stage, step + 1, MAX_STEPS);
            if (change < CONVERGED) {
                break;
            }
        }
        return u;
    }

    /** out = m u, each row summed in column order. */
    private static void times(double[][] m, double[] u, double[] out, RowBlocks pool) {
        int size = m.length;
        pool.forEach(size, ROW_BLOCK, (long) size * size, (from, to) -> {
            for (int a = from; a < to; a++) {
                double[] row = m[a];
                double s = 0;
                for (int b = 0; b < size; b++) {
                    s += row[b] * u[b];
                }
                out[a] = s;
            }
        });
    }

    /** uᵀ m u, summed over rows in row order. */
    private static double rayleigh(double[][] m, double[] u, RowBlocks pool) {
        double[] mu = new double[u.length];
        times(m, u, mu, pool);
        double s = 0;
        for (int a = 0; a < u.length; a++) {
            s += u[a] * mu[a];
        }
        return s;
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
}
