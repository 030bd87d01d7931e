package dev.vtsne;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.Objects;

/**
 * Entry point of the library: exact SNE and t-SNE.
 *
 * <pre>{@code
 * Points x = Points.of(rows);
 * Embedding e = TSne.fit(x, TsneOptions.builder().perplexity(30).seed(7).build(), null);
 * float[][] y = e.coordinates();
 * }</pre>
 *
 * <p>{@link #fit} runs the steps points → neighbour graph → affinities → initial layout →
 * embedding → optimize in one call. Each step is also public, so that any of them can be given
 * instead of computed (a kNN graph from another library, a sparse affinity matrix, a layout) and
 * the optimization run in phases of one's own:
 *
 * <pre>{@code
 * NeighborGraph g = TSne.neighbors(x, options);              // or NeighborGraph.of(indices, distances)
 * AffinityMatrix p = TSne.affinities(g, options);            // or AffinityMatrix.of(n, rowStart, columns, values)
 * float[][] y0 = TSne.initialLayout(x, options);             // or one's own, one array per axis
 * Embedding e = TSne.embedding(p, y0, options);
 * e.optimize(OptimizeStep.builder(250).exaggeration(12).momentum(0.5).build(), null);
 * e.optimize(OptimizeStep.builder(500).momentum(0.8).build(), null);
 * }</pre>
 *
 * With the options' schedule these steps give the same bits as {@link #fit} for the Barnes-Hut
 * and FFT methods. The exact method's fit calibrates over all pairs instead of a graph; its
 * affinities are {@link #affinities(Points, TsneOptions)}.
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
        FitPoints in = FitPoints.of(x, options, pool, kernels.matrix(), listener);
        long warmup = FitSteps.warmup(kernels, x.size(), in.input().dim(), options, listener, true);
        AffinityMatrix p = FitSteps.affinities(in, options, kernels, pool, listener, new PreparationTimes(warmup, in.pcaNanos(), 0, 0));
        cancellation.check("before the first iteration");
        FitSteps.phase(listener, Phase.OPTIMIZE);
        float[][] y = FitSteps.initialLayout(in.input(), options, pool, listener);
        Embedding e = FitSteps.embedding(p, y, options, kernels, pool, in.fitInput(), p.times(), cancellation);
        return e.optimize(options.iterations(), listener);
    }

    /**
     * The k = min(n - 1, ⌊3·perplexity⌋) nearest neighbours of every point, as the fit finds them
     * for the Barnes-Hut and FFT methods: after the options' PCA (when asked), exact up to 400,000
     * points and NN-descent above; plain Euclidean distances. The first step of the fit's kNN
     * path; pass the graph to {@link #affinities(NeighborGraph, TsneOptions)}.
     *
     * @throws IllegalArgumentException when the points cannot support the options (fewer than 2,
     *         a perplexity too large for n, more PCA components than points)
     */
    public static NeighborGraph neighbors(Points x, TsneOptions options) {
        validateInput(x, options);
        KernelSet kernels = KernelSet.preferred();
        try (RowBlocks pool = new RowBlocks(options.threads())) { // a step's threads end with it; only an embedding keeps a pool
            FitPoints in = FitPoints.of(x, options, pool, kernels.matrix(), null);
            long warmup = FitSteps.warmup(kernels, x.size(), in.input().dim(), options, null, true);
            return FitSteps.neighbors(in.input(), options, kernels, pool, null, new PreparationTimes(warmup, in.pcaNanos(), 0, 0));
        }
    }

    /**
     * t-SNE's affinities over a kNN graph, as the fit computes them: each point's Gaussian
     * calibrated to the options' perplexity over its k neighbours, then p_ij = (p_j|i + p_i|j) / 2n
     * over the union of both directions' neighbours (summing to 1; not renormalized).
     *
     * @throws IllegalArgumentException when the options are for SNE (which calibrates over all
     *         pairs) or the graph has fewer neighbours per point than the perplexity
     */
    public static AffinityMatrix affinities(NeighborGraph graph, TsneOptions options) {
        Objects.requireNonNull(graph, "graph is null");
        Objects.requireNonNull(options, "options is null");
        if (options.objective() != Objective.TSNE) {
            throw new IllegalArgumentException("SNE calibrates its affinities over all pairs, not over a neighbour graph; "
                    + "use affinities(Points, TsneOptions), or the t-SNE objective with a graph");
        }
        if (options.perplexity() > graph.neighbors()) {
            throw new IllegalArgumentException("perplexity " + options.perplexity() + " needs at least as many neighbours per point; "
                    + "the graph has " + graph.neighbors() + " (the fit uses 3 x perplexity); lower the perplexity to at most "
                    + graph.neighbors() + " or give more neighbours");
        }
        try (RowBlocks pool = new RowBlocks(options.threads())) {
            return FitSteps.affinities(graph, options, KernelSet.preferred(), pool, null);
        }
    }

    /**
     * The affinities the one-call fit computes for these points: with the exact method (and for
     * SNE) calibrated over all pairs in a dense n × n matrix, then stored without the entries too
     * small to matter; with Barnes-Hut and FFT over the kNN graph
     * ({@code affinities(neighbors(x, options), options)}). After the options' PCA, when asked.
     *
     * @throws IllegalArgumentException as {@link #validate}
     */
    public static AffinityMatrix affinities(Points x, TsneOptions options) {
        validate(x, options);
        KernelSet kernels = KernelSet.preferred();
        try (RowBlocks pool = new RowBlocks(options.threads())) {
            FitPoints in = FitPoints.of(x, options, pool, kernels.matrix(), null);
            long warmup = FitSteps.warmup(kernels, x.size(), in.input().dim(), options, null, true);
            return FitSteps.affinities(in, options, kernels, pool, null, new PreparationTimes(warmup, in.pcaNanos(), 0, 0));
        }
    }

    /**
     * The fit's start for these points, one array per axis ({@code [dimensions][n]}, the shape of
     * {@link Embedding#coordinates()}): their leading principal components (after the options'
     * PCA, when asked) scaled so the first has standard deviation 1e-4, or seeded N(0, 1e-4²)
     * points with {@link Initialization#RANDOM}.
     *
     * @throws IllegalArgumentException as {@link #neighbors}
     */
    public static float[][] initialLayout(Points x, TsneOptions options) {
        validateInput(x, options);
        try (RowBlocks pool = new RowBlocks(options.threads())) {
            return FitSteps.initialLayout(FitPoints.of(x, options, pool, KernelSet.preferred().matrix(), null).input(), options, pool, null);
        }
    }

    /**
     * A map at iteration 0: {@code layout} under the affinities {@code p}, its repulsion by the
     * options' method for p's n points (bh, fft; the exact method with P from a graph or
     * {@link AffinityMatrix#of} takes the attraction over P's stored entries and the repulsion
     * over all pairs, while the one-call exact fit's own P is calibrated over all pairs). Run it
     * with {@link Embedding#optimize(OptimizeStep, IterationListener)} or with the options'
     * schedule, {@link Embedding#optimize(int, IterationListener)}. Such a map was not fitted on
     * points, so it cannot place new ones ({@link Embedding#referenceMap()} throws).
     *
     * @param layout the start, one array per axis ({@code [dimensions][n]}, as
     *               {@link #initialLayout} returns it and {@link Embedding#coordinates()}); copied,
     *               used as it is (not rescaled)
     * @throws IllegalArgumentException when the layout does not have the options' dimensions and
     *         P's n points per axis or holds a non-finite value, or when P and the options are
     *         for different objectives (SNE embeds only the SNE affinities of
     *         {@link #affinities(Points, TsneOptions)})
     */
    public static Embedding embedding(AffinityMatrix p, float[][] layout, TsneOptions options) {
        Objects.requireNonNull(p, "p (the affinities) is null");
        Objects.requireNonNull(options, "options is null");
        if (p.objective() != options.objective()) {
            throw new IllegalArgumentException(p.objective() == Objective.TSNE
                    ? "SNE needs its own affinities (the conditional ones over all pairs, from affinities(Points, TsneOptions) "
                            + "with the SNE objective); these are t-SNE's joint P: embed them with the t-SNE objective"
                    : "these are SNE's affinities; embed them with the SNE objective");
        }
        float[][] y = Layouts.checkedCopy(layout, options.dimensions(), p.size());
        KernelSet kernels = KernelSet.preferred();
        RowBlocks pool = new RowBlocks(options.threads());
        long warmup = FitSteps.warmup(kernels, p.size(), 0, options, null, false);
        return FitSteps.embedding(p, y, options, kernels, pool, null, p.times().plusWarmup(warmup), new Cancellation());
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
        validateInput(n, d, options);
        Method method = options.methodFor(n);
        int pca = options.pcaComponents();
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

    /** The checks of {@link #validate} that concern the points, not a method's memory: for the steps that read points. */
    private static void validateInput(Points x, TsneOptions options) {
        Objects.requireNonNull(x, "x (the points) is null");
        Objects.requireNonNull(options, "options is null");
        validateInput(x.size(), x.dim(), options);
    }

    /** Fewer than 2 points, a perplexity too large for n, more PCA components than points. */
    private static void validateInput(int n, int d, TsneOptions options) {
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
