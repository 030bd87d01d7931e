package dev.vtsne.data;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * Cuts the rows of a sparse matrix into consecutive blocks of at most {@code maxEntries}
 * entries each, so that a matrix with more than 2³¹ entries (a 90-neighbour graph of more than
 * about 12 million points) is stored as several Java arrays instead of overflowing one int
 * index: the failure FIt-SNE hits at 19 million points. All arithmetic here is in long.
 */
public final class RowBlockPlan {

    /** Entries per block by default: 2³⁰, half the largest Java array, leaving room for padding. */
    public static final long DEFAULT_MAX_ENTRIES = 1L << 30;

    private RowBlockPlan() {}

    /**
     * Block boundaries for rows with the given entry counts: block b holds rows
     * [bounds[b], bounds[b+1]), whose counts sum to at most {@code maxEntries}.
     *
     * @throws IllegalArgumentException when a single row has more than {@code maxEntries} entries
     */
    public static int[] bounds(int[] rowCounts, long maxEntries) {
        int n = rowCounts.length;
        IntArrayList cuts = new IntArrayList();
        cuts.add(0);
        long inBlock = 0;
        for (int i = 0; i < n; i++) {
            long c = rowCounts[i];
            if (c > maxEntries) {
                throw new IllegalArgumentException("row " + i + " has " + c + " entries, more than a block's " + maxEntries);
            }
            if (inBlock + c > maxEntries) {
                cuts.add(i);
                inBlock = 0;
            }
            inBlock += c;
        }
        cuts.add(n);
        return cuts.toIntArray();
    }

    /** The total of the counts, in long. */
    public static long total(int[] rowCounts) {
        long s = 0;
        for (int c : rowCounts) {
            s += c;
        }
        return s;
    }
}
