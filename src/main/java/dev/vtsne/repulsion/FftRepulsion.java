package dev.vtsne.repulsion;

import dev.vtsne.fft.FftSizes;
import dev.vtsne.fft.GridConvolution1d;
import dev.vtsne.fft.GridConvolution2d;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import java.util.Arrays;

/**
 * Repulsion by FFT-accelerated interpolation (Linderman et al., Nature Methods 2019, as in
 * FIt-SNE and openTSNE), for 1-D and 2-D embeddings; O(N·p^d + (2m)^d log m) per call.
 *
 * <p>With K = w², the field and Z follow from three kernel sums φ_c(i) = Σ_j K(y_i, y_j) q_j with
 * charges q ∈ {1, y_1, y_2} (1-D: 1, y): F_i,d = y_i,d φ1 − φ_{1+d} and
 * Z = Σ_i [(1 + 2|y_i|²) φ1 − 2 Σ_d y_i,d φ_{1+d}] − N (the −N removes the self terms, K(0) =
 * 1; in F the self term is y_i − y_i = 0). FIt-SNE and openTSNE also carry a fourth charge |y|²
 * for Z's Σ_i Σ_j K(y_i, y_j) |y_j|²; K is symmetric, and so is its interpolation (the same
 * weights spread and interpolate, and the grid kernel is even), so that sum equals
 * Σ_i |y_i|² φ1(i) and the fourth charge is not needed: a quarter less spreading and
 * interpolation, and the second channel pair of the convolution becomes one real channel, whose
 * transform needs only half its rows ({@link GridConvolution2d}). The sums are approximated on a grid:
 * <ol>
 *   <li>one square box over all points (same bounds on every axis), cut into
 *       n = max(min intervals, ⌈width × intervals per unit⌉, min(⌈2 × width⌉,
 *       {@value #FINE_INTERVALS_MAX})) intervals per axis (the last term only with the defaults
 *       below {@value #FITSNE_GRID_MIN_POINTS} points: see {@link #FINE_INTERVALS_MAX} and
 *       {@link #forPoints}), the automatic
 *       part capped at {@value #MAX_AUTO_INTERVALS_2D} in 2-D (the grid's memory is quadratic in
 *       it), then rounded up to a 5-smooth number so that the transform length 2·p·n is fast;</li>
 *   <li>p nodes per interval at offsets (k + ½)h, h = interval width / p: a regular grid of
 *       m = n·p nodes per axis;</li>
 *   <li>each point spreads its charges onto its own interval's p^d nodes with Lagrange weights
 *       ({@link LagrangeWeights}, tensor product in 2-D);</li>
 *   <li>node potentials: the convolution with K at node offsets, by FFT on the zero-padded 2m
 *       grid ({@link GridConvolution2d}, {@link GridConvolution1d}); the kernel's spectrum is
 *       recomputed only when the grid spacing changes;</li>
 *   <li>each point interpolates the potentials back with the same weights.</li>
 * </ol>
 * Coordinates are taken relative to the box centre before forming charges: F and Z are
 * translation invariant, and small coordinates keep y·φ1 − φ2 from cancelling digits.
 *
 * <p>Accuracy, against the exact sums (measured in {@code FftRepulsionTest} on 2000-3000 points,
 * random, clustered and duplicate-laden, boxes up to ~200 units wide): at the defaults (3 nodes,
 * ≥ 50 intervals, 1 per unit, before the finer rule for narrow maps) the 2-norm relative error of F/Z is at most 6e-2 and that of Z at
 * most 3e-2, typically 1e-4 to 1e-2 (bounds asserted: 0.1 and 0.05). The error is the
 * interpolation error of a kernel of unit scale on nodes 1/3 apart; it falls like h^p, so more
 * nodes or intervals buy accuracy (8 nodes × ≥ 100 intervals on a 30-unit box: 2e-10).
 *
 * <p>Determinism: points are ordered by interval with a stable counting sort; spreading runs over
 * blocks of intervals (each interval writes only its own nodes, in point order), the FFT over
 * tiles of the grid, and interpolation per point; Z is summed per fixed block of points, then
 * over blocks in order. The same input gives the same bits on any thread count.
 *
 * <p>FFT choice: a dependency-free batched Stockham FFT ({@link dev.vtsne.fft.ComplexFft}),
 * chosen by measurement against JTransforms 3.1 on the per-call convolution at the grid sizes of
 * 70k to 1M point maps (2m = 300..1200 per axis): see the commit that introduced this class.
 */
public final class FftRepulsion implements Repulsion {

    /** Cap on the width-driven interval count in 2-D (2m = 2400 nodes per axis at p = 3). */
    public static final int MAX_AUTO_INTERVALS_2D = 400;
    /** Largest 2-D grid, in nodes per axis: the padded grid's three arrays take ~1.6 GB there. */
    public static final int MAX_NODES_2D = 4096;
    /** Cap on the width-driven interval count in 1-D, where the grid is cheap. */
    public static final int MAX_AUTO_INTERVALS_1D = 100_000;

    /** Points per block for the per-point passes and for Z's partial sums. */
    private static final int POINT_BLOCK = 4096;

    private final RowBlocks pool;
    private final int nodes, minIntervals;
    private final double intervalsPerUnit;
    private final int fineMax;
    private final LagrangeWeights lagrange;

    private GridConvolution2d conv2;
    private GridConvolution1d conv1;
    private double[] charges = new double[0], potentials = new double[0];
    private int[] boxOf = new int[0], order = new int[0], boxStart = new int[0], sortedBox = new int[0];
    /** Per chunk of points, its count (then its write cursor) per box: the parallel counting sort. */
    private int[][] chunkCounts = new int[0][];
    /** Coordinates in interval order: the per-point passes stream them sequentially. */
    private float[][] sortedY = new float[0][];
    private double[] blockZ = new double[0];
    private float[] blockMin = new float[0], blockMax = new float[0];

    /**
     * Up to this many intervals per axis, the defaults use 2 intervals per unit of width instead
     * of FIt-SNE's 1. Measured on 2,000 clustered points (final maps ~80 units wide, standard
     * schedule, KL judged with exact Z): 1 interval per unit ended 1.0-1.2 % above the exact
     * method's KL with maps 5-9 % smaller (Z overestimated), 2 per unit within 0.5 % (below it on
     * one seed). Up to 160 intervals the padded grid is at most 960 nodes per axis, a few tens of
     * milliseconds per call; wider maps (large n) fall back to 1 per unit, FIt-SNE's grid.
     */
    public static final int FINE_INTERVALS_MAX = 160;

    /**
     * From this many points on ({@link #forPoints}), FIt-SNE's grid at every width: 1 interval per
     * unit, at least 50, as FIt-SNE and openTSNE use. A large map spends hundreds of iterations
     * 50 to 160 units wide, where the finer rule's grid has up to 4 times the nodes. Measured on
     * fashion-mnist-pca50 (standard settings, fft, 2 threads, the two rules alternating, maps
     * judged by quality.py): at 70,000 points the repulsion took 5.9-6.4 s against 7.2-8.7 s, at
     * a judged KL of 2.6375 against 2.6332 (+0.16 %) and 10-NN preservation 0.3732 against 0.3738
     * (scikit-learn's map: 2.6449, 0.3721); on the first 20,000 points 3.6-4.0 s against 5.1-5.9 s,
     * but KL 1.9253 against 1.9095 (+0.8 %), preservation 0.4392 against 0.4405. The threshold
     * between those two sizes is a judgement: below it the finer grid's accuracy is kept.
     */
    public static final int FITSNE_GRID_MIN_POINTS = 50_000;

    /**
     * Defaults: 3 nodes per interval, at least 50 intervals, 2 intervals per unit of width up to
     * {@value #FINE_INTERVALS_MAX} intervals, 1 per unit beyond (see there).
     */
    public FftRepulsion(RowBlocks pool) {
        this(pool, 3, 50, 1.0, FINE_INTERVALS_MAX);
    }

    /**
     * The defaults for a map of {@code n} points: {@link #FftRepulsion(RowBlocks)}'s finer grid
     * below {@link #FITSNE_GRID_MIN_POINTS} points, FIt-SNE's rule from there on.
     */
    public static FftRepulsion forPoints(RowBlocks pool, int n) {
        return n >= FITSNE_GRID_MIN_POINTS ? new FftRepulsion(pool, 3, 50, 1.0) : new FftRepulsion(pool);
    }

    /** FIt-SNE's rule exactly: max(min intervals, ⌈width × intervals per unit⌉) intervals. */
    public FftRepulsion(RowBlocks pool, int nodesPerInterval, int minIntervals, double intervalsPerUnit) {
        this(pool, nodesPerInterval, minIntervals, intervalsPerUnit, 0);
    }

    /**
     * As FIt-SNE, but with at least min(⌈2 × width⌉, {@code fineMax}) intervals: a finer grid for
     * narrow maps, where it is cheap.
     */
    public FftRepulsion(RowBlocks pool, int nodesPerInterval, int minIntervals, double intervalsPerUnit, int fineMax) {
        if (pool == null) {
            throw new IllegalArgumentException("pool must not be null");
        }
        if (nodesPerInterval < 2 || nodesPerInterval > 10) {
            throw new IllegalArgumentException("nodes per interval must be in [2, 10], got " + nodesPerInterval);
        }
        if (minIntervals < 1 || minIntervals > 5000) {
            throw new IllegalArgumentException("min intervals must be in [1, 5000], got " + minIntervals);
        }
        if (!(intervalsPerUnit > 0) || Double.isInfinite(intervalsPerUnit)) {
            throw new IllegalArgumentException("intervals per unit must be positive and finite, got " + intervalsPerUnit);
        }
        this.pool = pool;
        this.nodes = nodesPerInterval;
        this.minIntervals = minIntervals;
        this.intervalsPerUnit = intervalsPerUnit;
        this.fineMax = Math.max(0, fineMax);
        this.lagrange = new LagrangeWeights(nodesPerInterval);
    }

    @Override
    public String describe() {
        return "FFT interpolation, " + nodes + " nodes x >= " + minIntervals + " intervals";
    }

    @Override
    public double compute(float[][] y, double[] out) {
        double[] bounds = checkedBounds(y, out);
        return bounds == null ? 0 : computeInBox(y, out, bounds);
    }

    /**
     * Checks the map and {@code out}; for fewer than 2 points zeroes {@code out} and returns null,
     * else returns {min, max} over all coordinates (the box {@link #computeInBox} takes).
     */
    double[] checkedBounds(float[][] y, double[] out) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("embedding must have 1 or 2 axes");
        }
        if (y.length == 3) {
            throw new IllegalArgumentException("FFT interpolation supports 1-D and 2-D embeddings; use Barnes-Hut for 3-D");
        }
        if (y.length > 3) {
            throw new IllegalArgumentException("FFT interpolation supports 1-D and 2-D embeddings, got " + y.length + " axes");
        }
        int dims = y.length, n = y[0].length;
        for (float[] axis : y) {
            if (axis.length != n) {
                throw new IllegalArgumentException("all axes must have the same length, got " + n + " and " + axis.length);
            }
        }
        if (out.length < n * dims) {
            throw new IllegalArgumentException("out must hold n * dims = " + n * dims + " values, got " + out.length);
        }
        if (n < 2) {
            Arrays.fill(out, 0, n * dims, 0);
            return null;
        }
        return bounds(y, n);
    }

    /** {@link #compute} for a map already checked, whose coordinates lie in {@code bounds} = {min, max}. */
    double computeInBox(float[][] y, double[] out, double[] bounds) {
        int dims = y.length, n = y[0].length;
        double lo = bounds[0], width = bounds[1] - bounds[0];
        int intervals = intervals(width, dims);
        if (width == 0) {
            // All points coincide: any box works; centre a unit box on them.
            lo -= 0.5;
            width = 1;
        }
        double intervalWidth = width / intervals;
        double centre = lo + width / 2;
        Grid g = new Grid(dims, intervals, nodes, lo, intervalWidth, centre);
        sortByInterval(y, n, g);
        int m = intervals * nodes, channels = dims + 1;
        if (dims == 2 && m > MAX_NODES_2D) {
            throw new IllegalArgumentException("2-D grid of " + m + " nodes per axis (" + nodes + " nodes x " + intervals
                    + " intervals) exceeds " + MAX_NODES_2D + "; lower the min intervals or the nodes per interval");
        }
        int gridSize = dims == 2 ? m * m * channels : m * channels;
        if (charges.length != gridSize) {
            charges = new double[gridSize];
            potentials = new double[gridSize];
        }
        if (dims == 2) {
            spread2d(y, g);
            if (conv2 == null || conv2.nodesPerAxis() != m) {
                conv2 = null; // let the old grid be collected before the new one is allocated
                conv2 = new GridConvolution2d(m, channels, KernelProvider.fftButterflies());
            }
            conv2.setSpacing(intervalWidth / nodes, pool);
            conv2.convolve(charges, potentials, pool);
        } else {
            spread1d(y, g);
            if (conv1 == null || conv1.nodesPerAxis() != m) {
                conv1 = new GridConvolution1d(m, channels, KernelProvider.fftButterflies());
            }
            conv1.setSpacing(intervalWidth / nodes);
            conv1.convolve(charges, potentials);
        }
        return interpolate(y, n, g, out) - n;
    }

    /** Interpolation nodes per interval. */
    int nodesPerInterval() {
        return nodes;
    }

    /** Interval count per axis for a box of this width. */
    int intervals(double width, int dims) {
        double auto = Math.max(Math.ceil(width * intervalsPerUnit), Math.min(Math.ceil(2 * width), fineMax));
        int cap = dims == 2 ? MAX_AUTO_INTERVALS_2D : MAX_AUTO_INTERVALS_1D;
        int want = Math.max(minIntervals, (int) Math.min(cap, auto));
        return FftSizes.nextSmooth(want);
    }

    /** The box geometry of one call. */
    private record Grid(int dims, int intervals, int nodes, double lo, double intervalWidth, double centre) {
        int boxes() {
            return dims == 2 ? intervals * intervals : intervals;
        }

        /** Interval index along one axis; points on the upper bound join the last interval. */
        int interval(double x) {
            return Math.min(intervals - 1, (int) ((x - lo) / intervalWidth));
        }

        /** Position within interval k in node spacings, in [0, nodes]. */
        double local(double x, int k) {
            return ((x - lo) / intervalWidth - k) * nodes;
        }
    }

    /** Min and max over all coordinates (exact, so block order does not matter); rejects NaN and ∞. */
    private double[] bounds(float[][] y, int n) {
        int blocks = (n + POINT_BLOCK - 1) / POINT_BLOCK;
        if (blockMin.length < blocks) {
            blockMin = new float[blocks];
            blockMax = new float[blocks];
        }
        float[] bMin = blockMin, bMax = blockMax;
        pool.forEach(n, POINT_BLOCK, (long) n * 64, (from, to) -> {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float[] axis : y) {
                for (int i = from; i < to; i++) {
                    float v = axis[i];
                    if (!Float.isFinite(v)) {
                        lo = Float.NaN;
                        break;
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            bMin[from / POINT_BLOCK] = lo;
            bMax[from / POINT_BLOCK] = hi;
        });
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            if (Float.isNaN(bMin[b])) {
                throw new IllegalArgumentException("embedding has a non-finite coordinate (NaN or infinite)");
            }
            lo = Math.min(lo, bMin[b]);
            hi = Math.max(hi, bMax[b]);
        }
        return new double[] {lo, hi};
    }

    /**
     * Stable counting sort of the points by interval (box): order[], boxStart[], and the sorted
     * copies sortedBox[] and sortedY[][]. Gathering y here, once, lets spreading and
     * interpolation read points and nodes sequentially (reading y through order[] at 1M points
     * was latency bound: 2/3 of the call).
     */
    private void sortByInterval(float[][] y, int n, Grid g) {
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
        pool.forEach(n, POINT_BLOCK, (long) n * 64, (from, to) -> {
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

    /** Below this many points the sort runs as one chunk. */
    private static final int SORT_CHUNK_MIN = 20_000;

    /** First point of chunk c of {@code chunks} equal chunks of [0, n). */
    private static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private void spread2d(float[][] y, Grid g) {
        int p = nodes, m = g.intervals() * p, c = 3, boxes = g.boxes();
        double[] q = charges;
        int[] start = boxStart;
        float[] s0 = sortedY[0], s1 = sortedY[1];
        long work = (long) y[0].length * p * p * c * 4;
        pool.forEach(boxes, g.intervals(), work, (from, to) -> {
            if (p == 3) {
                spreadBoxes3(g, from, to, s0, s1, start, q);
                return;
            }
            double[] wx = new double[p], wy = new double[p];
            for (int box = from; box < to; box++) {
                int bx = box % g.intervals(), by = box / g.intervals();
                for (int ky = 0; ky < p; ky++) {
                    int row = ((by * p + ky) * m + bx * p) * c;
                    Arrays.fill(q, row, row + p * c, 0);
                }
                for (int s = start[box]; s < start[box + 1]; s++) {
                    double x0 = s0[s], x1 = s1[s];
                    lagrange.at(g.local(x0, bx), wx, 0);
                    lagrange.at(g.local(x1, by), wy, 0);
                    double cx = x0 - g.centre(), cy = x1 - g.centre();
                    for (int ky = 0; ky < p; ky++) {
                        int row = ((by * p + ky) * m + bx * p) * c;
                        for (int kx = 0; kx < p; kx++) {
                            double w = wy[ky] * wx[kx];
                            int o = row + kx * c;
                            q[o] += w;
                            q[o + 1] += w * cx;
                            q[o + 2] += w * cy;
                        }
                    }
                }
            }
        });
    }

    /**
     * {@link #spread2d} for the default 3 nodes: a box's 27 sums (3 × 3 nodes × 3 charges) stay in
     * registers while its points are added, and are stored once. The general loop read, added
     * and wrote back all 27 for every point, each waiting on the previous point's store. The
     * products and the order of additions per sum are the general loop's, so the bits are too.
     */
    private void spreadBoxes3(Grid g, int from, int to, float[] s0, float[] s1, int[] start, double[] q) {
        int iv = g.intervals(), m = iv * 3;
        double[] wx = new double[3], wy = new double[3];
        for (int box = from; box < to; box++) {
            int bx = box % iv, by = box / iv;
            double w00 = 0, x00 = 0, y00 = 0, w01 = 0, x01 = 0, y01 = 0, w02 = 0, x02 = 0, y02 = 0;
            double w10 = 0, x10 = 0, y10 = 0, w11 = 0, x11 = 0, y11 = 0, w12 = 0, x12 = 0, y12 = 0;
            double w20 = 0, x20 = 0, y20 = 0, w21 = 0, x21 = 0, y21 = 0, w22 = 0, x22 = 0, y22 = 0;
            for (int s = start[box]; s < start[box + 1]; s++) {
                double x0 = s0[s], x1 = s1[s];
                lagrange.at(g.local(x0, bx), wx, 0);
                lagrange.at(g.local(x1, by), wy, 0);
                double cx = x0 - g.centre(), cy = x1 - g.centre(), w;
                w = wy[0] * wx[0];
                w00 += w;
                x00 += w * cx;
                y00 += w * cy;
                w = wy[0] * wx[1];
                w01 += w;
                x01 += w * cx;
                y01 += w * cy;
                w = wy[0] * wx[2];
                w02 += w;
                x02 += w * cx;
                y02 += w * cy;
                w = wy[1] * wx[0];
                w10 += w;
                x10 += w * cx;
                y10 += w * cy;
                w = wy[1] * wx[1];
                w11 += w;
                x11 += w * cx;
                y11 += w * cy;
                w = wy[1] * wx[2];
                w12 += w;
                x12 += w * cx;
                y12 += w * cy;
                w = wy[2] * wx[0];
                w20 += w;
                x20 += w * cx;
                y20 += w * cy;
                w = wy[2] * wx[1];
                w21 += w;
                x21 += w * cx;
                y21 += w * cy;
                w = wy[2] * wx[2];
                w22 += w;
                x22 += w * cx;
                y22 += w * cy;
            }
            int r0 = ((by * 3 + 0) * m + bx * 3) * 3;
            q[r0] = w00;
            q[r0 + 1] = x00;
            q[r0 + 2] = y00;
            q[r0 + 3] = w01;
            q[r0 + 3 + 1] = x01;
            q[r0 + 3 + 2] = y01;
            q[r0 + 6] = w02;
            q[r0 + 6 + 1] = x02;
            q[r0 + 6 + 2] = y02;
            int r1 = ((by * 3 + 1) * m + bx * 3) * 3;
            q[r1] = w10;
            q[r1 + 1] = x10;
            q[r1 + 2] = y10;
            q[r1 + 3] = w11;
            q[r1 + 3 + 1] = x11;
            q[r1 + 3 + 2] = y11;
            q[r1 + 6] = w12;
            q[r1 + 6 + 1] = x12;
            q[r1 + 6 + 2] = y12;
            int r2 = ((by * 3 + 2) * m + bx * 3) * 3;
            q[r2] = w20;
            q[r2 + 1] = x20;
            q[r2 + 2] = y20;
            q[r2 + 3] = w21;
            q[r2 + 3 + 1] = x21;
            q[r2 + 3 + 2] = y21;
            q[r2 + 6] = w22;
            q[r2 + 6 + 1] = x22;
            q[r2 + 6 + 2] = y22;
        }
    }

    private void spread1d(float[][] y, Grid g) {
        int p = nodes, c = 2, boxes = g.boxes();
        double[] q = charges;
        int[] start = boxStart;
        float[] s0 = sortedY[0];
        long work = (long) y[0].length * p * c * 4;
        pool.forEach(boxes, 64, work, (from, to) -> {
            double[] wx = new double[p];
            for (int box = from; box < to; box++) {
                Arrays.fill(q, box * p * c, (box + 1) * p * c, 0);
                for (int s = start[box]; s < start[box + 1]; s++) {
                    double x0 = s0[s];
                    lagrange.at(g.local(x0, box), wx, 0);
                    double cx = x0 - g.centre();
                    for (int k = 0; k < p; k++) {
                        int o = (box * p + k) * c;
                        q[o] += wx[k];
                        q[o + 1] += wx[k] * cx;
                    }
                }
            }
        });
    }

    /**
     * {@link #interpolate}'s 2-D loop for the default 3 nodes: the same products and the same
     * order of additions (nodes row by row), so the same bits, with constant trip counts, which
     * the general loop's node count is not to the compiler. Returns the block's Σ Z_i.
     */
    private double interpolate3(Grid g, int from, int to, float[] s0, float[] s1, int[] box, int[] ord, double[] phi, double[] out) {
        int iv = g.intervals(), m = iv * 3;
        double[] wx = new double[3], wy = new double[3];
        double z = 0;
        for (int s = from; s < to; s++) {
            int b = box[s], bx = b % iv, by = b / iv;
            double x0 = s0[s], x1 = s1[s];
            lagrange.at(g.local(x0, bx), wx, 0);
            lagrange.at(g.local(x1, by), wy, 0);
            double f1 = 0, f2 = 0, f3 = 0;
            // constant trip counts: the compiler unrolls both loops
            for (int ky = 0; ky < 3; ky++) {
                int row = ((by * 3 + ky) * m + bx * 3) * 3;
                for (int kx = 0; kx < 3; kx++) {
                    double w = wy[ky] * wx[kx];
                    int o = row + kx * 3;
                    f1 += w * phi[o];
                    f2 += w * phi[o + 1];
                    f3 += w * phi[o + 2];
                }
            }
            double cx = x0 - g.centre(), cy = x1 - g.centre();
            out[2 * ord[s]] = cx * f1 - f2;
            out[2 * ord[s] + 1] = cy * f1 - f3;
            z += (1 + 2 * (cx * cx + cy * cy)) * f1 - 2 * (cx * f2 + cy * f3);
        }
        return z;
    }

    /** Interpolates the potentials back, writes F, returns Σ_i Z_i (self terms included). */
    private double interpolate(float[][] y, int n, Grid g, double[] out) {
        int blocks = (n + POINT_BLOCK - 1) / POINT_BLOCK;
        if (blockZ.length < blocks) {
            blockZ = new double[blocks];
        }
        double[] zb = blockZ, phi = potentials;
        int[] box = sortedBox, ord = order;
        int p = nodes, dims = g.dims(), iv = g.intervals(), m = iv * p, c = dims + 1;
        float[] s0 = sortedY[0], s1 = sortedY[dims - 1];
        long work = (long) n * (dims == 2 ? p * p : p) * c * 4;
        // Points in interval order: neighbouring points read neighbouring nodes (cache), the
        // coordinates stream, and only the field's rows are written at random.
        pool.forEach(n, POINT_BLOCK, work, (from, to) -> {
            if (dims == 2 && p == 3) {
                zb[from / POINT_BLOCK] = interpolate3(g, from, to, s0, s1, box, ord, phi, out);
                return;
            }
            double[] wx = new double[p], wy = new double[p];
            double z = 0;
            for (int s = from; s < to; s++) {
                int b = box[s];
                if (dims == 2) {
                    int bx = b % iv, by = b / iv;
                    double x0 = s0[s], x1 = s1[s];
                    lagrange.at(g.local(x0, bx), wx, 0);
                    lagrange.at(g.local(x1, by), wy, 0);
                    double f1 = 0, f2 = 0, f3 = 0;
                    for (int ky = 0; ky < p; ky++) {
                        int row = ((by * p + ky) * m + bx * p) * c;
                        for (int kx = 0; kx < p; kx++) {
                            double w = wy[ky] * wx[kx];
                            int o = row + kx * c;
                            f1 += w * phi[o];
                            f2 += w * phi[o + 1];
                            f3 += w * phi[o + 2];
                        }
                    }
                    double cx = x0 - g.centre(), cy = x1 - g.centre();
                    out[2 * ord[s]] = cx * f1 - f2;
                    out[2 * ord[s] + 1] = cy * f1 - f3;
                    z += (1 + 2 * (cx * cx + cy * cy)) * f1 - 2 * (cx * f2 + cy * f3);
                } else {
                    double x0 = s0[s];
                    lagrange.at(g.local(x0, b), wx, 0);
                    double f1 = 0, f2 = 0;
                    for (int k = 0; k < p; k++) {
                        int o = (b * p + k) * c;
                        f1 += wx[k] * phi[o];
                        f2 += wx[k] * phi[o + 1];
                    }
                    double cx = x0 - g.centre();
                    out[ord[s]] = cx * f1 - f2;
                    z += (1 + 2 * cx * cx) * f1 - 2 * cx * f2;
                }
            }
            zb[from / POINT_BLOCK] = z;
        });
        double z = 0;
        for (int b = 0; b < blocks; b++) {
            z += zb[b];
        }
        return z;
    }
}
