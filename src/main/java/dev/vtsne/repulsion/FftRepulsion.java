package dev.vtsne.repulsion;

import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.GridConvolution1d;
import dev.vtsne.fft.GridConvolution2d;
import dev.vtsne.parallel.RowBlocks;
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
 * <p>Accuracy, against the exact sums (measured in {@code FftRepulsionTest} on 2000 points,
 * random, clustered and duplicate-laden, boxes up to ~200 units wide): at the defaults (3 nodes,
 * the finer rule or FIt-SNE's) the 2-norm relative error of F/Z is at most 5.1e-2 and that of Z
 * at most 2.8e-2, typically 1e-4 to 1e-2 (each case held to its measured error × 1.3). The error is the
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

    /** Points per block for the per-point passes and for Z's partial sums (fixed: Z's bits depend on it). */
    static final int POINT_BLOCK = 4096;

    private final RowBlocks pool;
    private final FftButterflies butterflies;
    private final int nodes;
    private final IntervalRule rule;
    private final MapBounds bounds;
    private final IntervalSort sort;
    private final ChargeSpreading spreading;
    private final PotentialInterpolation interpolation;

    private GridConvolution2d conv2;
    private GridConvolution1d conv1;
    private double[] charges = new double[0], potentials = new double[0];

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
    public FftRepulsion(RowBlocks pool, FftButterflies butterflies) {
        this(pool, butterflies, 3, 50, 1.0, FINE_INTERVALS_MAX);
    }

    /**
     * The defaults for a map of {@code n} points: {@link #FftRepulsion(RowBlocks, FftButterflies)}'s finer grid
     * below {@link #FITSNE_GRID_MIN_POINTS} points, FIt-SNE's rule from there on.
     */
    public static FftRepulsion forPoints(RowBlocks pool, FftButterflies butterflies, int n) {
        return n >= FITSNE_GRID_MIN_POINTS ? new FftRepulsion(pool, butterflies, 3, 50, 1.0) : new FftRepulsion(pool, butterflies);
    }

    /** FIt-SNE's rule exactly: max(min intervals, ⌈width × intervals per unit⌉) intervals. */
    public FftRepulsion(RowBlocks pool, FftButterflies butterflies, int nodesPerInterval, int minIntervals, double intervalsPerUnit) {
        this(pool, butterflies, nodesPerInterval, minIntervals, intervalsPerUnit, 0);
    }

    /**
     * As FIt-SNE, but with at least min(⌈2 × width⌉, {@code fineMax}) intervals: a finer grid for
     * narrow maps, where it is cheap.
     */
    public FftRepulsion(RowBlocks pool, FftButterflies butterflies, int nodesPerInterval, int minIntervals, double intervalsPerUnit, int fineMax) {
        if (pool == null || butterflies == null) {
            throw new IllegalArgumentException("pool and butterflies must not be null");
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
        this.butterflies = butterflies;
        this.nodes = nodesPerInterval;
        this.rule = new IntervalRule(minIntervals, intervalsPerUnit, Math.max(0, fineMax));
        LagrangeWeights lagrange = new LagrangeWeights(nodesPerInterval);
        this.bounds = new MapBounds(pool);
        this.sort = new IntervalSort(pool);
        this.spreading = new ChargeSpreading(pool, nodesPerInterval, lagrange);
        this.interpolation = new PotentialInterpolation(pool, nodesPerInterval, lagrange);
    }

    @Override
    public String describe() {
        return "FFT interpolation, " + nodes + " nodes x >= " + rule.minIntervals() + " intervals";
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
        return bounds.of(y, n);
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
        InterpolationGrid g = new InterpolationGrid(dims, intervals, nodes, lo, intervalWidth, centre);
        sort.sort(y, n, g);
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
        spreading.spread(g, sort, n, charges);
        if (dims == 2) {
            if (conv2 == null || conv2.nodesPerAxis() != m) {
                conv2 = null; // let the old grid be collected before the new one is allocated
                conv2 = new GridConvolution2d(m, channels, butterflies);
            }
            conv2.setSpacing(intervalWidth / nodes, pool);
            conv2.convolve(charges, potentials, pool);
        } else {
            if (conv1 == null || conv1.nodesPerAxis() != m) {
                conv1 = new GridConvolution1d(m, channels, butterflies);
            }
            conv1.setSpacing(intervalWidth / nodes);
            conv1.convolve(charges, potentials);
        }
        return interpolation.interpolate(g, sort, n, potentials, out) - n;
    }

    /** Interpolation nodes per interval. */
    int nodesPerInterval() {
        return nodes;
    }

    /** Interval count per axis for a box of this width ({@link IntervalRule}). */
    int intervals(double width, int dims) {
        return rule.intervals(width, dims);
    }
}
