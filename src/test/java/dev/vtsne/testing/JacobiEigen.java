package dev.vtsne.testing;

/**
 * The tests' independent eigen-reference: cyclic Jacobi rotations on a symmetric matrix, in
 * double, until the off-diagonal mass is below 1e-30 of the diagonal's (or 100 sweeps).
 */
public final class JacobiEigen {

    private JacobiEigen() {}

    /**
     * Diagonalizes the symmetric {@code a} in place (its diagonal ends as the eigenvalues, unsorted)
     * and returns the accumulated rotations: column k is the unit eigenvector of {@code a[k][k]}.
     */
    public static double[][] diagonalize(double[][] a) {
        int d = a.length;
        double[][] v = new double[d][d];
        for (int k = 0; k < d; k++) {
            v[k][k] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p][p] * a[p][p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * diag) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        return v;
    }

    /** One rotation J that zeroes a[p][q]: A ← Jᵀ A J, V ← V J. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int d = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < d; k++) { // A ← A J (columns p, q)
            double akp = a[k][p], akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) { // A ← Jᵀ A (rows p, q)
            double apk = a[p][k], aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) { // V ← V J
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
