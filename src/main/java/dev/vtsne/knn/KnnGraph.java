package dev.vtsne.knn;

/**
 * The k nearest neighbours of every point: row i holds {@code indices[i][0..k-1]} (never i
 * itself) with their squared Euclidean distances {@code squaredDistances[i][..]}, nearest first.
 * One array per row, so the graph has no index arithmetic that could overflow however large
 * n·k grows.
 */
public record KnnGraph(int n, int k, int[][] indices, float[][] squaredDistances) {

    public KnnGraph {
        if (indices.length != n || squaredDistances.length != n) {
            throw new IllegalArgumentException("a kNN graph of " + n + " points needs " + n + " rows");
        }
        if (k < 1 || k >= Math.max(2, n)) {
            throw new IllegalArgumentException("k must be in [1, n - 1], got k = " + k + " for n = " + n);
        }
    }
}
