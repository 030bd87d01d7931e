package dev.vtsne.pca;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.MatrixKernels;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Randomized PCA (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1): the leading k
 * principal components of n × d data without forming the d × d covariance.
 *
 * <ol>
 *   <li>Mean and total variance in double, by fixed row chunks summed in chunk order.</li>
 *   <li>Ω: seeded Gaussian, d × l with l = k + {@value #OVERSAMPLING} rounded up to a multiple of
 *       16 (the kernels' width: the rounding is free oversampling), at most min(n, d).</li>
 *   <li>Y = X̄Ω, Q = orth(Y); then q power iterations Z = X̄ᵀQ, W = orth(Z), Y = X̄W, Q = orth(Y).
 *       Orthonormalizing on both sides keeps each Y within one multiplication's condition number
 *       (σ₁/σ_l), so single-pass modified Gram-Schmidt in double stays accurate, and the small
 *       directions survive the float products.</li>
 *   <li>Bᵀ = X̄ᵀQ (d × l); one-sided Jacobi on its columns gives σ_j v_j: the components are the
 *       v_j of the k largest σ_j, with variance σ_j² / (n - 1).</li>
 * </ol>
 * X̄ is X centred on the fly by the kernels (no centred copy). The three products are the
 * {@link MatrixKernels}; rows are cut into fixed blocks, and the reductions over rows (X̄ᵀQ, the
 * mean) into fixed chunks summed in chunk order, so the result is bit-identical on any number of
 * threads. Each component is signed so its largest-magnitude loading is positive; when the data
 * has fewer than k directions of variance, the missing components are completed with an
 * orthonormal basis of the rest (variance 0), deterministically.
 */
public final class RandomizedPca {

    /** Extra random directions beyond k (before rounding l up to the kernels' width). */
    public static final int OVERSAMPLING = 10;

    /**
     * Power iterations by default. Measured on all 70,000 Fashion-MNIST images, 784 → 50 (l = 64),
     * variance of the projection over the exact top-50 variance: 0.9784 with none, 0.9966 with 1,
     * 0.99907 with 2, 0.99968 with 3, 0.99987 with 4 (FashionPcaMeasure). Each iteration costs two
     * passes over X; 4 is within 1.3e-4 of exact, the top of the 2–4 Halko et al. recommend.
     */
    public static final int DEFAULT_POWER_ITERATIONS = 4;

    /** Rows per task of the row-wise products (each output depends only on its row). */
    static final int ROW_BLOCK = 256;

    /** Rows per partial sum of the reductions over rows: fixed, so sums are thread-independent. */
    static final int CHUNK = 2048;

    private RandomizedPca() {}

    /** {@link #fit(Points, int, long, int, RowBlocks, MatrixKernels)} with {@link #DEFAULT_POWER_ITERATIONS}. */
    public static PcaResult fit(Points x, int components, long seed, RowBlocks pool, MatrixKernels kernels) {
        return fit(x, components, seed, DEFAULT_POWER_ITERATIONS, pool, kernels);
    }

    /**
     * Fits {@code components} principal components of {@code x}, the products on {@code kernels}.
     *
     * @throws IllegalArgumentException if components is below 1 or above min(n, d), or
     *         powerIterations is negative
     */
    public static PcaResult fit(Points x, int components, long seed, int powerIterations, RowBlocks pool, MatrixKernels kernels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(pool, "pool");
        int n = x.size(), d = x.dim();
        int max = Math.min(n, d);
        if (components < 1 || components > max) {
            throw new IllegalArgumentException("PCA components must be between 1 and min(points, dimensions) = min(" + n + ", " + d + ") = "
                    + max + ", got " + components);
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("power iterations must be at least 0, got " + powerIterations);
        }
        double[] mean = mean(x, pool);
        double totalVariance = totalVariance(x, mean, pool);
        float[] meanF = toFloat(mean);
        int l = Math.min(padded(components + OVERSAMPLING), max);
        int width = padded(l);

        float[] w = gaussian(d, l, width, seed);
        float[] q = orthonormalRows(times(kernels, x, meanF, w, width, pool), n, l, width, pool);
        for (int it = 0; it < powerIterations; it++) {
            w = orthonormalRows(toFloat(transposeTimes(kernels, x, meanF, q, width, pool)), d, l, width, pool);
            q = orthonormalRows(times(kernels, x, meanF, w, width, pool), n, l, width, pool);
        }
        double[] bt = transposeTimes(kernels, x, meanF, q, width, pool); // Bᵀ = X̄ᵀQ, d × width
        double[][] cols = columns(bt, d, l, width);
        JacobiSvd.orthogonalizeColumns(cols);
        return components(cols, components, n, d, mean, totalVariance, powerIterations, kernels);
    }

    /** Sorts σ_j v_j by σ descending, keeps k, completes missing directions, fixes signs. */
    private static PcaResult components(double[][] cols, int k, int n, int d, double[] mean, double totalVariance, int powerIterations,
            MatrixKernels kernels) {
        int l = cols.length;
        double[] sigma = new double[l];
        Integer[] order = new Integer[l];
        for (int j = 0; j < l; j++) {
            sigma[j] = Math.sqrt(GramSchmidt.dot(cols[j], cols[j]));
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> sigma[a] != sigma[b] ? Double.compare(sigma[b], sigma[a]) : Integer.compare(a, b));
        double top = sigma[order[0]];
        double[][] v = new double[k][];
        double[] variance = new double[k];
        int found = 0;
        for (; found < k; found++) {
            int j = order[found];
            // a direction with σ at rounding level of the largest is noise, not a component
            if (!(sigma[j] > 1e-12 * top)) {
                break;
            }
            v[found] = cols[j].clone();
            double inv = 1 / sigma[j];
            for (int t = 0; t < d; t++) {
                v[found][t] *= inv;
            }
            variance[found] = sigma[j] * sigma[j] / Math.max(1, n - 1);
        }
        completeBasis(v, found, d);
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) {
            fixSign(v[c]);
            System.arraycopy(v[c], 0, flat, c * d, d);
        }
        return new PcaResult(flat, k, d, mean, variance, totalVariance, powerIterations, kernels);
    }

    /** Fills v[found..] with unit vectors orthogonal to all before, from e_0, e_1, ... in order. */
    private static void completeBasis(double[][] v, int found, int d) {
        int c = found;
        for (int e = 0; c < v.length && e < d; e++) {
            double[] u = new double[d];
            u[e] = 1;
            for (int pass = 0; pass < 2; pass++) { // twice is enough (Kahan, Parlett)
                for (int p = 0; p < c; p++) {
                    double r = GramSchmidt.dot(v[p], u);
                    for (int t = 0; t < d; t++) {
                        u[t] -= r * v[p][t];
                    }
                }
            }
            double norm = Math.sqrt(GramSchmidt.dot(u, u));
            if (norm > 0.5) { // e_e is far from the span so far: a well-conditioned new direction
                for (int t = 0; t < d; t++) {
                    u[t] /= norm;
                }
                v[c++] = u;
            }
        }
        if (c < v.length) {
            throw new IllegalStateException("could not complete " + v.length + " orthonormal directions in dimension " + d);
        }
    }

    /** Makes the largest-magnitude entry (the first, on ties) positive. */
    static void fixSign(double[] u) {
        int arg = 0;
        for (int t = 1; t < u.length; t++) {
            if (Math.abs(u[t]) > Math.abs(u[arg])) {
                arg = t;
            }
        }
        if (u[arg] < 0) {
            for (int t = 0; t < u.length; t++) {
                u[t] = -u[t];
            }
        }
    }

    // ---------------------------------------------------------------- parallel products

    /** X̄W, n × width, in blocks of ROW_BLOCK rows. */
    static float[] times(MatrixKernels kernels, Points x, float[] mean, float[] w, int width, RowBlocks pool) {
        int n = x.size(), d = x.dim();
        float[] out = new float[Math.multiplyExact(n, width)];
        float[] xv = x.rowMajor();
        pool.forEach(n, ROW_BLOCK, (long) n * d * width / 8, (from, to) -> kernels.centeredTimes(xv, d, mean, w, width, from, to, out));
        return out;
    }

    /** X̄ᵀQ, d × width in double: per fixed chunk of rows, then the chunks summed in order. */
    static double[] transposeTimes(MatrixKernels kernels, Points x, float[] mean, float[] q, int width, RowBlocks pool) {
        int n = x.size(), d = x.dim();
        float[] xv = x.rowMajor();
        double[][] partial = new double[(n + CHUNK - 1) / CHUNK][];
        pool.forEach(n, CHUNK, (long) n * d * width / 8, (from, to) -> {
            double[] p = new double[d * width];
            kernels.centeredTransposeTimes(xv, d, mean, q, width, from, to, p);
            partial[from / CHUNK] = p;
        });
        double[] out = partial[0];
        for (int c = 1; c < partial.length; c++) {
            double[] p = partial[c];
            for (int t = 0; t < out.length; t++) {
                out[t] += p[t];
            }
        }
        return out;
    }

    /** Orthonormalizes the first l columns of a rows × width matrix; returns it in float, padded. */
    private static float[] orthonormalRows(float[] m, int rows, int l, int width, RowBlocks pool) {
        double[][] cols = new double[l][rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                cols[c][i] = m[i * width + c];
            }
        }
        GramSchmidt.orthonormalize(cols, pool);
        float[] out = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                out[i * width + c] = (float) cols[c][i];
            }
        }
        return out;
    }

    private static double[][] columns(double[] m, int rows, int l, int width) {
        double[][] cols = new double[l][rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l; c++) {
                cols[c][i] = m[i * width + c];
            }
        }
        return cols;
    }

    // ---------------------------------------------------------------- small helpers

    /** Seeded standard Gaussian in the first l columns of a d × width matrix, column by column. */
    private static float[] gaussian(int d, int l, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[d * width];
        for (int c = 0; c < l; c++) {
            for (int k = 0; k < d; k++) {
                w[k * width + c] = (float) random.nextGaussian();
            }
        }
        return w;
    }

    static double[] mean(Points x, RowBlocks pool) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[][] partial = new double[(n + CHUNK - 1) / CHUNK][];
        pool.forEach(n, CHUNK, (long) n * d, (from, to) -> {
            double[] s = new double[d];
            for (int i = from; i < to; i++) {
                for (int k = 0; k < d; k++) {
                    s[k] += v[i * d + k];
                }
            }
            partial[from / CHUNK] = s;
        });
        double[] mean = new double[d];
        for (double[] s : partial) {
            for (int k = 0; k < d; k++) {
                mean[k] += s[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        return mean;
    }

    /** Σ over columns of the sample variance (n - 1 divisor; 0 for a single point). */
    static double totalVariance(Points x, double[] mean, RowBlocks pool) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[] partial = new double[(n + CHUNK - 1) / CHUNK];
        pool.forEach(n, CHUNK, (long) n * d, (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                for (int k = 0; k < d; k++) {
                    double t = v[i * d + k] - mean[k];
                    s += t * t;
                }
            }
            partial[from / CHUNK] = s;
        });
        double total = 0;
        for (double s : partial) {
            total += s;
        }
        return total / Math.max(1, n - 1);
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int t = 0; t < a.length; t++) {
            f[t] = (float) a[t];
        }
        return f;
    }

    /** Rounds up to the kernels' width multiple. */
    static int padded(int columns) {
        int m = MatrixKernels.WIDTH_MULTIPLE;
        return (columns + m - 1) / m * m;
    }
}
