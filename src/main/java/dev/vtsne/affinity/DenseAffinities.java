package dev.vtsne.affinity;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;

/**
 * Dense input-space affinities for the exact methods: an n × n row-major float matrix with a zero
 * diagonal, built from per-point perplexity calibration over all other points.
 *
 * <ul>
 *   <li>t-SNE: p_ij = (p_j|i + p_i|j) / 2n, summing to 1.</li>
 *   <li>SNE: s_ij = p_j|i + p_i|j. The SNE gradient needs exactly this sum, and the cost's
 *       Σ p_j|i |y_i - y_j|² equals ½ Σ s_ij |y_i - y_j|², so the conditional matrix itself need not
 *       be kept.</li>
 * </ul>
 *
 * <p>One matrix is allocated; symmetrization runs in place. The n × n matrix is indexed with int,
 * which caps exact mode at {@link #MAX_POINTS} points (8.6 GB of affinities, far past where exact
 * mode is sensible).
 */
public final class DenseAffinities {

    /** Largest n with n² below 2³¹. */
    public static final int MAX_POINTS = 46_340;

    /** Rows per parallel block. */
    private static final int BLOCK = 32;

    private final int n;
    private final float[] matrix;
    private final double pLogP;

    private DenseAffinities(int n, float[] matrix, double pLogP) {
        this.n = n;
        this.matrix = matrix;
        this.pLogP = pLogP;
    }

    public int size() {
        return n;
    }

    /** The row-major n × n matrix (read-only by convention). */
    public float[] matrix() {
        return matrix;
    }

    /**
     * The constant part of the KL divergence: Σ p_ij log p_ij for t-SNE, Σ_i Σ_j p_j|i log p_j|i
     * for SNE (both over nonzero entries).
     */
    public double pLogP() {
        return pLogP;
    }

    /** Symmetric joint P for t-SNE. */
    public static DenseAffinities tsne(Points x, double perplexity, Kernels kernels, RowBlocks pool) {
        float[] m = conditional(x, perplexity, kernels, pool);
        int n = x.size();
        symmetrize(m, n, 1.0 / (2.0 * n), pool);
        return new DenseAffinities(n, m, sumPLogP(m, n, pool));
    }

    /** s = P_cond + P_condᵀ for SNE. */
    public static DenseAffinities sne(Points x, double perplexity, Kernels kernels, RowBlocks pool) {
        float[] m = conditional(x, perplexity, kernels, pool);
        int n = x.size();
        double pLogP = sumPLogP(m, n, pool);
        symmetrize(m, n, 1.0, pool);
        return new DenseAffinities(n, m, pLogP);
    }

    /** Conditional p_j|i, row i holding point i's distribution over the others. */
    static float[] conditional(Points x, double perplexity, Kernels kernels, RowBlocks pool) {
        int n = x.size();
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("exact mode holds an n x n matrix and supports at most " + MAX_POINTS + " points; got " + n);
        }
        float[] m = new float[n * n];
        float[] data = x.rowMajor();
        int dim = x.dim();
        pool.forEach(n, BLOCK, (from, to) -> {
            PerplexityCalibration calibration = new PerplexityCalibration(kernels, perplexity);
            float[] dist = new float[n];
            float[] cand = new float[n];
            float[] p = new float[n];
            for (int i = from; i < to; i++) {
                kernels.squaredDistances(data, dim, i, 0, n, dist);
                System.arraycopy(dist, 0, cand, 0, i);
                System.arraycopy(dist, i + 1, cand, i, n - 1 - i);
                calibration.calibrate(cand, n - 1, p);
                int row = i * n;
                System.arraycopy(p, 0, m, row, i);
                m[row + i] = 0f;
                System.arraycopy(p, i, m, row + i + 1, n - 1 - i);
            }
        });
        return m;
    }

    /** m_ij = m_ji = scale (m_ij + m_ji), in place; blocks own disjoint (i, j > i) pairs. */
    private static void symmetrize(float[] m, int n, double scale, RowBlocks pool) {
        pool.forEach(n, BLOCK, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = i + 1; j < n; j++) {
                    float v = (float) (scale * ((double) m[i * n + j] + m[j * n + i]));
                    m[i * n + j] = v;
                    m[j * n + i] = v;
                }
            }
        });
    }

    private static double sumPLogP(float[] m, int n, RowBlocks pool) {
        double[] rows = new double[n];
        pool.forEach(n, BLOCK, (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int j = 0, row = i * n; j < n; j++) {
                    double v = m[row + j];
                    if (v > 0) {
                        s += v * Math.log(v);
                    }
                }
                rows[i] = s;
            }
        });
        double total = 0;
        for (double r : rows) {
            total += r;
        }
        return total;
    }
}
