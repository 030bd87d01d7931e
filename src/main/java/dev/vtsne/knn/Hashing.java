package dev.vtsne.knn;

/** SplitMix64's finalizer: the seeded, order-free randomness of the approximate search. */
final class Hashing {

    private Hashing() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A priority for the unordered pair {i, j}: the same seen from either end. */
    static long pair(long roundSeed, int i, int j) {
        int lo = Math.min(i, j), hi = Math.max(i, j);
        return mix(roundSeed ^ mix(((long) lo << 32) | (hi & 0xffffffffL)));
    }
}
