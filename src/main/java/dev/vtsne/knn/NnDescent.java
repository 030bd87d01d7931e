package dev.vtsne.knn;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Approximate k nearest neighbours: random-projection trees for a start, refined by NN-descent
 * (Dong, Moses and Li 2011) with new/old flags and sampled candidates, as pynndescent.
 *
 * <p>Each round samples every point's candidates (see {@link CandidateLists}) and then, chunk by
 * chunk of points, runs the local joins in parallel (pairs of a point's candidates, new x new and
 * new x old, distances by {@link DistanceKernels#squaredDistancesToRows}) into per-block update buffers
 * while the graph is only read, and applies the buffered updates afterwards, split by target
 * point, each target's updates in buffer order. Every point's list therefore sees the same
 * updates in the same order on any number of threads: results are bit-identical for a seed.
 * Rounds stop when fewer than {@code delta · n · k} updates are made, or after {@code maxRounds}.
 */
public final class NnDescent {

    /**
     * Tuning: {@code trees} random-projection trees split down to {@code leafSize} points,
     * at most {@code maxCandidates} new and as many old candidates per point and round.
     */
    public record Settings(int trees, int leafSize, int maxCandidates, int maxRounds, double delta) {

        public Settings {
            if (trees < 0 || leafSize < 2 || maxCandidates < 1 || maxRounds < 0 || !(delta >= 0)) {
                throw new IllegalArgumentException("invalid NN-descent settings: " + this);
            }
        }

        /**
         * Defaults for n points and k neighbours: pynndescent's round cap max(5, round(log2 n))
         * and stopping rate 0.001; 6 trees, leaves of up to 4k/3 points and k/6 candidates (15 at
         * k = 90, pynndescent takes 60) chosen by measurement on fashion-mnist-pca50, k = 90, one
         * thread: 8 trees / 180 / 60 gave recall 1.0000 (1,000 queries) at several times the cost;
         * 8 / 120 / 20 gave 0.9995; 6 / 120 / 15 gave 0.9987 in 25.7 s of CPU time.
         */
        public static Settings defaults(int n, int k) {
            int rounds = Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
            return new Settings(6, Math.max(k + k / 3, 32), Math.max(10, Math.min(60, k / 6)), rounds, 0.001);
        }
    }

    /** Points per join chunk: bounds the update buffers, a fixed size whatever the thread count. */
    private static final int CHUNK = 2048;
    /** Points per join task within a chunk. */
    private static final int JOIN_BLOCK = 64;

    private NnDescent() {}

    /** Approximate {@code k} nearest neighbours with the default {@link Settings}, seeded by {@code seed}. */
    public static KnnGraph search(Points x, int k, long seed, DistanceKernels kernels, RowBlocks pool) {
        return search(x, k, seed, Settings.defaults(x.size(), k), kernels, pool, KnnProgress.NONE);
    }

    /** Approximate {@code k} nearest neighbours with the given {@code settings}, reporting progress. */
    public static KnnGraph search(Points x, int k, long seed, Settings settings, DistanceKernels kernels, RowBlocks pool,
                                  KnnProgress progress) {
        KnnArguments.check(x, k);
        int n = x.size();
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        byte[][] flags = new byte[n][];
        RpForest forest = settings.trees() > 0 ? RpForest.build(x, settings.trees(), settings.leafSize(), seed, pool) : null;
        progress.step("trees", 1, 1);
        initialize(x, k, seed, forest, kernels, pool, idx, dist, flags);
        forest = null;
        int m = settings.maxCandidates();
        CandidateLists cand = new CandidateLists(n, m);
        UpdateBuffer[] buffers = new UpdateBuffer[(CHUNK + JOIN_BLOCK - 1) / JOIN_BLOCK];
        for (int b = 0; b < buffers.length; b++) {
            buffers[b] = new UpdateBuffer();
        }
        long stop = (long) Math.ceil(settings.delta() * n * k);
        for (int round = 0; round < settings.maxRounds(); round++) {
            long roundSeed = Hashing.mix(seed ^ Hashing.mix(0x726f756e64L + round));
            cand.sample(idx, flags, roundSeed, pool);
            // the sampled new neighbours are old from now on: they are joined this round
            pool.forEach(n, 1024, (a, b) -> {
                for (int i = a; i < b; i++) {
                    for (int s = 0; s < k; s++) {
                        if (flags[i][s] == NeighborHeap.NEW && cand.isNewCandidate(i, idx[i][s])) {
                            flags[i][s] = NeighborHeap.OLD;
                        }
                    }
                }
            });
            long updates = 0;
            for (int c0 = 0; c0 < n; c0 += CHUNK) {
                int chunkStart = c0, chunkLen = Math.min(CHUNK, n - c0);
                pool.forEach(chunkLen, JOIN_BLOCK, (a, b) -> {
                    UpdateBuffer buf = buffers[a / JOIN_BLOCK];
                    buf.clear();
                    join(x, chunkStart + a, chunkStart + b, cand, idx, dist, kernels, buf);
                });
                int used = (chunkLen + JOIN_BLOCK - 1) / JOIN_BLOCK;
                updates += apply(buffers, used, idx, dist, flags, pool);
            }
            progress.step("nn-descent", round + 1, settings.maxRounds());
            if (updates <= stop) {
                break;
            }
        }
        pool.forEach(n, 1024, (a, b) -> {
            for (int i = a; i < b; i++) {
                NeighborHeap.sortAscending(idx[i], dist[i]);
            }
        });
        return new KnnGraph(n, k, idx, dist);
    }

    /** Each point's list from the points sharing its leaves, topped up with seeded random points. */
    private static void initialize(Points x, int k, long seed, RpForest forest, DistanceKernels kernels, RowBlocks pool,
                                   int[][] idx, float[][] dist, byte[][] flags) {
        int n = x.size(), dim = x.dim();
        float[] pts = x.rowMajor();
        long initSeed = Hashing.mix(seed ^ 0x696e6974L);
        pool.forEach(n, 256, (a, b) -> {
            int cap = Math.max(1, forest == null ? 1 : forest.trees() * forest.maxLeaf);
            float[] out = new float[cap];
            int[] cands = new int[cap];
            int[] one = new int[1];
            for (int i = a; i < b; i++) {
                int[] row = new int[k];
                float[] d = new float[k];
                byte[] fl = new byte[k];
                NeighborHeap.clear(row, d);
                // the union of i's leaves, deduplicated by sorting, so each distance is computed
                // once and the heap needs no membership scans
                int c = 0;
                for (int t = 0; forest != null && t < forest.trees(); t++) {
                    int leaf = forest.leafOf[t][i];
                    int from = forest.leafStart[t][leaf], len = forest.leafStart[t][leaf + 1] - from;
                    System.arraycopy(forest.order[t], from, cands, c, len);
                    c += len;
                }
                java.util.Arrays.sort(cands, 0, c);
                int u = 0;
                for (int p = 0; p < c; p++) {
                    if (cands[p] != i && (u == 0 || cands[p] != cands[u - 1])) {
                        cands[u++] = cands[p];
                    }
                }
                kernels.squaredDistancesToRows(pts, dim, i, cands, 0, u, out);
                for (int p = 0; p < u; p++) {
                    if (NeighborHeap.accepts(row, d, out[p], cands[p])) {
                        NeighborHeap.replaceRoot(row, d, fl, out[p], cands[p], NeighborHeap.NEW);
                    }
                }
                // empty slots: random points first, then a scan, so the list is always full
                int empty = 0;
                for (int s = 0; s < k; s++) {
                    empty += row[s] == NeighborHeap.EMPTY ? 1 : 0;
                }
                for (int attempt = 0; empty > 0; attempt++) {
                    int j = attempt < 4 * k
                            ? (int) Long.remainderUnsigned(Hashing.mix(initSeed ^ Hashing.mix(((long) i << 32) | attempt)), n)
                            : (i + 1 + attempt - 4 * k) % n;
                    if (j == i || contains(row, j)) {
                        continue;
                    }
                    one[0] = j;
                    kernels.squaredDistancesToRows(pts, dim, i, one, 0, 1, out);
                    // an empty slot is the root (it ranks last), so this fills one
                    NeighborHeap.replaceRoot(row, d, fl, out[0], j, NeighborHeap.NEW);
                    empty--;
                }
                idx[i] = row;
                dist[i] = d;
                flags[i] = fl;
            }
        });
    }

    private static boolean contains(int[] row, int j) {
        for (int v : row) {
            if (v == j) {
                return true;
            }
        }
        return false;
    }

    /** Local joins of points [from, to): candidate pairs that would improve either end's list. */
    private static void join(Points x, int from, int to, CandidateLists cand, int[][] idx, float[][] dist,
                             DistanceKernels kernels, UpdateBuffer buf) {
        int dim = x.dim(), m = cand.m;
        float[] pts = x.rowMajor();
        float[] out = new float[m];
        for (int i = from; i < to; i++) {
            int base = i * m, nc = cand.newCount[i], oc = cand.oldCount[i];
            for (int a = 0; a < nc; a++) {
                int u = cand.newCand[base + a];
                float uWorst = dist[u][0];
                int uWorstIdx = idx[u][0];
                // new x new (each pair once), then new x old
                int rest = nc - a - 1;
                if (rest > 0) {
                    kernels.squaredDistancesToRows(pts, dim, u, cand.newCand, base + a + 1, rest, out);
                    collect(u, uWorst, uWorstIdx, cand.newCand, base + a + 1, rest, out, idx, dist, buf);
                }
                if (oc > 0) {
                    kernels.squaredDistancesToRows(pts, dim, u, cand.oldCand, base, oc, out);
                    collect(u, uWorst, uWorstIdx, cand.oldCand, base, oc, out, idx, dist, buf);
                }
            }
        }
    }

    private static void collect(int u, float uWorst, int uWorstIdx, int[] vs, int off, int count, float[] out,
                                int[][] idx, float[][] dist, UpdateBuffer buf) {
        for (int c = 0; c < count; c++) {
            int v = vs[off + c];
            if (v == u) {
                continue;
            }
            float d = out[c];
            if (NeighborHeap.worse(uWorst, uWorstIdx, d, v)) {
                buf.add(u, v, d);
            }
            if (NeighborHeap.worse(dist[v][0], idx[v][0], d, u)) {
                buf.add(v, u, d);
            }
        }
    }

    /** Applies the buffered updates, split by target; returns how many changed a list. */
    private static long apply(UpdateBuffer[] buffers, int used, int[][] idx, float[][] dist, byte[][] flags,
                              RowBlocks pool) {
        int n = idx.length;
        int parts = pool.threads();
        AtomicLong total = new AtomicLong();
        pool.forEach(n, (n + parts - 1) / parts, (a, b) -> {
            long count = 0;
            for (int bi = 0; bi < used; bi++) {
                UpdateBuffer buf = buffers[bi];
                int[] tg = buf.targets.elements(), ot = buf.others.elements();
                float[] ds = buf.dists.elements();
                for (int r = 0, size = buf.targets.size(); r < size; r++) {
                    int t = tg[r];
                    if (t >= a && t < b && NeighborHeap.push(idx[t], dist[t], flags[t], ds[r], ot[r], NeighborHeap.NEW)) {
                        count++;
                    }
                }
            }
            total.addAndGet(count);
        });
        return total.get();
    }

    /** The (target, other, distance) triples of one join task. */
    private static final class UpdateBuffer {
        final IntArrayList targets = new IntArrayList(1024), others = new IntArrayList(1024);
        final FloatArrayList dists = new FloatArrayList(1024);

        void clear() {
            targets.clear();
            others.clear();
            dists.clear();
        }

        void add(int target, int other, float d) {
            targets.add(target);
            others.add(other);
            dists.add(d);
        }
    }
}
