package dev.vtsne.pca;

/**
 * One-sided Jacobi SVD (Hestenes) of a small matrix given by its columns, in double: plane
 * rotations of column pairs until every pair is orthogonal. For A = V Σ Uᵀ (A = Bᵀ, B = QᵀX in
 * randomized PCA) the rotated columns are σ_j v_j, so the right singular vectors of B come out
 * with relative accuracy even for small σ, without forming B Bᵀ and squaring its condition.
 * The pair order is fixed (cyclic by rows), so results are reproducible.
 */
final class JacobiSvd {

    /**
     * A pair counts as orthogonal when |a·b| ≤ ε · length · |a| |b|: the rounding of the dot
     * products themselves is about ε √length, so a tighter bound could rotate forever.
     */
    private static final double EPSILON = 0x1p-52;
    private static final int MAX_SWEEPS = 100;

    private JacobiSvd() {}

    /**
     * Rotates the columns in place until they are mutually orthogonal; afterwards column j is
     * σ_j v_j (unsorted). Returns the number of sweeps used.
     */
    static int orthogonalizeColumns(double[][] cols) {
        int l = cols.length;
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < l - 1; p++) {
                for (int q = p + 1; q < l; q++) {
                    rotated |= rotate(cols[p], cols[q]);
                }
            }
            if (!rotated) {
                return sweep;
            }
        }
        return MAX_SWEEPS;
    }

    /** Rotates a and b to orthogonality when they are not yet; true if it rotated. */
    private static boolean rotate(double[] a, double[] b) {
        double alpha = GramSchmidt.dot(a, a);
        double beta = GramSchmidt.dot(b, b);
        double gamma = GramSchmidt.dot(a, b);
        if (alpha == 0 || beta == 0 || Math.abs(gamma) <= EPSILON * a.length * Math.sqrt(alpha * beta)) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        if (zeta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        for (int i = 0; i < a.length; i++) {
            double ai = a[i], bi = b[i];
            a[i] = c * ai - s * bi;
            b[i] = s * ai + c * bi;
        }
        return true;
    }
}
