package dev.vtsne;

/** How the embedding starts. */
public enum Initialization {
    /** Leading principal components, first scaled to standard deviation 1e-4. */
    PCA,
    /** Seeded Gaussian noise with standard deviation 1e-4. */
    RANDOM
}
