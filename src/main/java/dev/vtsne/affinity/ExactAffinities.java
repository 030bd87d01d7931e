package dev.vtsne.affinity;

import dev.vtsne.data.CsrMatrix;
import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.CalibrationKernels;
import dev.vtsne.simd.DistanceKernels;

/**
 * Input-space affinities for the exact methods, computed over all pairs: every point is
 * calibrated against all n - 1 others in a dense n × n matrix, which is then symmetrized.
 *
 * <ul>
 *   <li>t-SNE: p_ij = (p_j|i + p_i|j) / 2n, summing to 1.</li>
 *   <li>SNE: s_ij = p_j|i + p_i|j. The SNE gradient needs exactly this sum, and the cost's
 *       Σ p_j|i |y_i - y_j|² equals ½ Σ s_ij |y_i - y_j|², so the conditional matrix itself
 *       need not be kept.</li>
 * </ul>
 *
 * <p>The result is stored as CSR without the entries too small to matter in float arithmetic:
 * an entry is dropped when below {@link #DROP_TOLERANCE} × (the least possible row sum) / n, so
 * the mass dropped from any row is at most 1e-9 of that row's total, two orders below float
 * rounding of the gradient's sums. Perplexity-calibrated rows fall off like a Gaussian, so most
 * of a large matrix is such entries (or exact zeros), and the gradient's attraction then reads a
 * few hundred entries per row instead of streaming n² floats from memory each iteration, the
 * bottleneck of a dense exact gradient. The dense matrix is freed after conversion. Indices are
 * int: the dense step caps exact mode at {@link #MAX_POINTS} points.
 */
public final class ExactAffinities {

    /** Largest n with n² below 2³¹. */
    public static final int MAX_POINTS = 46_340;

    /** Largest fraction of a row's affinity mass that may be dropped. */
    public static final double DROP_TOLERANCE = 1e-9;

    /** Rows per parallel block. */
    private static final int BLOCK = 32;

    private final CsrMatrix matrix;
    private final double pLogP;

    private ExactAffinities(CsrMatrix matrix, double pLogP) {
        this.matrix = matrix;
        this.pLogP = pLogP;
    }

    /** Number of points. */
    public int size() {
        return matrix.n();
    }

    /** The affinities, symmetric, zero diagonal. */
    public CsrMatrix matrix() {
        return matrix;
    }

    /**
     * The constant part of the KL divergence over all pairs: Σ p_ij log p_ij for t-SNE,
     * Σ_i Σ_j p_j|i log p_j|i for SNE.
     */
    public double pLogP() {
        return pLogP;
    }

    /** Symmetric joint P for t-SNE. */
    public static ExactAffinities tsne(Points x, double perplexity, DistanceKernels distances, CalibrationKernels calibration, RowBlocks pool) {
        float[] m = conditional(x, perplexity, distances, calibration, pool);
        int n = x.size();
        symmetrize(m, n, 1.0 / (2.0 * n), pool);
        double pLogP = sumPLogP(m, n, pool);
        // every t-SNE row sums to at least 1/2n (its own conditional row, halved and scaled)
        return new ExactAffinities(toCsr(m, n, DROP_TOLERANCE / (2.0 * n) / n, pool), pLogP);
    }

    /** s = P_cond + P_condᵀ for SNE. */
    public static ExactAffinities sne(Points x, double perplexity, DistanceKernels distances, CalibrationKernels calibration, RowBlocks pool) {
        float[] m = conditional(x, perplexity, distances, calibration, pool);
        int n = x.size();
        double pLogP = sumPLogP(m, n, pool);
        symmetrize(m, n, 1.0, pool);
        // every SNE row sums to at least 1 (its own conditional row)
        return new ExactAffinities(toCsr(m, n, DROP_TOLERANCE / n, pool), pLogP);
    }

    /** Conditional p_j|i, row i holding point i's distribution over the others. */
    static float[] conditional(Points x, double perplexity, DistanceKernels distances, CalibrationKernels calibration, RowBlocks pool) {
        int n = x.size();
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("exact mode computes an n x n matrix and supports at most " + MAX_POINTS + " points; got " + n);
        }
        float[] m = new float[n * n];
        float[] data = x.rowMajor();
        int dim = x.dim();
        pool.forEach(n, BLOCK, (from, to) -> {
            PerplexityCalibration calibrated = new PerplexityCalibration(calibration, perplexity);
            float[] dist = new float[n];
            float[] cand = new float[n];
            float[] p = new float[n];
            for (int i = from; i < to; i++) {
                distances.squaredDistances(data, dim, i, 0, n, dist);
                System.arraycopy(dist, 0, cand, 0, i);
                System.arraycopy(dist, i + 1, cand, i, n - 1 - i);
                calibrated.calibrate(cand, n - 1, p);
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

    /**
     * Keeps entries ≥ threshold. A row that keeps more than half of its n - 1 entries is stored
     * whole, dropped entries as explicit zeros: the kernels read such a row with contiguous loads,
     * four times faster per entry than the gathers a sparse row needs.
     */
    private static CsrMatrix toCsr(float[] m, int n, double threshold, RowBlocks pool) {
        int[] counts = new int[n];
        pool.forEach(n, BLOCK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int c = 0;
                for (int j = 0, row = i * n; j < n; j++) {
                    if (keep(m[row + j], threshold)) {
                        c++;
                    }
                }
                counts[i] = 2 * c > n - 1 ? n - 1 : c;
            }
        });
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = rowStart[i] + counts[i];
        }
        int[] cols = new int[rowStart[n] + CsrMatrix.PADDING];
        float[] vals = new float[rowStart[n] + CsrMatrix.PADDING];
        pool.forEach(n, BLOCK, (from, to) -> {
            for (int i = from; i < to; i++) {
                boolean whole = counts[i] == n - 1;
                int k = rowStart[i];
                for (int j = 0, row = i * n; j < n; j++) {
                    float v = m[row + j];
                    if (j != i && (whole || keep(v, threshold))) {
                        cols[k] = j;
                        vals[k++] = keep(v, threshold) ? v : 0f;
                    }
                }
            }
        });
        return new CsrMatrix(n, rowStart, cols, vals);
    }

    private static boolean keep(float v, double threshold) {
        return v > 0 && v >= threshold;
    }
}
