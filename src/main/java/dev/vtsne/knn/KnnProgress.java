package dev.vtsne.knn;

/**
 * Progress of a long neighbour search, for a command line to show: {@code step} of at most
 * {@code steps} in a named {@code stage} ("exact" query blocks, "trees", "nn-descent" rounds).
 * NN-descent usually stops before its last round. Called on the thread that started the search.
 */
@FunctionalInterface
public interface KnnProgress {

    KnnProgress NONE = (stage, step, steps) -> {};

    /** Step {@code step} of at most {@code steps} of {@code stage} is done. */
    void step(String stage, int step, int steps);
}
