package dev.vtsne.gradient;

/** The last step every t-SNE gradient shares: ∂C/∂y_i = 4 (α·attraction_i − repulsion_i / Z). */
final class TsneForces {

    private TsneForces() {}

    /**
     * Writes the gradient into {@code grad} (SoA). Attraction is at {@code att[i * dims + a]},
     * repulsion at {@code rep[i * repStride + a]} (the exact kernels keep a per-row w sum after
     * the axes, so their stride is dims + 1).
     */
    static void combine(double[] att, double[] rep, int repStride, double z, double exaggeration, float[][] grad) {
        int dims = grad.length, n = grad[0].length;
        double invZ = 1.0 / z;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                grad[a][i] = (float) (4.0 * (exaggeration * att[i * dims + a] - rep[i * repStride + a] * invZ));
            }
        }
    }
}
