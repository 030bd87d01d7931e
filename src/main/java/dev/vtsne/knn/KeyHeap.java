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
        siftDown(heap, 0, key);
    }

    /** Puts {@code key} at {@code pos} and moves it down until no child is larger. */
    private static void siftDown(long[] heap, int pos, long key) {
        int k = heap.length, c;
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

    /** Buckets of {@link #keepBelowKth}'s histogram. */
    static final int BUCKETS = 256;

    /**
     * Keeps, in {@code keys[0 .. returned)}, those of {@code keys[0 .. m)} whose distance is at
     * most the upper edge of the histogram bucket holding the k-th smallest distance: the k
     * smallest keys and usually a few more (0 &lt; k &lt; m). The buckets split the range of the
     * distances' bits, which for non-negative floats order like the values and grow about like
     * their logarithm, into {@link #BUCKETS} equal parts. Three branch-free passes; a quickselect
     * over all m keys mispredicts a branch on most of its compares.
     */
    static int keepBelowKth(long[] keys, int m, int k, int[] histogram) {
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int r = 0; r < m; r++) {
            int bits = (int) (keys[r] >>> 32);
            lo = Math.min(lo, bits);
            hi = Math.max(hi, bits);
        }
        int shift = Math.max(0, 32 - Integer.numberOfLeadingZeros(hi - lo) - Integer.numberOfTrailingZeros(BUCKETS));
        Arrays.fill(histogram, 0);
        for (int r = 0; r < m; r++) {
            histogram[((int) (keys[r] >>> 32) - lo) >>> shift]++;
        }
        int bucket = 0, seen = histogram[0];
        while (seen < k) {
            seen += histogram[++bucket];
        }
        // the largest bits in that bucket (as a long, so the edge of the last bucket cannot overflow)
        long edge = lo + ((long) (bucket + 1) << shift) - 1;
        int kept = 0;
        for (int r = 0; r < m; r++) {
            long key = keys[r];
            keys[kept] = key;
            kept += (key >>> 32) <= edge ? 1 : 0;
        }
        return kept;
    }

    /**
     * Moves the {@code k} smallest of {@code keys[0 .. m)} (distinct) into {@code keys[0 .. k)}, in
     * no particular order: quickselect, median-of-three pivots, expected O(m).
     */
    static void selectSmallest(long[] keys, int m, int k) {
        int lo = 0, hi = m - 1;
        while (k > 0 && k < hi - lo + 1) {
            int mid = (lo + hi) >>> 1;
            // median of three to keys[mid]
            if (keys[mid] < keys[lo]) {
                swap(keys, mid, lo);
            }
            if (keys[hi] < keys[lo]) {
                swap(keys, hi, lo);
            }
            if (keys[hi] < keys[mid]) {
                swap(keys, hi, mid);
            }
            long pivot = keys[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(keys, i++, j--);
                }
            }
            // keys[lo .. j] <= pivot <= keys[i .. hi], and j < i
            int left = j - lo + 1;
            if (k <= left) {
                hi = j;
            } else if (k >= i - lo) {
                k -= i - lo;
                lo = i;
            } else {
                return; // the k-th smallest is the pivot, between the halves
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Makes {@code heap} a max-heap (bottom-up, O(length)). */
    static void heapify(long[] heap) {
        for (int start = heap.length / 2 - 1; start >= 0; start--) {
            siftDown(heap, start, heap[start]);
        }
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
