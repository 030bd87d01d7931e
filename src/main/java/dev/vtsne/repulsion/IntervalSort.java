package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;
import java.util.Arrays;

/**
 * The points of a map sorted by the grid box they fall in, by a stable counting sort: the
 * permutation {@link #order}, where each box's run starts ({@link #boxStart}), and the sorted
 * copies {@link #sortedBox} and {@link #sortedY}. Gathering y here, once, lets spreading and
 * interpolation read points and nodes sequentially (reading y through the permutation at 1M
 * points was latency bound: 2/3 of the call). Keeps its arrays between calls.
 */
final class IntervalSort {

    /** Below this many points the sort runs as one chunk. */
    private static final int SORT_CHUNK_MIN = 20_000;

    private final RowBlocks pool;
    private int[] boxOf = new int[0], order = new int[0], boxStart = new int[0], sortedBox = new int[0];
    /** Per chunk of points, its count (then its write cursor) per box: the parallel counting sort. */
    private int[][] chunkCounts = new int[0][];
    /** Coordinates in box order: the per-point passes stream them sequentially. */
    private float[][] sortedY = new float[0][];

    IntervalSort(RowBlocks pool) {
        this.pool = pool;
    }

    /** Sorted position to point index. */
    int[] order() {
        return order;
    }

    /** boxStart[b] = the first sorted position of box b; boxStart[boxes] = n. */
    int[] boxStart() {
        return boxStart;
    }

    /** The box of the point at each sorted position. */
    int[] sortedBox() {
        return sortedBox;
    }

    /** The coordinates in sorted order, one array per axis. */
    float[][] sortedY() {
        return sortedY;
    }

    /** Sorts the first n points of y by their box in g. */
    void sort(float[][] y, int n, InterpolationGrid g) {
        int dims = g.dims();
        if (boxOf.length != n || sortedY.length != dims) {
            boxOf = new int[n];
            order = new int[n];
            sortedBox = new int[n];
            sortedY = new float[dims][n];
        }
        int boxes = g.boxes();
        if (boxStart.length != boxes + 1) {
            boxStart = new int[boxes + 1];
        }
        int[] box = boxOf;
        pool.forEach(n, FftRepulsion.POINT_BLOCK, (long) n * 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                int b = g.interval(y[0][i]);
                if (dims == 2) {
                    b += g.interval(y[1][i]) * g.intervals();
                }
                box[i] = b;
            }
        });
        // A stable counting sort is one permutation whatever the chunking, so chunks of points
        // count and scatter in parallel: chunk c's points of box b go after those of chunks < c.
        int chunks = n < SORT_CHUNK_MIN ? 1 : Math.max(1, pool.threads());
        if (chunkCounts.length != chunks || chunkCounts[0].length != boxes) {
            chunkCounts = new int[chunks][boxes];
        }
        int[][] counts = chunkCounts;
        pool.forEach(chunks, 1, (long) n * 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                int[] count = counts[c];
                Arrays.fill(count, 0);
                for (int i = chunkStart(n, chunks, c), end = chunkStart(n, chunks, c + 1); i < end; i++) {
                    count[box[i]]++;
                }
            }
        });
        // boxStart[b] = first sorted position of box b; counts[c][b] becomes chunk c's cursor in it
        int[] start = boxStart;
        int pos = 0;
        for (int b = 0; b < boxes; b++) {
            start[b] = pos;
            for (int c = 0; c < chunks; c++) {
                int k = counts[c][b];
                counts[c][b] = pos;
                pos += k;
            }
        }
        start[boxes] = pos;
        float[] y0 = y[0], s0 = sortedY[0];
        float[] y1 = dims == 2 ? y[1] : null, s1 = dims == 2 ? sortedY[1] : null;
        int[] ord = order, sBox = sortedBox;
        pool.forEach(chunks, 1, (long) n * 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                int[] cursor = counts[c];
                for (int i = chunkStart(n, chunks, c), end = chunkStart(n, chunks, c + 1); i < end; i++) {
                    int b = box[i], p = cursor[b]++;
                    ord[p] = i;
                    sBox[p] = b;
                    s0[p] = y0[i];
                    if (s1 != null) {
                        s1[p] = y1[i];
                    }
                }
            }
        });
    }

    /** First point of chunk c of {@code chunks} equal chunks of [0, n). */
    private static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
