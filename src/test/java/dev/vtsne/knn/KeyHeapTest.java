package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
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
        for (Kernels kernels : new Kernels[] {KernelProvider.kernels(), KernelProvider.scalar()}) {
            float[] tile = new float[n * n];
            kernels.squaredDistanceTile(pts, dim, 0, n, refT, n, tile);
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
}
