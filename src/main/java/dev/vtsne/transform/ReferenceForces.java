package dev.vtsne.transform;

import dev.vtsne.simd.GradientKernels;

/**
 * The t-SNE forces on one new point y from a fixed reference map, as openTSNE computes them when
 * it adds points to an existing embedding: the new point's conditional affinities p_j|i over its
 * nearest reference points (summing to 1) attract it, every reference point repels it, and the
 * repulsion is normalized by the point's own Z_i = Σ_j w_ij over the reference points only (no
 * other new point takes part). With w_ij = 1 / (1 + |y_i - r_j|²) the force is
 *
 * <pre>  f_i = α Σ_j p_j|i w_ij (y_i - r_j) - Σ_j w_ij² (y_i - r_j) / Z_i,</pre>
 *
 * a quarter of the t-SNE gradient 4(α·attraction - repulsion / Z), the quantity openTSNE calls
 * the gradient, and half the derivative of the per-point cost
 * C_i = KL(p_·|i || q_·|i) = Σ_j p_j|i log p_j|i - Σ_j p_j|i log w_ij + log Z_i at α = 1.
 *
 * <p>The repulsion runs on {@link GradientKernels#tsneRepulsionRows}: the new point is written into slot
 * 0 of a private copy of the reference axes (slots 1..N), and the kernel's row 0 sums over all
 * other slots, the reference points, excluding the point itself exactly. The attraction (a few
 * neighbours) is a plain loop in double. Not thread-safe: one instance per thread.
 */
public final class ReferenceForces {

    private final GradientKernels kernels;
    private final float[][] axes;
    private final double[] out;
    private final double[] diff = new double[3];
    private final int dims;

    /** @param reference the reference map, one array per axis (copied) */
    public ReferenceForces(float[][] reference, GradientKernels kernels) {
        this.kernels = kernels;
        this.dims = reference.length;
        int n = reference[0].length;
        this.axes = new float[dims][n + 1];
        for (int a = 0; a < dims; a++) {
            System.arraycopy(reference[a], 0, axes[a], 1, n);
        }
        this.out = new double[dims + 1];
    }

    /** Number of reference points. */
    public int referenceSize() {
        return axes[0].length - 1;
    }

    /**
     * Writes f (see the class comment) for the new point at {@code y} into {@code f[0..dims-1]}.
     * {@code cols[0..count-1]} are reference rows with affinities {@code p[0..count-1]}.
     *
     * @return Z_i, the sum of the kernel over all reference points
     */
    public double force(float[] y, int[] cols, float[] p, int count, double exaggeration, double[] f) {
        double z = repulsion(y);
        double invZ = 1.0 / z;
        attraction(y, cols, p, count, f);
        for (int a = 0; a < dims; a++) {
            f[a] = exaggeration * f[a] - out[a] * invZ;
        }
        return z;
    }

    /**
     * The per-point cost C_i = Σ p log p - Σ p log w + log Z_i for the unexaggerated affinities,
     * given {@code pLogP} = Σ_j p_j|i log p_j|i.
     */
    public double kl(float[] y, int[] cols, float[] p, int count, double pLogP) {
        double z = repulsion(y);
        double plogw = 0;
        for (int t = 0; t < count; t++) {
            int j = cols[t] + 1;
            double d2 = 0;
            for (int a = 0; a < dims; a++) {
                double d = (double) y[a] - axes[a][j];
                d2 += d * d;
            }
            plogw -= p[t] * Math.log1p(d2); // log w = -log(1 + d²)
        }
        return pLogP - plogw + Math.log(z);
    }

    /** Σ_j p_j w_j (y - r_j) per axis into f. */
    private void attraction(float[] y, int[] cols, float[] p, int count, double[] f) {
        for (int a = 0; a < dims; a++) {
            f[a] = 0;
        }
        for (int t = 0; t < count; t++) {
            int j = cols[t] + 1;
            double d2 = 0;
            for (int a = 0; a < dims; a++) {
                diff[a] = (double) y[a] - axes[a][j];
                d2 += diff[a] * diff[a];
            }
            double pw = p[t] / (1.0 + d2);
            for (int a = 0; a < dims; a++) {
                f[a] += pw * diff[a];
            }
        }
    }

    /** Fills {@code out} with Σ_j w² (y - r_j) per axis and Σ_j w over the reference; returns Z. */
    private double repulsion(float[] y) {
        for (int a = 0; a < dims; a++) {
            axes[a][0] = y[a];
        }
        kernels.tsneRepulsionRows(axes, axes[0].length, 0, 1, out);
        return out[dims];
    }
}
