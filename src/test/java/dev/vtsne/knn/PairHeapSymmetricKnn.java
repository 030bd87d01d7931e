package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.Kernels;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Not a test: the symmetric exact search as it was before its heaps became one {@code long} key
 * per neighbour, on {@link NeighborHeap}'s parallel int/float arrays, kept so that
 * {@link ExactKnnMeasure} can time the two in one JVM and check they agree bit for bit.
 */
final class PairHeapSymmetricKnn {

    private static final int SLICES = 20;

    private PairHeapSymmetricKnn() {}

    static KnnGraph searchSymmetric(Points x, int k, Kernels kernels, RowBlocks pool, KnnProgress progress, int block, int strip) {
        KnnArguments.check(x, k);
        int n = x.size(), dim = x.dim();
        float[] pts = x.rowMajor();
        float[] refT = ExactKnn.transposeBlocks(pts, n, dim, block, pool);
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        pool.forEach(n, block, (from, to) -> {
            for (int i = from; i < to; i++) {
                idx[i] = new int[k];
                dist[i] = new float[k];
                NeighborHeap.clear(idx[i], dist[i]);
            }
        });
        int blocks = (n + block - 1) / block;
        // Circle-method round robin over an even number of slots: in every round each block is in
        // exactly one pair, so a round's pairs touch disjoint heaps and run in parallel without
        // locks. With an odd block count the extra slot is a bye, which a block spends on its
        // diagonal pair; with an even count the diagonals get a round of their own.
        int slots = blocks + (blocks & 1);
        int rounds = slots - 1 + ((blocks & 1) ^ 1);
        int slices = Math.min(SLICES, rounds);
        int[] first = new int[slots / 2 + blocks], second = new int[first.length];
        ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
        int reported = 0;
        for (int t = 0; t < rounds; t++) {
            int pairs = 0;
            if (t < slots - 1) {
                for (int p = 0; p < slots / 2; p++) {
                    int a = p == 0 ? slots - 1 : (t + p) % (slots - 1);
                    int b = (t - p + slots - 1) % (slots - 1);
                    if (a >= blocks) {
                        a = b; // the bye: b meets itself
                    }
                    first[pairs] = Math.min(a, b);
                    second[pairs++] = Math.max(a, b);
                }
            } else {
                for (int b = 0; b < blocks; b++) {
                    first[pairs] = b;
                    second[pairs++] = b;
                }
            }
            long work = 2L * pairs * block * block; // pair offers, as the query-block search counts them
            pool.forEach(pairs, 1, work, (from, to) -> {
                Scratch s = scratch.poll();
                if (s == null) {
                    s = new Scratch(block, strip, dim);
                }
                for (int p = from; p < to; p++) {
                    blockPair(pts, refT, n, dim, block, strip, first[p], second[p], kernels, idx, dist, s);
                }
                scratch.add(s);
            });
            int step = (int) ((long) (t + 1) * slices / rounds);
            if (step > reported) {
                progress.step("exact", step, slices);
                reported = step;
            }
        }
        pool.forEach(n, block, (from, to) -> {
            for (int i = from; i < to; i++) {
                NeighborHeap.sortAscending(idx[i], dist[i]);
            }
        });
        return new KnnGraph(n, k, idx, dist);
    }

    /** One task's buffers (about 0.5 MB for blocks of 1024 at 50-d), reused from pair to pair rather than allocated per pair. */
    private static final class Scratch {
        final float[] refBlock, tile, limits;

        Scratch(int block, int strip, int dim) {
            refBlock = new float[block * dim];
            tile = new float[strip * block];
            limits = new float[block];
        }
    }

    /**
     * Block {@code bi} against block {@code bj} (bi &le; bj), each distance computed once: a strip
     * of bi's rows against bj's transposed block gives a tile, and one scan of each tile row finds
     * the candidates of the row's point and of every column's point (distances at most the worst
     * each keeps, {@link Kernels#firstAtMost}); each candidate then meets the heap's full
     * (distance, index) order, as candidates arrive in any index order. On the diagonal
     * (bi = bj) only the rows' heaps are offered (each pair twice, each point skipping itself).
     * The distance of (i, j) has the same bits as that of (j, i): the tile kernel sums (r - q)²
     * over the coordinates in one fixed order, and (r - q)² = (q - r)² exactly.
     */
    private static void blockPair(float[] pts, float[] refT, int n, int dim, int block, int strip, int bi, int bj,
                                  Kernels kernels, int[][] idx, float[][] dist, Scratch s) {
        int q0 = bi * block, qEnd = Math.min(n, q0 + block);
        int r0 = bj * block, c = Math.min(block, n - r0);
        boolean diagonal = bi == bj;
        // a private copy of the reference block: contiguous and not shared between threads
        System.arraycopy(refT, r0 * dim, s.refBlock, 0, c * dim);
        float[] tile = s.tile, limits = s.limits;
        for (int r = 0; r < c; r++) {
            limits[r] = diagonal ? Float.NEGATIVE_INFINITY : dist[r0 + r][0];
        }
        for (int qFrom = q0; qFrom < qEnd; qFrom += strip) {
            int qTo = Math.min(qEnd, qFrom + strip);
            kernels.squaredDistanceTile(pts, dim, qFrom, qTo, s.refBlock, c, tile);
            for (int q = qFrom; q < qTo; q++) {
                int[] qi = idx[q];
                float[] qd = dist[q];
                int o = (q - qFrom) * c, r = 0;
                while ((r = kernels.firstAtMost(tile, o + r, o + c, qd[0], limits, r) - o) < c) {
                    float d = tile[o + r];
                    int j = r0 + r;
                    if (j != q && NeighborHeap.accepts(qi, qd, d, j)) {
                        NeighborHeap.replaceRoot(qi, qd, null, d, j, NeighborHeap.NEW);
                    }
                    if (!diagonal && NeighborHeap.accepts(idx[j], dist[j], d, q)) {
                        NeighborHeap.replaceRoot(idx[j], dist[j], null, d, q, NeighborHeap.NEW);
                        limits[r] = dist[j][0];
                    }
                    r++;
                }
            }
        }
    }
}
