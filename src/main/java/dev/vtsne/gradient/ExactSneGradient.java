package dev.vtsne.gradient;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;

/**
 * Exact SNE (Hinton and Roweis): q_j|i = exp(-|y_i - y_j|²) / Z_i and
 * ∂C/∂y_i = 2 Σ_j (α s_ij - q_j|i - q_i|j)(y_i - y_j) with s = P_cond + P_condᵀ and α the
 * exaggeration. Three passes: the log-normalizers log Z_i (log-sum-exp, so a point far from all
 * others cannot underflow Z_i to 0 and the q's to NaN), the attraction Σ_j s_ij (y_i - y_j) over
 * the stored affinities, and the repulsion Σ_j (q_j|i + q_i|j)(y_i - y_j) over every pair.
 */
public final class ExactSneGradient implements GradientFunction {

    private static final int BLOCK = 16;

    private final ExactAffinities s;
    private final GradientKernels kernels;
    private final RowBlocks pool;
    private final int n;
    private final double[] logZ;
    private final float[] logZf;
    private double[] attraction = new double[0];
    private double[] repulsion = new double[0];
    private final double[] weighted;

    /**
     * The SNE gradient over the symmetrized conditional affinities {@code s}, on {@code kernels}, rows split over {@code pool}.
     */
    public ExactSneGradient(ExactAffinities s, GradientKernels kernels, RowBlocks pool) {
        this.s = s;
        this.kernels = kernels;
        this.pool = pool;
        this.n = s.size();
        this.logZ = new double[n];
        this.logZf = new float[n];
        this.weighted = new double[n];
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void gradient(float[][] y, double exaggeration, float[][] grad) {
        int dims = y.length;
        if (attraction.length != n * dims) {
            attraction = new double[n * dims];
            repulsion = new double[n * dims];
        }
        double[] att = attraction, rep = repulsion;
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> kernels.sneLogNormalizerRows(y, n, from, to, logZ));
        for (int i = 0; i < n; i++) {
            logZf[i] = (float) logZ[i];
        }
        CsrMatrix m = s.matrix();
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> {
            kernels.weightedDifferenceRows(y, m.rowStart(), m.cols(), m.values(), from, to, att);
            kernels.sneRepulsionRows(y, logZf, n, from, to, rep);
        });
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                grad[a][i] = (float) (2.0 * (exaggeration * att[i * dims + a] - rep[i * dims + a]));
            }
        }
    }

    @Override
    public double klDivergence(float[][] y) {
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> kernels.sneLogNormalizerRows(y, n, from, to, logZ));
        CsrMatrix m = s.matrix();
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> kernels.weightedSquaredDistanceRows(y, m.rowStart(), m.cols(), m.values(), from, to, weighted));
        // KL = Σ_i Σ_j p_j|i log p_j|i + Σ_ij p_j|i |y_i - y_j|² + Σ_i log Z_i, and the middle sum
        // is half of Σ_ij s_ij |y_i - y_j|² because the distance is symmetric.
        double sumW = 0, sumLogZ = 0;
        for (int i = 0; i < n; i++) {
            sumW += weighted[i];
            sumLogZ += logZ[i];
        }
        return s.pLogP() + 0.5 * sumW + sumLogZ;
    }
}
