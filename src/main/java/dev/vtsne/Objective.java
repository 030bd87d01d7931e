package dev.vtsne;

/** Which cost vtsne minimizes. */
public enum Objective {
    /** t-SNE (van der Maaten and Hinton 2008): symmetric P, Student-t Q. */
    TSNE,
    /** SNE (Hinton and Roweis 2002): conditional P, Gaussian Q. */
    SNE
}
