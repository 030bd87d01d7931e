package dev.vtsne;

/**
 * How the t-SNE gradient's all-pairs repulsion is computed.
 *
 * <ul>
 *   <li>{@link #EXACT}: every pair, O(n²), affinities over all pairs; the only method for SNE.</li>
 *   <li>{@link #BARNES_HUT}: a quadtree (octree in 3-D) summarizes far cells, O(n log n), with
 *       affinities over the 3·perplexity nearest neighbours.</li>
 *   <li>{@link #FFT}: FIt-SNE's interpolation on a grid with FFT convolutions, O(n), 2-D only
 *       (its grid is cubic in 3-D), kNN affinities.</li>
 *   <li>{@link #AUTO}: exact up to {@link #AUTO_EXACT_MAX} points, Barnes-Hut below
 *       {@link #AUTO_FFT_MIN} (and always in 3-D), FFT from there.</li>
 * </ul>
 */
public enum Method {
    AUTO, EXACT, BARNES_HUT, FFT;

    /**
     * Largest n for which auto picks the exact method: there an exact gradient takes under half a
     * millisecond (JMH: 2,659 gradients/s at n = 1,000 on one thread) and needs no kNN search.
     */
    public static final int AUTO_EXACT_MAX = 1_000;

    /**
     * Smallest n for which auto picks FFT (2-D), as the issue asks. Measured: on Fashion-MNIST
     * 70k the whole run took 46 s with fft and 62 s with bh (before the FFT's butterflies were
     * vectorized); per call on a 100-unit map (JMH, 2 threads) Barnes-Hut costs 6.4 / 85.6 ms and
     * FFT 13.4 / 17.6 ms at 10k / 100k points, so the break-even lies between 10k and 100k; it
     * awaits whole-run measurements there.
     */
    public static final int AUTO_FFT_MIN = 10_000;

    /** The concrete method for n points in {@code dimensions} axes; never AUTO. */
    public Method resolve(int n, int dimensions, Objective objective) {
        if (this != AUTO) {
            return this;
        }
        if (objective == Objective.SNE || n <= AUTO_EXACT_MAX) {
            return EXACT;
        }
        return n < AUTO_FFT_MIN || dimensions != 2 ? BARNES_HUT : FFT;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return switch (this) {
            case AUTO -> "auto";
            case EXACT -> "exact";
            case BARNES_HUT -> "bh";
            case FFT -> "fft";
        };
    }
}
