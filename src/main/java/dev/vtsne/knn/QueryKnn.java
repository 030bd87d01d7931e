package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;
import java.util.Objects;

/**
 * Exact k nearest neighbours of new (query) points among a fixed set of reference points, for
 * out-of-sample embedding: the tiled search of {@link ExactKnn} (the same transposed reference
 * blocks and the same {@link Kernels#squaredDistanceTile} kernel), except that queries and
 * references are different sets, so no pair is skipped as "self": a query that coincides with a
 * reference point gets it as a neighbour at distance 0. Ties go to the smaller reference index.
 * Query blocks are independent, so the result is the same on any number of threads.
 */
public final class QueryKnn {

    /**
     * The neighbours of each query: {@code indices[q][0..k-1]} are reference rows, nearest first,
     * with their squared Euclidean distances in {@code squaredDistances[q]}.
     */
    public record Result(int k, int[][] indices, float[][] squaredDistances) {}

    private QueryKnn() {}

    /**
     * @param k neighbours per query, 1 &le; k &le; reference.size()
     * @throws IllegalArgumentException when the dimensions differ or k is out of range
     */
    public static Result search(Points queries, Points reference, int k, Kernels kernels, RowBlocks pool) {
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(reference, "reference");
        if (queries.dim() != reference.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim() + " columns, the reference points "
                    + reference.dim());
        }
        int n = reference.size(), m = queries.size(), dim = reference.dim();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + " neighbours must be in [1, " + n + "] for " + n + " reference points");
        }
        float[] refT = ExactKnn.transposeBlocks(reference.rowMajor(), n, dim, pool);
        float[] q = queries.rowMajor();
        int[][] idx = new int[m][];
        float[][] dist = new float[m][];
        pool.forEach(m, ExactKnn.QUERY_BLOCK, (long) m * n, (from, to) -> searchBlock(q, refT, n, dim, k, from, to, kernels, idx, dist));
        return new Result(k, idx, dist);
    }

    private static void searchBlock(float[] q, float[] refT, int n, int dim, int k, int qFrom, int qTo,
                                    Kernels kernels, int[][] idx, float[][] dist) {
        int qs = qTo - qFrom, block = ExactKnn.REF_BLOCK;
        float[] tile = new float[qs * block];
        float[] refBlock = new float[block * dim];
        for (int i = qFrom; i < qTo; i++) {
            idx[i] = new int[k];
            dist[i] = new float[k];
            NeighborHeap.clear(idx[i], dist[i]);
        }
        for (int r0 = 0; r0 < n; r0 += block) {
            int c = Math.min(block, n - r0);
            System.arraycopy(refT, r0 * dim, refBlock, 0, c * dim);
            kernels.squaredDistanceTile(q, dim, qFrom, qTo, refBlock, c, tile);
            for (int i = qFrom; i < qTo; i++) {
                int[] qi = idx[i];
                float[] qd = dist[i];
                int o = (i - qFrom) * c;
                float worst = qd[0];
                for (int r = 0; r < c; r++) {
                    float d = tile[o + r];
                    // references arrive in increasing index order: an equal distance never displaces a
                    // kept neighbour, so the smaller index wins ties
                    if (d < worst || qi[0] == NeighborHeap.EMPTY) {
                        NeighborHeap.replaceRoot(qi, qd, null, d, r0 + r, NeighborHeap.NEW);
                        worst = qd[0];
                    }
                }
            }
        }
        for (int i = qFrom; i < qTo; i++) {
            NeighborHeap.sortAscending(idx[i], dist[i]);
        }
    }
}
