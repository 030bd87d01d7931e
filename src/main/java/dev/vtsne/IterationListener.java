package dev.vtsne;

/**
 * Sees the run's progress. Called after every iteration on the thread that runs the optimizer;
 * return {@code false} to stop cleanly after this iteration (the embedding keeps its state).
 * {@link TSne#fit} also announces each phase as it starts ({@link #onPhase}).
 */
@FunctionalInterface
public interface IterationListener {

    /**
     * Called by {@link TSne#fit} on the calling thread when a phase starts, in the order of
     * {@link Phase}: pca (when asked), warmup (large runs, first in a JVM), knn (kNN methods),
     * affinities, optimize. Does nothing unless overridden.
     */
    default void onPhase(Phase phase) {}

    /**
     * Progress inside a long phase: {@code step} of at most {@code steps} of a named
     * {@code stage}. In the kNN search: "exact" query slices, "trees", "nn-descent" rounds
     * (NN-descent usually stops before its last round). In optimize, before the first iteration:
     * the PCA initialization's "pca init covariance" or "pca init gram" passes, then its
     * "pca init component c" power steps (usually far fewer than the most). Called on the thread
     * that runs the fit; the default does nothing.
     */
    default void onPhaseStep(Phase phase, String stage, int step, int steps) {}

    /**
     * @param iteration 1-based count of iterations done so far
     * @param kl        KL(P || Q) at this iteration, or {@code NaN} when it was not computed (see
     *                  {@link KlRecord} for which map each method measures it on)
     * @param elapsedNanos time since the optimization started
     * @return whether to go on
     */
    boolean onIteration(int iteration, double kl, long elapsedNanos);
}
