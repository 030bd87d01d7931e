package dev.vtsne;

/**
 * New points placed into an existing map by {@link ReferenceMap#transform}: their coordinates in
 * the reference map's frame (plot them over it as they are) and the mean over the new points of
 * each point's own cost KL(p_·|i || q_·|i) against the reference points, at the initial
 * positions and at the end (see {@link dev.vtsne.transform.ReferenceForces}).
 */
public final class PartialEmbedding {

    private final float[][] y;
    private final double initialKl;
    private final double kl;
    private final int iterations;
    private final long neighbourNanos;
    private final long optimizeNanos;

    PartialEmbedding(float[][] y, double initialKl, double kl, int iterations, long neighbourNanos, long optimizeNanos) {
        this.y = y;
        this.initialKl = initialKl;
        this.kl = kl;
        this.iterations = iterations;
        this.neighbourNanos = neighbourNanos;
        this.optimizeNanos = optimizeNanos;
    }

    /** Number of new points. */
    public int size() {
        return y[0].length;
    }

    /** Output axes, those of the reference map. */
    public int dimensions() {
        return y.length;
    }

    /** A copy of the coordinates, one array per axis. */
    public float[][] coordinates() {
        return Axes.copy(y);
    }

    /** A copy of the coordinates as row-major size × dimensions. */
    public float[] rowMajor() {
        return Axes.rowMajor(y);
    }

    /** Mean per-point KL at the initial positions (median or weighted mean of the neighbours). */
    public double initialKl() {
        return initialKl;
    }

    /** Mean per-point KL at the final positions. */
    public double kl() {
        return kl;
    }

    /** Gradient steps each point took (both phases). */
    public int iterations() {
        return iterations;
    }

    /** Time spent on PCA projection, the kNN search and the affinities. */
    public long neighbourNanos() {
        return neighbourNanos;
    }

    /** Time spent placing the points (initialization, optimization, KL). */
    public long optimizeNanos() {
        return optimizeNanos;
    }
}
