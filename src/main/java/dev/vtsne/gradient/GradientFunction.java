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
}
