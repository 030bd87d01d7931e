package dev.vtsne.pca;

import dev.vtsne.parallel.RowBlocks;

/**
 * Orthonormalizes the columns of a tall matrix in double by modified Gram-Schmidt, right-looking:
 * once column p is normalized it is projected out of every later column. Those later columns are
 * independent of each other, so they are spread over the pool one column per block; each dot
 * product is a serial sum in a fixed order, so the result does not depend on the thread count.
 *
 * <p>A column whose remaining norm is at most {@link #DEPENDENT} times its norm on entry lies in
 * the span of the columns before it (rank-deficient data): it is set to zero rather than
 * normalized into rounding noise amplified to unit length.
 */
final class GramSchmidt {

    static final double DEPENDENT = 1e-12;

    private GramSchmidt() {}

    /** In place; columns become orthonormal or zero. */
    static void orthonormalize(double[][] cols, RowBlocks pool) {
        int l = cols.length;
        if (l == 0) {
            return;
        }
        int n = cols[0].length;
        double[] entryNorm = new double[l];
        for (int j = 0; j < l; j++) {
            entryNorm[j] = Math.sqrt(dot(cols[j], cols[j]));
        }
        for (int p = 0; p < l; p++) {
            double[] qp = cols[p];
            double norm = Math.sqrt(dot(qp, qp));
            if (!(norm > DEPENDENT * entryNorm[p]) || norm == 0) {
                java.util.Arrays.fill(qp, 0);
                continue;
            }
            double inv = 1 / norm;
            for (int i = 0; i < n; i++) {
                qp[i] *= inv;
            }
            int first = p + 1;
            pool.forEach(l - first, 1, (long) n * (l - first), (from, to) -> {
                for (int j = first + from; j < first + to; j++) {
                    double[] y = cols[j];
                    double r = dot(qp, y);
                    for (int i = 0; i < n; i++) {
                        y[i] -= r * qp[i];
                    }
                }
            });
        }
    }

    /** Four interleaved partial sums: a fixed order, and a quarter of the dependent-add latency. */
    static double dot(double[] a, double[] b) {
        int n = a.length;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
