package dev.vtsne;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.gradient.SparseTsneGradient;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.knn.KnnProgress;
import dev.vtsne.knn.NearestNeighbors;
import dev.vtsne.pca.PcaResult;
import dev.vtsne.pca.RandomizedPca;
import dev.vtsne.repulsion.BarnesHutRepulsion;
import dev.vtsne.repulsion.ExactRepulsion;
import dev.vtsne.repulsion.SmallMapFallback;
import dev.vtsne.repulsion.FftRepulsion;
import dev.vtsne.repulsion.Repulsion;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.init.InitProgress;
import dev.vtsne.init.PcaInitialization;
import dev.vtsne.init.RandomInitialization;
import dev.vtsne.optimize.GradientDescent;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.KernelWarmup;
import java.util.Objects;

/**
 * Entry point of the library: exact SNE and t-SNE.
 *
 * <pre>{@code
 * Points x = Points.of(rows);
 * Embedding e = TSne.fit(x, TsneOptions.builder().perplexity(30).seed(7).build(), null);
 * float[][] y = e.coordinates();
 * }</pre>
 */
public final class TSne {

    private TSne() {}

    /**
     * Computes affinities, initializes and runs {@link TsneOptions#iterations()} iterations.
     *
     * @param listener sees each iteration and may stop the run; may be null
     * @throws IllegalArgumentException when the data cannot support the options (too few
     *         points for the perplexity, too many for the exact method's memory)
     * @throws NullPointerException when {@code x} or {@code options} is null, naming which
     */
    public static Embedding fit(Points x, TsneOptions options, IterationListener listener) {
        return fit(x, options, listener, new Cancellation());
    }

    /**
     * As {@link #fit(Points, TsneOptions, IterationListener)}, stopping when {@code cancellation}
     * is cancelled: during the iterations within one iteration, returning the embedding as of the
     * last whole iteration; before them (PCA, kNN, affinities, checked per row block) by throwing.
     *
     * @throws java.util.concurrent.CancellationException when cancelled before the first iteration
     */
    public static Embedding fit(Points x, TsneOptions options, IterationListener listener, Cancellation cancellation) {
        return fit(x, options, listener, cancellation, KernelSet.preferred());
    }

    /** As {@link #fit(Points, TsneOptions, IterationListener, Cancellation)} on the given kernels (tests run the scalar twins). */
    static Embedding fit(Points x, TsneOptions options, IterationListener listener, Cancellation cancellation, KernelSet kernels) {
        validate(x, options);
        Objects.requireNonNull(cancellation, "cancellation is null; pass new Cancellation() for a run nobody cancels");
        RowBlocks pool = new RowBlocks(options.threads(), cancellation::isCancelled);
        int n = x.size();
        Method method = options.methodFor(n);
        long t0 = System.nanoTime();
        Points scaled = toFloatRange(x);
        if (options.pcaComponents() > 0 && options.pcaComponents() < x.dim()) {
            phase(listener, Phase.PCA);
        }
        PcaResult pca = pca(scaled, options, pool, kernels);
        Points input = pca == null ? scaled : pca.project(scaled, pool);
        long pcaNanos = input == scaled ? 0 : System.nanoTime() - t0;
        long neighbourNanos = 0;
        long warmupNanos = warmup(kernels, n, input.dim(), method, options, listener);
        long t1 = System.nanoTime();
        GradientFunction f;
        if (method == Method.EXACT) {
            phase(listener, Phase.AFFINITIES);
            ExactAffinities p = options.objective() == Objective.TSNE
                    ? ExactAffinities.tsne(input, options.perplexity(), kernels.distances(), kernels.calibration(), pool)
                    : ExactAffinities.sne(input, options.perplexity(), kernels.distances(), kernels.calibration(), pool);
            f = options.objective() == Objective.TSNE
                    ? new ExactTsneGradient(p, kernels.gradient(), pool)
                    : new ExactSneGradient(p, kernels.gradient(), pool);
        } else {
            phase(listener, Phase.KNN);
            KnnGraph graph = NearestNeighbors.compute(input, options.neighboursFor(n), options.seed(), kernels.distances(), pool,
                    listener == null ? KnnProgress.NONE
                            : (stage, step, steps) -> listener.onPhaseStep(Phase.KNN, stage, step, steps));
            neighbourNanos = System.nanoTime() - t1;
            phase(listener, Phase.AFFINITIES);
            t1 = System.nanoTime();
            SparseAffinities p = SparseAffinities.tsne(graph, options.perplexity(), kernels.calibration(), pool);
            f = new SparseTsneGradient(p, repulsion(method, n, options, kernels, pool), kernels.gradient(), pool);
        }
        long affinityNanos = System.nanoTime() - t1;
        cancellation.check("before the first iteration");
        phase(listener, Phase.OPTIMIZE);
        float[][] y = options.initialization() == Initialization.PCA
                ? PcaInitialization.compute(input, options.dimensions(), options.seed(), pool,
                        listener == null ? InitProgress.NONE
                                : (stage, step, steps) -> listener.onPhaseStep(Phase.OPTIMIZE, "pca init " + stage, step, steps))
                : RandomInitialization.compute(n, options.dimensions(), options.seed());
        Embedding e = new Embedding(options, new GradientDescent(f, y, kernels.step()), kernels.name(), method,
                new FitInput(x.dim(), input, pca, scaled != x),
                new PreparationTimes(warmupNanos, pcaNanos, neighbourNanos, affinityNanos), cancellation);
        return e.optimize(options.iterations(), listener);
    }

    /**
     * Compiles the kernels this run's loops will use, before the run needs them (once per JVM;
     * nothing for small runs or the scalar kernels), and returns the time it took.
     */
    private static long warmup(KernelSet kernels, int n, int dim, Method method, TsneOptions options, IterationListener listener) {
        boolean knn = method != Method.EXACT, sne = options.objective() == Objective.SNE, fft = method == Method.FFT;
        if (!KernelWarmup.pending(kernels, n, knn, sne, options.dimensions(), fft)) {
            return 0;
        }
        long t0 = System.nanoTime();
        phase(listener, Phase.WARMUP);
        if (knn) {
            NearestNeighbors.warmUp(kernels.distances(), n, dim, options.neighboursFor(n));
            KernelWarmup.prepareOptimize(kernels, n, options.dimensions(), fft);
        } else {
            KernelWarmup.prepare(kernels, n, sne);
        }
        return System.nanoTime() - t0;
    }

    private static void phase(IterationListener listener, Phase phase) {
        if (listener != null) {
            listener.onPhase(phase);
        }
    }

    /** Beyond this magnitude (2^40) squared distances could leave the float range; below 2^-40 they underflow. */
    private static final int SCALE_EXPONENT_LIMIT = 40;

    /**
     * The input multiplied by a power of two that brings its largest magnitude into [1, 2), when
     * that magnitude is above 2^40 or below 2^-40; otherwise the input itself. Distances are
     * computed in float, so a column of 1e30 made every squared distance infinite and data of
     * 1e-30 made them all 0. t-SNE and SNE do not depend on the input's scale (each point's
     * Gaussian precision is calibrated to the perplexity, PCA initialization is rescaled), and a
     * power of two changes no float's mantissa, so this only changes what could not be computed.
     */
    static Points toFloatRange(Points x) {
        float[] v = x.rowMajor();
        float max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        if (max == 0 || Math.abs(Math.getExponent(max)) <= SCALE_EXPONENT_LIMIT) {
            return x;
        }
        float scale = Math.scalb(1f, -Math.getExponent(max));
        float[] s = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            s[k] = v[k] * scale; // exact unless a value falls below the float range relative to the largest
        }
        return Points.ofRowMajor(s, x.size(), x.dim());
    }

    /** The PCA the input is projected with when asked, else null. */
    private static PcaResult pca(Points x, TsneOptions options, RowBlocks pool, KernelSet kernels) {
        int k = options.pcaComponents();
        if (k == 0 || k >= x.dim()) {
            return null; // nothing to reduce: asking for as many components as columns keeps the input
        }
        return RandomizedPca.fit(x, k, options.seed(), pool, kernels.matrix());
    }

    private static Repulsion repulsion(Method method, int n, TsneOptions options, KernelSet kernels, RowBlocks pool) {
        return switch (method) {
            case BARNES_HUT -> new BarnesHutRepulsion(options.theta(), pool);
            case FFT -> new SmallMapFallback(FftRepulsion.forPoints(pool, kernels.fft(), n), new ExactRepulsion(kernels.gradient(), pool));
            default -> throw new IllegalStateException("no repulsion for " + method);
        };
    }

    /**
     * Refuses data the options cannot work with, with a message that says what to change: fewer
     * than 2 points, a perplexity too large for n (n - 1 must be at least 3 x perplexity, as in
     * bhtsne), more points than the exact method supports, or more memory than the heap allows
     * ({@link InsufficientHeapException}, with the estimate; see {@code HeapEstimate}).
     * {@link #fit} calls it first; callers may call it earlier to fail before other work.
     *
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public static void validate(Points x, TsneOptions options) {
        validate(x, options, Runtime.getRuntime().maxMemory());
    }

    /** {@link #validate(Points, TsneOptions)} against a given heap limit (tests use a small one). */
    static void validate(Points x, TsneOptions options, long maxHeapBytes) {
        Objects.requireNonNull(x, "x (the points) is null");
        Objects.requireNonNull(options, "options is null");
        validate(x.size(), x.dim(), options, maxHeapBytes);
    }

    /** {@link #validate(Points, TsneOptions, long)} for n points of d columns (tests need not allocate them). */
    static void validate(int n, int d, TsneOptions options, long maxHeapBytes) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 points to embed, got " + n);
        }
        if (options.perplexity() > TsneOptions.maxPerplexityFor(n)) {
            throw new PerplexityTooLargeException(options.perplexity(), n);
        }
        int pca = options.pcaComponents();
        if (pca > 0 && pca < d && pca > n) {
            throw new IllegalArgumentException("PCA to " + pca + " components needs at least " + pca + " points, got " + n
                    + "; use at most " + n + " components or no PCA");
        }
        Method method = options.methodFor(n);
        int dims = options.dimensions();
        if (method == Method.EXACT) {
            if (n > ExactAffinities.MAX_POINTS) {
                throw new IllegalArgumentException("the exact method supports at most " + ExactAffinities.MAX_POINTS
                        + " points (it holds an n x n matrix); got " + n + "; " + alternatives(n, d, options, maxHeapBytes));
            }
            HeapEstimate.Need need = HeapEstimate.exact(n, d, pca, dims);
            if (need.bytes() > maxHeapBytes) {
                HeapEstimate.Need knn = options.objective() == Objective.TSNE
                        ? HeapEstimate.knn(n, d, pca, options.neighboursFor(n), dims) : null;
                boolean fits = knn != null && knn.bytes() <= maxHeapBytes;
                throw new InsufficientHeapException("exact", n, d, 0, need.bytes(), maxHeapBytes, need.dominant(),
                        fits ? knnMethods(options) : null, fits ? knn.bytes() : 0);
            }
        } else {
            int k = options.neighboursFor(n);
            HeapEstimate.Need need = HeapEstimate.knn(n, d, pca, k, dims);
            if (need.bytes() > maxHeapBytes) {
                throw new InsufficientHeapException(method.label(), n, d, k, need.bytes(), maxHeapBytes, need.dominant(), null, 0);
            }
        }
    }

    /**
     * What to do instead of the exact method when it cannot take n points: the kNN methods when
     * they fit in the heap, by name; when they do not, the refusal is theirs.
     */
    private static String alternatives(int n, int d, TsneOptions options, long max) {
        if (options.objective() != Objective.TSNE) {
            return "SNE has only the exact method: embed fewer points";
        }
        int k = options.neighboursFor(n);
        HeapEstimate.Need need = HeapEstimate.knn(n, d, options.pcaComponents(), k, options.dimensions());
        if (need.bytes() > max) {
            throw new InsufficientHeapException(knnMethods(options), n, d, k, need.bytes(), max, need.dominant(), null, 0);
        }
        String[] sizes = InsufficientHeapException.sizes(need.bytes(), max);
        return String.format(java.util.Locale.ROOT, "use method %s (t-SNE; a heap of about %s for %d points, which the heap of %s holds)",
                knnMethods(options), sizes[0], n, sizes[1]);
    }

    /** The kNN methods open to these options: both in 2-D, Barnes-Hut only in 3-D. */
    private static String knnMethods(TsneOptions options) {
        return options.dimensions() == 2 ? "bh or fft" : "bh";
    }
}
