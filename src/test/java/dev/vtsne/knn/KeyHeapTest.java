package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyHeapTest {

    private static final float[] DISTANCES = {
        0f, -0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, Math.nextDown(Float.MIN_NORMAL), Float.MIN_NORMAL,
        1e-30f, 0.5f, 1f, Math.nextUp(1f), 3f, 1e30f, Math.nextDown(Float.MAX_VALUE), Float.MAX_VALUE, Float.POSITIVE_INFINITY,
    };
    private static final int[] INDICES = {0, 1, 2, 255, 256, 69_999, 1 << 30, Integer.MAX_VALUE - 1, NeighborHeap.EMPTY};

    /** The signed order of keys is (distance, index) order, -0 ranking as +0, over every pair of edge cases, EMPTY included. */
    @Test
    void keyOrderIsDistanceThenIndexOrder() {
        List<float[]> ds = new ArrayList<>();
        List<Integer> js = new ArrayList<>();
        for (float d : DISTANCES) {
            for (int j : INDICES) {
                ds.add(new float[] {d});
                js.add(j);
            }
        }
        for (int a = 0; a < ds.size(); a++) {
            float da = ds.get(a)[0];
            int ja = js.get(a);
            for (int b = 0; b < ds.size(); b++) {
                float db = ds.get(b)[0];
                int jb = js.get(b);
                int want = NeighborHeap.worse(da, ja, db, jb) ? 1 : NeighborHeap.worse(db, jb, da, ja) ? -1 : 0;
                assertEquals(want, Long.signum(Long.compare(KeyHeap.key(da, ja), KeyHeap.key(db, jb))),
                        "(" + da + ", " + ja + ") vs (" + db + ", " + jb + ")");
            }
        }
        // EMPTY after every real neighbour, even one at +infinity
        assertEquals(KeyHeap.key(Float.POSITIVE_INFINITY, NeighborHeap.EMPTY), KeyHeap.EMPTY);
        for (float d : DISTANCES) {
            assertEquals(-1, Long.signum(Long.compare(KeyHeap.key(d, Integer.MAX_VALUE - 1), KeyHeap.EMPTY)));
        }
    }

    /** A key gives back its distance bit for bit (-0 as +0) and its index. */
    @Test
    void keyRoundTrips() {
        for (float d : DISTANCES) {
            for (int j : INDICES) {
                long key = KeyHeap.key(d, j);
                assertEquals(Float.floatToRawIntBits(d == 0 ? 0f : d), Float.floatToRawIntBits(KeyHeap.distance(key)));
                assertEquals(j, KeyHeap.index(key));
                assertEquals(key, KeyHeap.distanceBits(d) | j);
            }
        }
    }

    /** The tile kernels give coincident points +0, never -0, whatever the signs of the coordinates. */
    @Test
    void tileKernelsGivePositiveZero() {
        float[] pts = {-1f, 0f, -0f, 2.5f, -1f, -0f, 0f, 2.5f, -0f, -0f, -0f, -0f};
        int dim = 4, n = 3;
        float[] refT;
        try (RowBlocks pool = new RowBlocks(1)) {
            refT = ExactKnn.transposeBlocks(pts, n, dim, n, pool);
        }
        for (KernelSet kernels : new KernelSet[] {KernelSet.preferred(), KernelSet.scalar()}) {
            float[] tile = new float[n * n];
            kernels.distances().squaredDistanceTile(pts, dim, 0, n, refT, n, tile);
            assertEquals(0, Float.floatToRawIntBits(tile[1]), kernels.name());
            assertEquals(0, Float.floatToRawIntBits(tile[3]), kernels.name());
            for (int i = 0; i < n; i++) {
                assertEquals(0, Float.floatToRawIntBits(tile[i * n + i]), kernels.name());
            }
        }
    }

    /** Offered the same stream, with ties and infinities, the key heap keeps and sorts what the pair heap does. */
    @Test
    void sameAsPairHeap() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + rnd.nextInt(40), offers = rnd.nextInt(3 * k + 2);
            int[] idx = new int[k];
            float[] dist = new float[k];
            NeighborHeap.clear(idx, dist);
            long[] heap = new long[k];
            KeyHeap.clear(heap);
            int[] order = new Random(trial).ints(0, 1000).distinct().limit(offers).toArray();
            for (int j : order) {
                float d = switch (rnd.nextInt(4)) {
                    case 0 -> Float.POSITIVE_INFINITY;
                    case 1 -> rnd.nextInt(3);
                    default -> rnd.nextFloat();
                };
                long key = KeyHeap.key(d, j);
                assertEquals(NeighborHeap.accepts(idx, dist, d, j), key < heap[0]);
                if (key < heap[0]) {
                    NeighborHeap.replaceRoot(idx, dist, null, d, j, NeighborHeap.NEW);
                    KeyHeap.replaceRoot(heap, key);
                }
                assertEquals(dist[0], KeyHeap.distance(heap[0]));
            }
            NeighborHeap.sortAscending(idx, dist);
            int[] gotIdx = new int[k];
            float[] gotDist = new float[k];
            KeyHeap.sortInto(heap, gotIdx, gotDist);
            assertArrayEquals(idx, gotIdx);
            assertArrayEquals(dist, gotDist);
        }
    }

    /**
     * The diagonal blocks' selection: the histogram cut keeps every one of the k smallest keys
     * (and may keep more), quickselect then puts exactly the k smallest first, and heapify makes
     * them a max-heap; over sizes, ties of distance, +0 and +infinity, one distance for all, and
     * a range of distances as wide as a float's.
     */
    @Test
    void selectionKeepsExactlyTheKSmallest() {
        Random rnd = new Random(7);
        int[] histogram = new int[KeyHeap.BUCKETS];
        for (int trial = 0; trial < 3000; trial++) {
            int m = 2 + rnd.nextInt(trial % 10 == 0 ? 2000 : 300);
            int k = 1 + rnd.nextInt(m - 1);
            int kind = trial % 5;
            long[] keys = new long[m];
            int[] idx = rnd.ints(0, 1 << 30).distinct().limit(m).toArray();
            for (int r = 0; r < m; r++) {
                float d = switch (kind) {
                    case 0 -> rnd.nextFloat() * 100;
                    case 1 -> rnd.nextInt(4); // many ties, +0 included
                    case 2 -> 2.5f; // all equal
                    case 3 -> rnd.nextInt(8) == 0 ? Float.POSITIVE_INFINITY : Float.intBitsToFloat(rnd.nextInt(0x7f800000));
                    default -> (float) Math.exp(rnd.nextGaussian() * 3);
                };
                keys[r] = KeyHeap.key(d, idx[r]);
            }
            long[] sorted = keys.clone();
            java.util.Arrays.sort(sorted);
            long[] cut = keys.clone();
            int kept = KeyHeap.keepBelowKth(cut, m, k, histogram);
            assertEquals(true, kept >= k && kept <= m, "kept " + kept + " of " + m + " for k " + k);
            long[] keptSorted = java.util.Arrays.copyOf(cut, kept);
            java.util.Arrays.sort(keptSorted);
            assertArrayEquals(java.util.Arrays.copyOf(sorted, k), java.util.Arrays.copyOf(keptSorted, k), "cut lost one of the k smallest");
            KeyHeap.selectSmallest(cut, kept, k);
            long[] heap = java.util.Arrays.copyOf(cut, k);
            long[] smallest = heap.clone();
            java.util.Arrays.sort(smallest);
            assertArrayEquals(java.util.Arrays.copyOf(sorted, k), smallest, "select");
            KeyHeap.heapify(heap);
            for (int c = 1; c < k; c++) {
                assertEquals(true, heap[(c - 1) / 2] > heap[c], "heap order at " + c);
            }
        }
    }
}
