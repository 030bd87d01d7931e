package dev.vtsne.gradient;

import dev.vtsne.affinity.DenseAffinities;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;

/**
 * Exact t-SNE: ∂C/∂y_i = 4 Σ_j (α p_ij - q_ij) w_ij (y_i - y_j), w_ij = (1 + |y_i - y_j|²)⁻¹,
 * q_ij = w_ij / Z. One O(n²) pass per call gathers, for each row, the attraction
 * Σ p_ij w_ij (y_i - y_j), the repulsion Σ w_ij² (y_i - y_j) and Σ_j w_ij; Z is their row sum,
 * added serially in row order so the result has the same bits on any thread count.
 */
public final class ExactTsneGradient implements GradientFunction {

    private static final int BLOCK = 16;

    private final DenseAffinities p;
    private final Kernels kernels;
    private final RowBlocks pool;
    private final int n;
    private double[] rows = new double[0];

    public ExactTsneGradient(DenseAffinities p, Kernels kernels, RowBlocks pool) {
        this.p = p;
        this.kernels = kernels;
        this.pool = pool;
        this.n = p.size();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void gradient(float[][] y, double exaggeration, float[][] grad) {
        int dims = y.length;
        int stride = Kernels.tsneStride(dims);
        double[] out = rows(n * stride);
        float[] pm = p.matrix();
        pool.forEach(n, BLOCK, (from, to) -> kernels.tsneRows(y, pm, n, from, to, out));
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += out[i * stride + 2 * dims];
        }
        double invZ = 1.0 / z;
        for (int i = 0; i < n; i++) {
            int o = i * stride;
            for (int a = 0; a < dims; a++) {
                grad[a][i] = (float) (4.0 * (exaggeration * out[o + a] - out[o + dims + a] * invZ));
            }
        }
    }

    @Override
    public double klDivergence(float[][] y) {
        int dims = y.length;
        int stride = Kernels.tsneStride(dims);
        double[] out = rows(n * stride);
        float[] pm = p.matrix();
        pool.forEach(n, BLOCK, (from, to) -> kernels.tsneRows(y, pm, n, from, to, out));
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += out[i * stride + 2 * dims];
        }
        double[] logTerms = new double[n];
        pool.forEach(n, BLOCK, (from, to) -> kernels.tsneLogKernelRows(y, pm, n, from, to, logTerms));
        double plogw = 0;
        for (double t : logTerms) {
            plogw += t;
        }
        // KL = Σ p log p - Σ p log q, log q_ij = -log(1 + d²) - log Z, Σ p = 1.
        return p.pLogP() + plogw + Math.log(z);
    }

    private double[] rows(int length) {
        if (rows.length != length) {
            rows = new double[length];
        }
        return rows;
    }

}
