package dev.vtsne.knn;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import java.util.Objects;

/**
 * Exact k nearest neighbours of new (query) points among a fixed set of reference points, for
 * out-of-sample embedding: the tiled search of {@link ExactKnn} (the same transposed reference
 * blocks and the same {@link DistanceKernels#squaredDistanceTile} kernel), except that queries and
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
    public static Result search(Points queries, Points reference, int k, DistanceKernels kernels, RowBlocks pool) {
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
        pool.forEach(m, ExactKnn.QUERY_BLOCK, (long) m * n, (from, to) -> ExactKnn.searchBlock(q, false, refT, n, dim, k, from, to, kernels, idx, dist));
        return new Result(k, idx, dist);
    }
}
