package dev.vtsne;

/**
 * The phases of {@link TSne#fit}, in the order they run (each only when the run needs it), as
 * {@link IterationListener#onPhase} announces them and {@link PhaseTimes} times them.
 */
public enum Phase {
    /** Projecting the input on its principal components (when asked). */
    PCA("pca"),
    /**
     * Compiling the vector kernels on small inputs before a large run, once per JVM (see
     * {@link dev.vtsne.simd.KernelWarmup}); about a second, which saves more in the first iterations.
     */
    WARMUP("warmup"),
    /** The nearest-neighbour search (bh and fft only). */
    KNN("knn"),
    /** Perplexity calibration and symmetrization of the affinities. */
    AFFINITIES("affinities"),
    /** Initialization and the gradient descent. */
    OPTIMIZE("optimize");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The phase's name in progress lines and reports ("knn"). */
    public String label() {
        return label;
    }
}
