package dev.vtsne.knn;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Exact k nearest neighbours by brute force, tiled, each distance computed once. The points are
 * put in the leaf order of a random-projection tree ({@link #localityOrder}) and cut into blocks
 * of consecutive positions, so a block's points are near each other. Every pair of blocks
 * (I, J), I &le; J, gets one tile of distances (a strip of I's rows against J's block, transposed
 * once up front so the tile kernel runs lanes across it with no per-pair reduction). First each
 * block meets itself: every point's heap starts as the k best of its own block, selected outright.
 * Then the pairs between blocks offer each distance d(i, j) both to i's list and to j's, and, since
 * the lists already hold near neighbours, few offers get past their worst. Each point keeps a
 * bounded max-heap of its k best ordered by (distance, original index), ties to the smaller
 * index: a strict total order, so the kept set does not depend on the order candidates arrive
 * in, nor on the locality order, and every offer is tested against that full order. The heaps
 * hold one {@code long} key per neighbour ({@link KeyHeap}: distance bits over index, so the
 * order is one compare). Block pairs are scheduled as a round-robin tournament, each round's
 * pairs touching disjoint heaps, so rounds run in parallel without locks and the result is the
 * same on any number of threads, and the same, bit for bit, as the query-block search
 * ({@link #searchQueryBlocks}) that computed each distance twice in input order.
 * Measured on fashion-mnist-pca50 (70,000 points, k = 90, 2 threads, a measurement program of commit
 * 7f2a8f5 alternating with the query-block search as the yardstick): the locality order with the
 * diagonal blocks first cut the heap replacements from 48 to 8 million and the search from
 * 3.0 to 2.0 s (0.666 to 0.478-0.490 of the query-block search's time).
 * {@link QueryKnn} (new points against references) keeps the query-block path ({@link #searchBlock}).
 */
public final class ExactKnn {

    /** Queries per block: one task's heaps and tile rows. */
    static final int QUERY_BLOCK = 64;
    /** References per block: the transposed block the tile kernel streams. */
    static final int REF_BLOCK = 256;
    /**
     * Points per block of the symmetric search from {@link #LARGE} points on; below, blocks of
     * {@link #REF_BLOCK}, so that a round still has enough pairs (8 or more) to share among the
     * threads. Measured on fashion-mnist-pca50, k = 90 (busy machine): 1024 beat 256 by 3-14% at
     * 40,000 and 70,000 points and tied at 20,000; 512 and strips of 128 were no better.
     */
    static final int BLOCK = 1024;
    /** The number of points from which the symmetric search uses blocks of {@link #BLOCK}. */
    static final int LARGE = 16 * BLOCK;
    /** Rows of a block pair's tile computed (and offered both ways) at a time. */
    static final int STRIP = 64;
    /** The locality tree's seed (any value gives the same search result). */
    private static final long LOCALITY_SEED = 0x6b6e6e;
    /** Progress is reported after each of this many slices of the search. */
    private static final int SLICES = 20;

    private ExactKnn() {}

    /** The exact {@code k} nearest neighbours of every point of {@code x} (itself excluded). */
    public static KnnGraph search(Points x, int k, DistanceKernels kernels, RowBlocks pool) {
        return search(x, k, kernels, pool, KnnProgress.NONE);
    }

    /**
     * The exact {@code k} nearest neighbours of every point, reporting progress per slice of the
     * tournament's rounds.
     */
    public static KnnGraph search(Points x, int k, DistanceKernels kernels, RowBlocks pool, KnnProgress progress) {
        return searchSymmetric(x, k, kernels, pool, progress, x.size() >= LARGE ? BLOCK : REF_BLOCK, STRIP);
    }

    /**
     * The symmetric search with blocks of {@code block} points and tiles of {@code strip} rows
     * (package-private so tests and measurements can vary them; the result does not depend on them).
     */
    static KnnGraph searchSymmetric(Points x, int k, DistanceKernels kernels, RowBlocks pool, KnnProgress progress, int block, int strip) {
        KnnArguments.check(x, k);
        int n = x.size(), dim = x.dim();
        // Blocks in a locality order: position p holds point order[p], so a block's points are
        // near each other and its diagonal pair alone gives each point a close k-th neighbour
        // before the rest of the search. The heaps hold original indices, so the (distance,
        // index) order and the result are those of the input order.
        int[] order = localityOrder(x, block, pool);
        float[] pts = gatherRows(x.rowMajor(), order, dim, pool);
        float[] refT = transposeBlocks(pts, n, dim, block, pool);
        long[][] heaps = new long[n][];
        int blocks = (n + block - 1) / block;
        ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
        // Each block against itself first: with the heaps empty, every row's k best of its own
        // block are selected outright (no heap traffic), which is most of each point's final
        // list; the pairs between blocks then offer only what beats that.
        pool.forEach(blocks, 1, 2L * blocks * block * block, (from, to) -> {
            Scratch s = take(scratch, block, strip, dim);
            for (int b = from; b < to; b++) {
                diagonalBlock(pts, refT, order, n, dim, k, block, strip, b, kernels, heaps, s);
            }
            scratch.add(s);
        });
        // The pairs between blocks in a circle-method round robin over an even number of slots:
        // in every round each block is in at most one pair, so a round's pairs touch disjoint
        // heaps and run in parallel without locks (with an odd block count the extra slot is a
        // bye).
        int slots = blocks + (blocks & 1);
        int rounds = slots - 1;
        int slices = Math.min(SLICES, rounds); // rounds >= 1: there are always 2 slots or more
        int[] first = new int[slots / 2], second = new int[first.length];
        int reported = 0;
        for (int t = 0; t < rounds; t++) {
            int pairs = 0;
            for (int p = 0; p < slots / 2; p++) {
                int a = p == 0 ? slots - 1 : (t + p) % (slots - 1);
                int b = (t - p + slots - 1) % (slots - 1);
                if (a < blocks) {
                    first[pairs] = Math.min(a, b);
                    second[pairs++] = Math.max(a, b);
                }
            }
            long work = 2L * pairs * block * block; // pair offers, as the query-block search counts them
            int count = pairs;
            pool.forEach(count, 1, work, (from, to) -> {
                Scratch s = take(scratch, block, strip, dim);
                for (int p = from; p < to; p++) {
                    blockPair(pts, refT, order, n, dim, block, strip, first[p], second[p], kernels, heaps, s);
                }
                scratch.add(s);
            });
            int step = (int) ((long) (t + 1) * slices / rounds);
            if (step > reported) {
                progress.step("exact", step, slices);
                reported = step;
            }
        }
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        pool.forEach(n, block, (from, to) -> {
            for (int p = from; p < to; p++) {
                int i = order[p];
                idx[i] = new int[k];
                dist[i] = new float[k];
                KeyHeap.sortInto(heaps[p], idx[i], dist[i]);
                heaps[p] = null;
            }
        });
        return new KnnGraph(n, k, idx, dist);
    }

    private static Scratch take(ConcurrentLinkedQueue<Scratch> scratch, int block, int strip, int dim) {
        Scratch s = scratch.poll();
        return s != null ? s : new Scratch(block, strip, dim);
    }

    /**
     * The points in the leaf order of one random-projection tree with leaves of at most
     * {@code block} points (see {@link RpForest}): consecutive positions are likely neighbours.
     * The tree's seed is fixed; the search's result does not depend on the order anyway.
     */
    static int[] localityOrder(Points x, int block, RowBlocks pool) {
        return RpForest.build(x, 1, block, LOCALITY_SEED, pool).order[0];
    }

    /** The rows of {@code pts} in the given order. */
    private static float[] gatherRows(float[] pts, int[] order, int dim, RowBlocks pool) {
        float[] out = new float[pts.length];
        pool.forEach(order.length, 4096, (long) order.length * dim, (from, to) -> {
            for (int p = from; p < to; p++) {
                System.arraycopy(pts, order[p] * dim, out, p * dim, dim);
            }
        });
        return out;
    }

    /** One task's buffers (about 0.5 MB for blocks of 1024 at 50-d), reused from pair to pair rather than allocated per pair. */
    private static final class Scratch {
        final float[] refBlock, tile, limits;
        final long[] keys;
        final int[] histogram = new int[KeyHeap.BUCKETS];

        Scratch(int block, int strip, int dim) {
            refBlock = new float[block * dim];
            tile = new float[strip * block];
            limits = new float[block];
            keys = new long[block];
        }
    }

    /**
     * Block {@code b} against itself, into empty heaps: per row, the keys of every other point of
     * the block, cut by a histogram of their distances to a few more than the k smallest
     * ({@link KeyHeap#keepBelowKth}), the k smallest of those selected
     * ({@link KeyHeap#selectSmallest}) and made the row's heap;
     * a row with fewer than k others keeps empty slots for the pairs between blocks to fill.
     */
    private static void diagonalBlock(float[] pts, float[] refT, int[] order, int n, int dim, int k, int block, int strip, int b,
                                      DistanceKernels kernels, long[][] heaps, Scratch s) {
        int q0 = b * block, qEnd = Math.min(n, q0 + block), c = qEnd - q0;
        System.arraycopy(refT, q0 * dim, s.refBlock, 0, c * dim);
        float[] tile = s.tile;
        long[] keys = s.keys;
        for (int qFrom = q0; qFrom < qEnd; qFrom += strip) {
            int qTo = Math.min(qEnd, qFrom + strip);
            kernels.squaredDistanceTile(pts, dim, qFrom, qTo, s.refBlock, c, tile);
            for (int q = qFrom; q < qTo; q++) {
                int o = (q - qFrom) * c, m = 0;
                for (int r = 0; r < c; r++) {
                    if (q0 + r != q) {
                        keys[m++] = KeyHeap.distanceBits(tile[o + r]) | order[q0 + r];
                    }
                }
                int kept = Math.min(k, m);
                if (m > k) {
                    m = KeyHeap.keepBelowKth(keys, m, k, s.histogram);
                    KeyHeap.selectSmallest(keys, m, k);
                }
                long[] heap = new long[k];
                KeyHeap.clear(heap);
                System.arraycopy(keys, 0, heap, 0, kept);
                KeyHeap.heapify(heap);
                heaps[q] = heap;
            }
        }
    }

    /**
     * Block {@code bi} against block {@code bj} (bi &lt; bj), each distance computed once: a strip
     * of bi's rows against bj's transposed block gives a tile, and one scan of each tile row finds
     * the candidates of the row's point and of every column's point (distances at most the worst
     * each keeps, {@link DistanceKernels#firstAtMost}); each candidate then meets the heap's full
     * (distance, index) order, as candidates arrive in any index order. The distance of (i, j) has
     * the same bits as that of (j, i): the tile kernel sums (r - q)² over the coordinates in one
     * fixed order, and (r - q)² = (q - r)² exactly.
     */
    private static void blockPair(float[] pts, float[] refT, int[] order, int n, int dim, int block, int strip, int bi, int bj,
                                  DistanceKernels kernels, long[][] heaps, Scratch s) {
        int q0 = bi * block, qEnd = Math.min(n, q0 + block);
        int r0 = bj * block, c = Math.min(block, n - r0);
        // a private copy of the reference block: contiguous and not shared between threads
        System.arraycopy(refT, r0 * dim, s.refBlock, 0, c * dim);
        float[] tile = s.tile, limits = s.limits;
        for (int r = 0; r < c; r++) {
            limits[r] = KeyHeap.distance(heaps[r0 + r][0]);
        }
        for (int qFrom = q0; qFrom < qEnd; qFrom += strip) {
            int qTo = Math.min(qEnd, qFrom + strip);
            kernels.squaredDistanceTile(pts, dim, qFrom, qTo, s.refBlock, c, tile);
            for (int q = qFrom; q < qTo; q++) {
                long[] qh = heaps[q];
                long qKey = order[q];
                int o = (q - qFrom) * c, r = 0;
                while ((r = kernels.firstAtMost(tile, o + r, o + c, KeyHeap.distance(qh[0]), limits, r) - o) < c) {
                    long bits = KeyHeap.distanceBits(tile[o + r]);
                    int j = r0 + r;
                    long key = bits | order[j];
                    if (key < qh[0]) {
                        KeyHeap.replaceRoot(qh, key);
                    }
                    long[] jh = heaps[j];
                    key = bits | qKey;
                    if (key < jh[0]) {
                        KeyHeap.replaceRoot(jh, key);
                        limits[r] = KeyHeap.distance(jh[0]);
                    }
                    r++;
                }
            }
        }
    }

    /**
     * The previous algorithm, kept as the reference the symmetric search must equal bit for bit:
     * query blocks against every reference block, so each distance is computed twice.
     */
    static KnnGraph searchQueryBlocks(Points x, int k, DistanceKernels kernels, RowBlocks pool, KnnProgress progress) {
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
        return transposeBlocks(pts, n, dim, REF_BLOCK, pool);
    }

    /** As {@link #transposeBlocks(float[], int, int, RowBlocks)} with blocks of {@code block} rows. */
    static float[] transposeBlocks(float[] pts, int n, int dim, int block, RowBlocks pool) {
        float[] t = new float[pts.length];
        pool.forEach(n, block, (long) n * dim, (from, to) -> {
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
                            DistanceKernels kernels, int[][] idx, float[][] dist) {
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
    private static void offer(float[] tile, int o, int c, int r0, int self, int[] qi, float[] qd, DistanceKernels kernels) {
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
