package dev.vtsne.gradient;

import dev.vtsne.affinity.DenseAffinities;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;

/**
 * Exact SNE (Hinton and Roweis): q_j|i = e_ij / Z_i with e_ij = exp(-|y_i - y_j|²), and
 * ∂C/∂y_i = 2 Σ_j (p_j|i - q_j|i + p_i|j - q_i|j)(y_i - y_j). Two passes: the log-normalizers log Z_i
 * (log-sum-exp, so points far from all others cannot underflow Z_i to 0 and the q's to NaN),
 * then Σ_j (α s_ij - q_j|i - q_i|j)(y_i - y_j) with s = P_cond + P_condᵀ. The exaggeration α is
 * applied by handing the kernel log Z + log α and scaling its result by α, so the matrix is
 * never rewritten.
 */
public final class ExactSneGradient implements GradientFunction {

    private static final int BLOCK = 16;

    private final DenseAffinities s;
    private final Kernels kernels;
    private final RowBlocks pool;
    private final int n;
    private final double[] logZ;
    private final float[] shiftedLogZ;
    private double[] rows = new double[0];

    public ExactSneGradient(DenseAffinities s, Kernels kernels, RowBlocks pool) {
        this.s = s;
        this.kernels = kernels;
        this.pool = pool;
        this.n = s.size();
        this.logZ = new double[n];
        this.shiftedLogZ = new float[n];
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void gradient(float[][] y, double exaggeration, float[][] grad) {
        int dims = y.length;
        if (rows.length != n * dims) {
            rows = new double[n * dims];
        }
        double[] out = rows;
        pool.forEach(n, BLOCK, (from, to) -> kernels.sneLogNormalizerRows(y, n, from, to, logZ));
        double logAlpha = Math.log(exaggeration);
        for (int i = 0; i < n; i++) {
            shiftedLogZ[i] = (float) (logZ[i] + logAlpha);
        }
        float[] sm = s.matrix();
        pool.forEach(n, BLOCK, (from, to) -> kernels.sneRows(y, sm, shiftedLogZ, n, from, to, out));
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                grad[a][i] = (float) (2.0 * exaggeration * out[i * dims + a]);
            }
        }
    }

    @Override
    public double klDivergence(float[][] y) {
        pool.forEach(n, BLOCK, (from, to) -> kernels.sneLogNormalizerRows(y, n, from, to, logZ));
        double[] weighted = new double[n];
        float[] sm = s.matrix();
        pool.forEach(n, BLOCK, (from, to) -> kernels.weightedSquaredDistanceRows(y, sm, n, from, to, weighted));
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
