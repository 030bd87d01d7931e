package dev.vtsne.gradient;

/**
 * An objective the optimizer descends: its gradient at an SoA embedding, and its exact cost.
 * Implementations own their scratch buffers (sized once) so repeated calls allocate nothing.
 */
public interface GradientFunction {

    /** Number of points. */
    int size();

    /**
     * Writes ∂C/∂y into {@code grad} (one array per axis, like {@code y}), with the input
     * affinities multiplied by {@code exaggeration}.
     */
    void gradient(float[][] y, double exaggeration, float[][] grad);

    /** The cost C = KL(P || Q) at {@code y} for the unexaggerated P, in nats. */
    double klDivergence(float[][] y);

    /**
     * {@link #gradient} and {@link #klDivergence} at the same {@code y}, returning the KL. Methods
     * whose KL needs the same normalizer Z as their gradient override it to compute Z once (for
     * the FFT and Barnes-Hut methods a KL evaluation otherwise costs a whole repulsion pass).
     */
    default double gradientAndKl(float[][] y, double exaggeration, float[][] grad) {
        double kl = klDivergence(y);
        gradient(y, exaggeration, grad);
        return kl;
    }

    /** Time spent in the attractive term's kernels so far, or -1 when it is fused with the repulsion. */
    default long attractionNanos() {
        return -1;
    }

    /** Time spent in the repulsive term so far, or -1 when it is fused with the attraction. */
    default long repulsionNanos() {
        return -1;
    }

    /** How the gradient is computed, for logs and reports ("exact", "Barnes-Hut θ=0.5", ...). */
    default String describe() {
        return "exact";
    }
}
