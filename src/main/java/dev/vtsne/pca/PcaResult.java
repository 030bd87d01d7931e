package dev.vtsne.pca;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.MatrixKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted PCA: k orthonormal components of dimension d (each signed so that its largest-magnitude
 * loading is positive), the mean they are centred on, and the variance each explains (sample
 * variance, divided by n - 1, of the data projected on it). {@link #project} maps points to their
 * k coordinates. Immutable; accessors return copies.
 */
public final class PcaResult {

    private final int k;
    private final int dim;
    private final double[] components; // k × d, row-major
    private final double[] mean;
    private final float[] meanF;
    private final double[] explainedVariance;
    private final double totalVariance;
    private final int powerIterations;
    /** Componentsᵀ in float, d × width, zero-padded: the narrow factor of the projection kernel. */
    private final float[] projection;
    private final int width;
    private final MatrixKernels kernels;

    PcaResult(double[] components, int k, int dim, double[] mean, double[] explainedVariance, double totalVariance, int powerIterations, MatrixKernels kernels) {
        this.kernels = kernels;
        this.k = k;
        this.dim = dim;
        this.components = components;
        this.mean = mean;
        this.explainedVariance = explainedVariance;
        this.totalVariance = totalVariance;
        this.powerIterations = powerIterations;
        this.meanF = RandomizedPca.toFloat(mean);
        this.width = RandomizedPca.padded(k);
        this.projection = new float[dim * width];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dim; j++) {
                projection[j * width + c] = (float) components[c * dim + j];
            }
        }
    }

    /**
     * A PCA fitted earlier, rebuilt from its parts as {@link #components()}, {@link #mean()},
     * {@link #explainedVariance()}, {@link #totalVariance()} and {@link #powerIterations()} gave
     * them: it projects to the same bits as the PCA they came from, on the same {@code kernels}.
     *
     * @throws IllegalArgumentException when the parts do not fit together (k rows of the mean's
     *         length, k variances, at least one component) or a value is not finite
     */
    public static PcaResult of(double[][] components, double[] mean, double[] explainedVariance, double totalVariance,
                               int powerIterations, MatrixKernels kernels) {
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(explainedVariance, "explainedVariance");
        int k = components.length, d = mean.length;
        if (k < 1 || d < 1 || explainedVariance.length != k) {
            throw new IllegalArgumentException("a PCA needs k >= 1 components of the mean's length " + d + " and k variances; got "
                    + k + " components and " + explainedVariance.length + " variances");
        }
        double[] flat = new double[Math.multiplyExact(k, d)];
        for (int c = 0; c < k; c++) {
            if (components[c].length != d) {
                throw new IllegalArgumentException("component " + c + " has length " + components[c].length + ", the mean " + d);
            }
            System.arraycopy(components[c], 0, flat, c * d, d);
        }
        for (double[] values : new double[][] {flat, mean, explainedVariance, {totalVariance}}) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a PCA's parts must be finite, got " + v);
                }
            }
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("power iterations must be at least 0, got " + powerIterations);
        }
        return new PcaResult(flat, k, d, mean.clone(), explainedVariance.clone(), totalVariance, powerIterations,
                kernels);
    }

    /** Number of components k. */
    public int componentCount() {
        return k;
    }

    /** Input dimension d. */
    public int dim() {
        return dim;
    }

    /** Power iterations the fit used. */
    public int powerIterations() {
        return powerIterations;
    }

    /** Component c (0 = largest variance), a unit vector of length d. */
    public double[] component(int c) {
        Objects.checkIndex(c, k);
        return Arrays.copyOfRange(components, c * dim, (c + 1) * dim);
    }

    /** The components as k rows of length d. */
    public double[][] components() {
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = component(c);
        }
        return out;
    }

    /** The per-column mean of the fitted data. */
    public double[] mean() {
        return mean.clone();
    }

    /** Variance along each component, descending (sample variance, n - 1 divisor). */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Total variance of the fitted data: the sum of its column variances (n - 1 divisor). */
    public double totalVariance() {
        return totalVariance;
    }

    /** Each component's share of the total variance (all 0 when the data has no variance). */
    public double[] explainedVarianceRatio() {
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            r[c] = totalVariance > 0 ? explainedVariance[c] / totalVariance : 0;
        }
        return r;
    }

    /** Projects on the calling thread; see {@link #project(Points, RowBlocks)}. */
    public Points project(Points x) {
        try (RowBlocks one = new RowBlocks(1)) {
            return project(x, one);
        }
    }

    /**
     * The coordinates of each point on the components, n × k: (x_i - mean) · component_c, in float
     * (the vector kernels accumulate in float). Bit-identical for any pool size.
     */
    public Points project(Points x, RowBlocks pool) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(pool, "pool");
        if (x.dim() != dim) {
            throw new IllegalArgumentException("points have " + x.dim() + " columns, the PCA was fitted on " + dim);
        }
        int n = x.size();
        float[] wide = RandomizedPca.times(kernels, x, meanF, projection, width, pool);
        float[] out = new float[Math.multiplyExact(n, k)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(wide, i * width, out, i * k, k);
        }
        return Points.ofRowMajor(out, n, k);
    }
}
