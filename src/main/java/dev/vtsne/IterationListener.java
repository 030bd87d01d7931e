package dev.vtsne;

/**
 * Sees the run's progress. Called after every iteration on the thread that runs the optimizer;
 * return {@code false} to stop cleanly after this iteration (the embedding keeps its state).
 */
@FunctionalInterface
public interface IterationListener {

    /**
     * @param iteration 1-based count of iterations done so far
     * @param kl        KL(P || Q) at this iteration, or {@code NaN} when it was not computed (see
     *                  {@link KlRecord} for which map each method measures it on)
     * @param elapsedNanos time since the optimization started
     * @return whether to go on
     */
    boolean onIteration(int iteration, double kl, long elapsedNanos);
}
