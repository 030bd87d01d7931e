package dev.vtsne.init;

/**
 * Progress of a long PCA initialization, for a command line to show: {@code step} of at most
 * {@code steps} in a named {@code stage} (the passes that build the covariance or Gram matrix,
 * then each component's power iteration, which usually converges before its last step). Called
 * on the thread that runs the initialization.
 */
@FunctionalInterface
public interface InitProgress {

    InitProgress NONE = (stage, step, steps) -> {};

    /** Step {@code step} of at most {@code steps} of {@code stage} is done. */
    void step(String stage, int step, int steps);
}
