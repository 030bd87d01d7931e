package dev.vtsne;

import dev.vtsne.knn.KnnGraph;
import java.util.Objects;

/**
 * The k nearest neighbours of each of n points: row i lists k other points, nearest first, with
 * their distances. The first step of a fit for the Barnes-Hut and FFT methods, computed by
 * {@link TSne#neighbors} or given from elsewhere (pynndescent, Annoy, HNSW, a distributed job):
 *
 * <pre>{@code
 * NeighborGraph g = NeighborGraph.of(indices, distances);   // int[n][k], float[n][k]
 * AffinityMatrix p = TSne.affinities(g, options);
 * }</pre>
 *
 * <p>Distances are plain (not squared) distances, as those libraries return them; Euclidean for
 * the graph {@link TSne#neighbors} computes, any metric for a given graph. The perplexity
 * calibration uses their squares, p_j|i ∝ exp(-β d_ij²), as bhtsne, FIt-SNE and openTSNE do.
 * The graph is stored as the fit's kNN search produces it, with squared distances, so that the
 * fit's own graph passes through here without rounding; a given distance d is stored as the
 * float nearest d² and read back as the float nearest its square root.
 *
 * <p>A given row need not be sorted: rows are sorted nearest first here (equal distances keep
 * their given order). Everything else wrong is refused by the factories.
 */
public final class NeighborGraph {

    private final KnnGraph graph;
    private final PreparationTimes times;

    NeighborGraph(KnnGraph graph, PreparationTimes times) {
        this.graph = graph;
        this.times = times;
    }

    /**
     * A graph from one row per point: {@code indices[i][t]} is point i's t-th neighbour (0-based)
     * at distance {@code distances[i][t]}. The arrays are copied.
     *
     * @throws IllegalArgumentException naming the first row or entry that is wrong: fewer than 2
     *         points, rows of different lengths, k = 0 or k &ge; n, an index outside [0, n), a
     *         point listed as its own neighbour or a neighbour listed twice in a row, a negative
     *         or non-finite distance, or one whose square exceeds the float range
     */
    public static NeighborGraph of(int[][] indices, float[][] distances) {
        Objects.requireNonNull(indices, "indices is null");
        Objects.requireNonNull(distances, "distances is null");
        int n = indices.length;
        if (distances.length != n) {
            throw new IllegalArgumentException("indices has " + n + " rows and distances " + distances.length + "; give one row per point in both");
        }
        checkSize(n);
        int k = rowLength(indices, distances, 0);
        int[][] idx = new int[n][];
        float[][] sq = new float[n][];
        int[] lastRow = unlisted(n);
        for (int i = 0; i < n; i++) {
            if (rowLength(indices, distances, i) != k) {
                throw new IllegalArgumentException("row " + i + " has " + indices[i].length + " neighbours, row 0 has " + k
                        + "; every row must list the same number");
            }
            idx[i] = new int[k];
            sq[i] = new float[k];
            row(n, i, indices[i], 0, distances[i], 0, k, idx[i], sq[i], lastRow);
        }
        return new NeighborGraph(new KnnGraph(n, k, idx, sq), PreparationTimes.NONE);
    }

    /**
     * A graph from row-major arrays of n·k entries (numpy's {@code (n, k)} arrays as they lie in
     * memory): point i's neighbours are {@code indices[i*k .. i*k+k-1]}, distances alike. Copied.
     *
     * @throws IllegalArgumentException as {@link #of(int[][], float[][])}, and when an array does
     *         not hold n·k entries
     */
    public static NeighborGraph ofRowMajor(int n, int k, int[] indices, float[] distances) {
        Objects.requireNonNull(indices, "indices is null");
        Objects.requireNonNull(distances, "distances is null");
        checkSize(n);
        checkK(n, k);
        long entries = (long) n * k;
        if (indices.length != entries || distances.length != entries) {
            throw new IllegalArgumentException(n + " points of " + k + " neighbours need " + entries + " indices and distances, got "
                    + indices.length + " and " + distances.length);
        }
        int[][] idx = new int[n][k];
        float[][] sq = new float[n][k];
        int[] lastRow = unlisted(n);
        for (int i = 0; i < n; i++) {
            row(n, i, indices, i * k, distances, i * k, k, idx[i], sq[i], lastRow);
        }
        return new NeighborGraph(new KnnGraph(n, k, idx, sq), PreparationTimes.NONE);
    }

    private static int[] unlisted(int n) {
        int[] lastRow = new int[n];
        java.util.Arrays.fill(lastRow, -1);
        return lastRow;
    }

    private static void checkSize(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a neighbour graph needs at least 2 points, got " + n);
        }
    }

    private static void checkK(int n, int k) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("each point needs between 1 and n - 1 = " + (n - 1) + " neighbours, got k = " + k);
        }
    }

    /** Row i's length, checked non-null and equal in both arrays. */
    private static int rowLength(int[][] indices, float[][] distances, int i) {
        Objects.requireNonNull(indices[i], () -> "indices[" + i + "] is null");
        Objects.requireNonNull(distances[i], () -> "distances[" + i + "] is null");
        if (indices[i].length != distances[i].length) {
            throw new IllegalArgumentException("row " + i + " has " + indices[i].length + " indices and " + distances[i].length
                    + " distances; they must pair up");
        }
        if (i == 0) {
            checkK(indices.length, indices[0].length);
        }
        return indices[i].length;
    }

    /**
     * Checks row i's k entries and writes them sorted nearest first (ties in their given order),
     * with squared distances. {@code lastRow[j]} is the last row that listed j (-1 for none).
     */
    private static void row(int n, int i, int[] indices, int at, float[] distances, int dat, int k, int[] idxOut, float[] sqOut,
                            int[] lastRow) {
        long[] keyed = new long[k];
        for (int t = 0; t < k; t++) {
            int j = indices[at + t];
            float d = distances[dat + t];
            if (j < 0 || j >= n) {
                throw new IllegalArgumentException("neighbour " + t + " of point " + i + " is " + j + ", outside [0, " + n + ")");
            }
            if (lastRow[j] == i) {
                throw new IllegalArgumentException("point " + i + " lists neighbour " + j + " twice; list each neighbour once");
            }
            lastRow[j] = i;
            if (j == i) {
                throw new IllegalArgumentException("point " + i + " is listed as its own neighbour (position " + t
                        + "); drop the point itself from its row (many kNN libraries return it first)");
            }
            if (!(d >= 0) || !Float.isFinite(d)) {
                throw new IllegalArgumentException("distance " + t + " of point " + i + " (to " + j + ") is " + d
                        + "; distances must be finite and >= 0");
            }
            float squared = (float) ((double) d * d);
            if (squared == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("distance " + t + " of point " + i + " (to " + j + ") is " + d
                        + ", whose square exceeds the float range; scale the distances down");
            }
            // non-negative floats order as their bits: (distance, position) sorts stably by distance
            keyed[t] = (long) Float.floatToIntBits(squared) << 32 | t;
        }
        java.util.Arrays.sort(keyed);
        for (int t = 0; t < k; t++) {
            int from = (int) keyed[t];
            idxOut[t] = indices[at + from];
            sqOut[t] = Float.intBitsToFloat((int) (keyed[t] >>> 32));
        }
    }

    /** Number of points. */
    public int size() {
        return graph.n();
    }

    /** Neighbours per point (k). */
    public int neighbors() {
        return graph.k();
    }

    /** A copy of the neighbour indices, {@code [n][k]}, nearest first. */
    public int[][] indices() {
        int[][] out = new int[graph.n()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = graph.indices()[i].clone();
        }
        return out;
    }

    /** A copy of the (plain, not squared) distances, {@code [n][k]}, nearest first. */
    public float[][] distances() {
        float[][] out = new float[graph.n()][graph.k()];
        for (int i = 0; i < out.length; i++) {
            float[] sq = graph.squaredDistances()[i];
            for (int t = 0; t < sq.length; t++) {
                out[i][t] = (float) Math.sqrt(sq[t]);
            }
        }
        return out;
    }

    /** The graph as the affinities read it. */
    KnnGraph graph() {
        return graph;
    }

    /** The time spent computing it (all 0 for a given graph). */
    PreparationTimes times() {
        return times;
    }
}
