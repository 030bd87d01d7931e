package dev.vtsne.repulsion;

/**
 * Sorts the points of a 2-D or 3-D embedding along a Morton (Z-order) curve over the smallest
 * cube holding them, cut into 2^21 cells per axis. In that order every quadtree/octree cell is a
 * contiguous run of points, so {@link SpaceTree} is built from runs instead of by inserting points
 * one by one, and points that are near in the map are near in memory.
 *
 * <p>The sort is an LSD radix sort on the codes (11-bit digits, stable, a digit skipped when all
 * points share it): O(n) per pass, no comparisons, no boxing. Arrays are kept across calls and
 * only grow, so sorting an embedding of the same size again allocates nothing.
 */
final class MortonOrder {

    /** Tree levels below the root: cells per axis = 2^BITS. 3 × 21 = 63 bits fit a long. */
    static final int BITS = 21;

    private static final int RADIX_BITS = 11;
    private static final int RADIX = 1 << RADIX_BITS;

    int n;
    int dims;
    /** Morton codes in sorted order. */
    long[] codes = new long[0];
    /** perm[p] = the point at sorted position p. */
    int[] perm = new int[0];
    /** Corner of the root cube and its edge length (positive even when all points coincide). */
    double[] origin = new double[3];
    double width;

    private long[] codeScratch = new long[0];
    private int[] permScratch = new int[0];
    private final int[] histogram = new int[RADIX];

    /** Sorts the points of {@code y} (one array per axis). */
    void sort(float[][] y) {
        dims = y.length;
        n = y[0].length;
        if (codes.length < n) {
            codes = new long[n];
            perm = new int[n];
            codeScratch = new long[n];
            permScratch = new int[n];
        }
        bounds(y);
        encode(y);
        radixSort();
    }

    private void bounds(float[][] y) {
        double extent = 0;
        for (int a = 0; a < dims; a++) {
            float[] v = y[a];
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
            // Math.min/max propagate NaN, so this also catches NaN coordinates
            if (!Float.isFinite(lo) || !Float.isFinite(hi)) {
                throw new IllegalArgumentException("the embedding has a non-finite coordinate on axis " + a);
            }
            origin[a] = lo;
            extent = Math.max(extent, (double) hi - lo);
        }
        // all points coincide: any positive width gives one leaf holding them all
        width = extent > 0 ? extent : 1.0;
    }

    private void encode(float[][] y) {
        int cells = 1 << BITS;
        double scale = cells / width;
        for (int i = 0; i < n; i++) {
            long code = 0;
            for (int a = 0; a < dims; a++) {
                // the top edge of the box belongs to the last cell
                long q = Math.min(cells - 1, (long) ((y[a][i] - origin[a]) * scale));
                code |= (dims == 2 ? spread2(q) : spread3(q)) << a;
            }
            codes[i] = code;
            perm[i] = i;
        }
    }

    private void radixSort() {
        long[] src = codes, dst = codeScratch;
        int[] srcPerm = perm, dstPerm = permScratch;
        int bits = dims * BITS;
        for (int shift = 0; shift < bits; shift += RADIX_BITS) {
            java.util.Arrays.fill(histogram, 0);
            for (int i = 0; i < n; i++) {
                histogram[(int) (src[i] >>> shift) & (RADIX - 1)]++;
            }
            if (histogram[(int) (src[0] >>> shift) & (RADIX - 1)] == n) {
                continue; // every point has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = histogram[d];
                histogram[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = histogram[(int) (src[i] >>> shift) & (RADIX - 1)]++;
                dst[at] = src[i];
                dstPerm[at] = srcPerm[i];
            }
            long[] t = src;
            src = dst;
            dst = t;
            int[] tp = srcPerm;
            srcPerm = dstPerm;
            dstPerm = tp;
        }
        // keep the sorted arrays under their public names; the others become the scratch
        codes = src;
        codeScratch = dst;
        perm = srcPerm;
        permScratch = dstPerm;
    }

    /** The 21 low bits of x moved to bit positions 0, 2, 4, ... */
    static long spread2(long x) {
        x &= 0x1FFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    /** The 21 low bits of x moved to bit positions 0, 3, 6, ... */
    static long spread3(long x) {
        x &= 0x1FFFFFL;
        x = (x | (x << 32)) & 0x001F00000000FFFFL;
        x = (x | (x << 16)) & 0x001F0000FF0000FFL;
        x = (x | (x << 8)) & 0x100F00F00F00F00FL;
        x = (x | (x << 4)) & 0x10C30C30C30C30C3L;
        x = (x | (x << 2)) & 0x1249249249249249L;
        return x;
    }
}
