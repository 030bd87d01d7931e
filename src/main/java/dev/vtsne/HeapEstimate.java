package dev.vtsne;

import dev.vtsne.InsufficientHeapException.Dominant;
import dev.vtsne.knn.NearestNeighbors;

/**
 * The heap a run needs, from the arrays each phase holds at once, split into what grows with
 * the points alone, with the columns and with the neighbours; the run needs its largest phase
 * divided by {@link #USABLE} or {@link #USABLE_EXACT} (the share of the heap that live arrays
 * can fill before the collector gives up), plus {@link #BASELINE}; and at least the heap whose
 * old generation holds its largest single array ({@link #LARGEST_ARRAY}).
 *
 * <p>Phases of a kNN method (n points, d columns, e = d or the PCA components, k neighbours):
 * PCA (the input, its projection, the randomized PCA's d × l blocks), the search's warm-up on a
 * sample of 2000 points (once per JVM; counted always), the exact neighbour search
 * (the input, two reordered copies of it, the heaps and the graph), the affinities (the graph,
 * each row's conditional P and its transpose, the symmetric CSR) and the optimization (the
 * graph, the CSR, the PCA initialization's min(n, e)² matrix, the optimizer's SoA state). The
 * exact method: the n × n float matrix while its CSR copy is filled, then the CSR and the
 * initialization's matrix.
 */
final class HeapEstimate {

    /**
     * Share of the maximum heap ({@link Runtime#maxMemory()}) that the estimated arrays may fill.
     * Measured with jvm.config's ParallelGC on fashion-mnist-pca50 (fft, k = 90, 750 iterations,
     * 2 threads): the smallest heaps that completed held the estimated arrays at 0.76 (20,000
     * points: 75 MiB of arrays, maxMemory 98 MiB; 94 MiB failed) and 0.74 (70,000 points: 261 MiB,
     * maxMemory 355 MiB; 347 MiB failed); near that limit the collector runs almost all the time
     * (the 355 MiB run took 2 min 47 s). 0.65 keeps accepted runs 15-25 % above the limit.
     */
    static final double USABLE = 0.65;
    /**
     * As {@link #USABLE} for the exact method, whose n × n arrays are few and large: they go
     * straight to the old generation and need no young-generation headroom. Measured (exact,
     * 60 iterations): 3,000 Gaussian points at perplexity 900 (P dense: every pair stored) completed
     * with maxMemory 103.5 MiB (failed with 98) against 103 MiB of estimated arrays; 6,000 Gaussian points
     * (perplexity 30) with 391.5 MiB (failed with 382.5) against 412 MiB; the first 6,000 of fashion-mnist-pca50 with
     * 318.5 MiB (failed with 309; its P is sparser: fewer pairs stored). The estimate assumes every
     * pair stored, so it is 19 % above the dense case and up to 47 % above sparse ones.
     */
    static final double USABLE_EXACT = 0.9;
    /**
     * Share of the maximum heap that one array may take: the old generation, where the collector
     * puts an array too large for the young one. Measured (ParallelGC): the largest float[] that
     * could be allocated was 197 MiB of maxMemory 287.5, 680 of 910.5 and 1530.5 of 2044.5
     * (0.69-0.75). The input is one array, so wide input is bound by this before anything else.
     */
    static final double LARGEST_ARRAY = 0.66;
    /** The heap a run holds besides its arrays (classes, the command line, buffers). */
    static final long BASELINE = 8L << 20;
    /** Bytes of an array header (compressed oops): per-row arrays pay it n times. */
    private static final long HEADER = 16;

    /** The heap needed (bytes) and what dominates it. */
    record Need(long bytes, Dominant dominant) {}

    private HeapEstimate() {}

    /** Columns the run works on after the optional PCA. */
    static int workingColumns(int d, int pca) {
        return pca > 0 && pca < d ? pca : d;
    }

    /** A kNN method (Barnes-Hut or FFT) with {@code k} neighbours. */
    static Need knn(int n, int d, int pca, int k, int dims) {
        int e = workingColumns(d, pca);
        long input = 4L * n * d + (e < d ? 4L * n * e : 0);
        Phase peak = pcaPhase(n, d, e, input);
        long graph = n * (8L * k + 2 * HEADER);
        if (n > NearestNeighbors.WARM_POINTS && n <= NearestNeighbors.EXACT_MAX_POINTS) {
            // the warm-up's exact search on a sample of at most 1024 columns: the sample, its two copies, its heaps
            long warm = NearestNeighbors.WARM_POINTS, we = Math.min(e, NearestNeighbors.WARM_MAX_COLUMNS);
            peak = peak.max(new Phase(0, input + 12L * warm * we, warm * (8L * k + HEADER) * 2));
        }
        if (n <= NearestNeighbors.EXACT_MAX_POINTS) {
            // two reordered copies of the points, the per-point heaps of (distance, index) keys, the graph filled from them
            peak = peak.max(new Phase(12L * n, input + 8L * n * e, n * (8L * k + HEADER) + graph));
        } else {
            // NN-descent: six random-projection trees and the new/old candidate lists (at most 60 each)
            peak = peak.max(new Phase(n * (6 * 12L + 6 * 4L * 60), input, graph));
        }
        // the graph, each row's sorted conditional P and its transposed lists, and the symmetric CSR (at most 2k entries a row)
        long csr = n * 16L * k;
        peak = peak.max(new Phase(n * 24L, input, 3 * graph + csr));
        peak = peak.max(optimizePhase(n, e, dims, input, 0, graph + csr));
        return largest(peak.need(USABLE), 4L * n * d, Dominant.COLUMNS);
    }

    /** The exact method. */
    static Need exact(int n, int d, int pca, int dims) {
        int e = workingColumns(d, pca);
        long input = 4L * n * d + (e < d ? 4L * n * e : 0);
        Phase peak = pcaPhase(n, d, e, input);
        // the dense conditional P (4 bytes a pair) while its CSR copy (8 bytes a stored pair; every pair at worst) is filled
        peak = peak.max(new Phase(12L * n * n, input, 0));
        peak = peak.max(optimizePhase(n, e, dims, input, 8L * n * n, 0));
        Need need = largest(peak.need(USABLE_EXACT), 4L * n * d, Dominant.COLUMNS);
        return largest(need, 4L * n * n, Dominant.POINTS); // the dense conditional P
    }

    /** {@code need}, or the heap whose old generation holds one array of {@code bytes} when that is more. */
    private static Need largest(Need need, long bytes, Dominant dominant) {
        long heap = BASELINE + (long) Math.ceil(bytes / LARGEST_ARRAY);
        return heap > need.bytes() ? new Need(heap, dominant) : need;
    }

    /** Randomized PCA to e < d components: d × l blocks in float and double, one double block per 2048 rows. */
    private static Phase pcaPhase(int n, int d, int e, long input) {
        if (e == d) {
            return new Phase(0, input, 0);
        }
        long l = (Math.min(e + 10, Math.min(n, d)) + 15) / 16 * 16;
        long chunks = (n + 2047) / 2048;
        return new Phase(0, input + 8L * d * l * (chunks + 3) + 16L * n * l, 0);
    }

    /** The optimizer's SoA arrays and the repulsion's per-point arrays, with the PCA initialization's matrix. */
    private static Phase optimizePhase(int n, int e, int dims, long input, long pairs, long affinities) {
        long perPoint = pairs + n * (4L * 4 * dims + 64);
        long m = Math.min(n, e);
        long init = 8L * m * m; // the covariance (e ≤ n) or the Gram matrix (e > n), in double
        return e > n ? new Phase(perPoint + init, input, affinities) : new Phase(perPoint, input + init, affinities);
    }

    /** One phase's live bytes by part. */
    private record Phase(long points, long columns, long neighbours) {
        long total() {
            return points + columns + neighbours;
        }

        Phase max(Phase other) {
            return other.total() > total() ? other : this;
        }

        Need need(double usable) {
            Dominant d = points >= columns && points >= neighbours ? Dominant.POINTS
                    : columns >= neighbours ? Dominant.COLUMNS : Dominant.NEIGHBOURS;
            return new Need(BASELINE + (long) Math.ceil(total() / usable), d);
        }
    }
}
