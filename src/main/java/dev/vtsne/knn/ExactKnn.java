package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;

/**
 * Exact k nearest neighbours by brute force, tiled: a block of queries against one block of
 * references at a time, the references transposed once up front so the tile kernel runs lanes
 * across them (no per-pair reduction) and a reference block (256 x dim floats: 50 KiB at 50-d)
 * stays in cache while every query of the block meets it. Each query keeps a bounded max-heap of
 * its k best; ties go to the smaller index, so the result is well-defined. Query blocks are
 * independent, so the result is the same on any number of threads.
 */
public final class ExactKnn {

    /** Queries per block: one task's heaps and tile rows. */
    static final int QUERY_BLOCK = 64;
    /** References per block: the transposed block the tile kernel streams. */
    static final int REF_BLOCK = 256;
    /** Progress is reported after each of this many slices of the queries. */
    private static final int SLICES = 20;

    private ExactKnn() {}

    /** The exact {@code k} nearest neighbours of every point of {@code x} (itself excluded). */
    public static KnnGraph search(Points x, int k, Kernels kernels, RowBlocks pool) {
        return search(x, k, kernels, pool, KnnProgress.NONE);
    }

    /** The exact {@code k} nearest neighbours of every point, reporting progress per slice of the queries. */
    public static KnnGraph search(Points x, int k, Kernels kernels, RowBlocks pool, KnnProgress progress) {
        KnnArguments.check(x, k);
        int n = x.size(), dim = x.dim();
        float[] pts = x.rowMajor();
        float[] refT = transposeBlocks(pts, n, dim, pool);
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        int slices = Math.min(SLICES, blocks);
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) blocks * s / slices) * QUERY_BLOCK;
            int to = Math.min(n, (int) ((long) blocks * (s + 1) / slices) * QUERY_BLOCK);
            long work = (long) (to - from) * n;
            pool.forEach(to - from, QUERY_BLOCK, work, (a, b) -> searchBlock(pts, true, refT, n, dim, k, from + a, from + b, kernels, idx, dist));
            progress.step("exact", s + 1, slices);
        }
        return new KnnGraph(n, k, idx, dist);
    }

    /**
     * The points transposed block by block: reference block b (rows b·R .. b·R+c-1, c ≤ R) starts
     * at b·R·dim and holds coordinate q of its row r at {@code q * c + r}.
     */
    static float[] transposeBlocks(float[] pts, int n, int dim, RowBlocks pool) {
        float[] t = new float[pts.length];
        pool.forEach(n, REF_BLOCK, (long) n * dim, (from, to) -> {
            int c = to - from, base = from * dim;
            for (int r = 0; r < c; r++) {
                for (int q = 0; q < dim; q++) {
                    t[base + q * c + r] = pts[(from + r) * dim + q];
                }
            }
        });
        return t;
    }

    /**
     * The k nearest of the n references (transposed blocks {@code refT}) for query rows
     * qFrom .. qTo - 1 of {@code pts}, into {@code idx, dist}; with {@code queriesAreReferences}
     * query q is reference q too and is not its own neighbour (QueryKnn passes new points: false).
     */
    static void searchBlock(float[] pts, boolean queriesAreReferences, float[] refT, int n, int dim, int k, int qFrom, int qTo,
                            Kernels kernels, int[][] idx, float[][] dist) {
        int qs = qTo - qFrom;
        float[] tile = new float[qs * REF_BLOCK];
        float[] refBlock = new float[REF_BLOCK * dim];
        for (int q = qFrom; q < qTo; q++) {
            idx[q] = new int[k];
            dist[q] = new float[k];
            NeighborHeap.clear(idx[q], dist[q]);
        }
        for (int r0 = 0; r0 < n; r0 += REF_BLOCK) {
            int c = Math.min(REF_BLOCK, n - r0);
            // a private copy of the reference block: contiguous and not shared between threads
            System.arraycopy(refT, r0 * dim, refBlock, 0, c * dim);
            kernels.squaredDistanceTile(pts, dim, qFrom, qTo, refBlock, c, tile);
            for (int q = qFrom; q < qTo; q++) {
                offer(tile, (q - qFrom) * c, c, r0, queriesAreReferences ? q : -1, idx[q], dist[q], kernels);
            }
        }
        for (int q = qFrom; q < qTo; q++) {
            NeighborHeap.sortAscending(idx[q], dist[q]);
        }
    }

    /**
     * Offers one query's distances to a reference block, {@code tile[o .. o + c)} for references
     * r0 .. r0 + c - 1, to its heap {@code qi, qd}, skipping reference {@code self} (the query itself,
     * or -1). While the heap has empty slots every reference is a candidate (an empty slot takes even
     * a distance that overflowed to infinity); then only distances below the worst kept one, found a
     * vector at a time. References come in increasing index order, so an equal distance never
     * displaces a kept neighbour (the smaller index wins ties).
     */
    private static void offer(float[] tile, int o, int c, int r0, int self, int[] qi, float[] qd, Kernels kernels) {
        float worst = qd[0];
        int r = 0;
        for (; r < c && qi[0] == NeighborHeap.EMPTY; r++) {
            if (r0 + r != self) {
                NeighborHeap.replaceRoot(qi, qd, null, tile[o + r], r0 + r, NeighborHeap.NEW);
                worst = qd[0];
            }
        }
        while ((r = kernels.firstBelow(tile, o + r, o + c, worst) - o) < c) {
            if (r0 + r != self) {
                NeighborHeap.replaceRoot(qi, qd, null, tile[o + r], r0 + r, NeighborHeap.NEW);
                worst = qd[0];
            }
            r++;
        }
    }
}
