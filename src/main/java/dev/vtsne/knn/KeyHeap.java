package dev.vtsne.knn;

import java.util.Arrays;

/**
 * {@link NeighborHeap}'s bounded max-heap for the exact search, each neighbour one {@code long}
 * key: the raw bits of its squared distance in the high half, its index in the low half. For
 * distances that are +0, positive or +infinity the raw bits are non-negative ints that order like
 * the values, and indices are non-negative ints, so the signed order of the keys is exactly the
 * (distance, index) order, ties to the smaller index; a sift step is one compare and one move
 * instead of two compares each over two arrays. A distance of -0 would break this (its bits are
 * negative), so {@link #key} adds +0, which turns -0 into +0 and leaves every other value alone
 * (the tile kernels never produce -0 anyway: they sum squares from +0). NaN cannot arise from
 * finite points. {@link #EMPTY} is +infinity with index {@link NeighborHeap#EMPTY}, after every
 * real neighbour, even one whose distance overflowed to infinity.
 */
final class KeyHeap {

    /** An empty slot: (+infinity, {@link NeighborHeap#EMPTY}). */
    static final long EMPTY = key(Float.POSITIVE_INFINITY, NeighborHeap.EMPTY);

    private KeyHeap() {}

    /** The key of neighbour {@code j} (&ge; 0) at squared distance {@code d} (&ge; 0 or +infinity). */
    static long key(float d, int j) {
        return (long) Float.floatToRawIntBits(d + 0f) << 32 | j;
    }

    /** The key's bits of {@code d}, shifted into place, to be or-ed with an index. */
    static long distanceBits(float d) {
        return (long) Float.floatToRawIntBits(d + 0f) << 32;
    }

    static float distance(long key) {
        return Float.intBitsToFloat((int) (key >>> 32));
    }

    static int index(long key) {
        return (int) key;
    }

    static void clear(long[] heap) {
        Arrays.fill(heap, EMPTY);
    }

    /** Replaces the root by {@code key}, which the caller knows is smaller than it and not kept yet. */
    static void replaceRoot(long[] heap, long key) {
        int k = heap.length, pos = 0, c;
        while ((c = 2 * pos + 1) < k) {
            long child = heap[c];
            if (c + 1 < k && heap[c + 1] > child) {
                child = heap[++c];
            }
            if (child <= key) {
                break;
            }
            heap[pos] = child;
            pos = c;
        }
        heap[pos] = key;
    }

    /** Sorts the keys ascending and writes them out as indices and distances, in (distance, index) order. */
    static void sortInto(long[] heap, int[] idx, float[] dist) {
        Arrays.sort(heap);
        for (int c = 0; c < heap.length; c++) {
            idx[c] = index(heap[c]);
            dist[c] = distance(heap[c]);
        }
    }
}
