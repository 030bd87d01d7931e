package dev.vtsne.repulsion;

/**
 * The repulsive half of the t-SNE gradient, the part that couples every pair of points. With
 * w_ij = 1 / (1 + |y_i - y_j|²), an implementation computes, exactly or approximately,
 * <ul>
 *   <li>per point i and axis a: F_ia = Σ_{j≠i} w_ij² (y_ia - y_ja), written to
 *       {@code out[i * dims + a]};</li>
 *   <li>the normalization Z = Σ_{i≠j} w_ij, returned.</li>
 * </ul>
 * The t-SNE gradient is then 4 (α·attraction_i - F_i / Z). Implementations own their scratch
 * (sized on first use), run on the pool they were given, and return the same bits whatever the
 * pool's thread count: per-point work is independent and reductions run serially in a fixed
 * order.
 */
public interface Repulsion {

    /**
     * Computes F (into {@code out}, length at least n·dims, row-major by point) and returns Z.
     *
     * @param y the embedding, one array per axis ({@code y[a][i]})
     */
    double compute(float[][] y, double[] out);

    /** How the sums are obtained, for logs and reports: "exact", "Barnes-Hut θ=0.5", ... */
    String describe();
}
