package dev.vtsne.simd;

/**
 * Squared distances between rows of a row-major {@code float[]} points matrix, and the selection
 * scans of the kNN searches. Implementations never touch outputs outside the range they are given.
 */
public interface DistanceKernels extends KernelImplementation {

    /**
     * Squared Euclidean distances from row {@code i} of the row-major {@code points} matrix
     * ({@code dim} columns) to rows {@code from..to-1}, written to {@code out[from..to-1]}.
     */
    void squaredDistances(float[] points, int dim, int i, int from, int to, float[] out);

    /**
     * Squared Euclidean distances from row {@code i} of the row-major {@code points} matrix to the
     * rows {@code js[jsFrom .. jsFrom+count-1]}, written to {@code out[0..count-1]}: the scattered
     * distances of NN-descent's local joins and the random-projection tree leaves.
     */
    void squaredDistancesToRows(float[] points, int dim, int i, int[] js, int jsFrom, int count, float[] out);

    /**
     * A query-block x reference-block tile of squared Euclidean distances, for exact kNN: queries
     * are rows {@code qFrom..qTo-1} of the row-major {@code points}; the {@code refCount}
     * references are given transposed, {@code refT[k * refCount + r]} = coordinate k of reference
     * r, so lanes run across references and no per-pair reduction is needed. Writes
     * {@code out[(q - qFrom) * refCount + r]}. Differences are squared directly (not
     * |x|² + |y|² - 2x·y), so coincident points get exactly 0 and near ties keep their order.
     */
    void squaredDistanceTile(float[] points, int dim, int qFrom, int qTo, float[] refT, int refCount, float[] out);

    /**
     * The first index i in {@code from..to-1} with {@code a[i] < threshold}, or {@code to} when
     * there is none (NaN is never below). Exact kNN's selection scan: once a query's heap is full,
     * almost no distance of a reference block beats its worst kept one, and this skips those a
     * vector at a time instead of testing each with a branch.
     */
    int firstBelow(float[] a, int from, int to, float threshold);

    /**
     * The first index i in {@code from..to-1} with {@code a[i] <= max(limit, limits[limitsFrom + i - from])},
     * or {@code to} when there is none (NaN is never at most). The symmetric exact kNN's scan of a
     * tile row: the row's point keeps neighbours up to {@code limit} and each column's point up to
     * its own limit, so one pass finds the candidates of both; +infinity admits every distance.
     */
    int firstAtMost(float[] a, int from, int to, float limit, float[] limits, int limitsFrom);
}
