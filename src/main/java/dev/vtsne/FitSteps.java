package dev.vtsne;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.gradient.SparseTsneGradient;
import dev.vtsne.init.InitProgress;
import dev.vtsne.init.PcaInitialization;
import dev.vtsne.init.RandomInitialization;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.knn.KnnProgress;
import dev.vtsne.knn.NearestNeighbors;
import dev.vtsne.optimize.GradientDescent;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.BarnesHutRepulsion;
import dev.vtsne.repulsion.ExactRepulsion;
import dev.vtsne.repulsion.FftRepulsion;
import dev.vtsne.repulsion.Repulsion;
import dev.vtsne.repulsion.SmallMapFallback;
import dev.vtsne.simd.KernelWarmup;
import dev.vtsne.simd.KernelSet;

/**
 * The steps of a fit, each from the value the step before produced: points → neighbour graph →
 * affinities → initial layout → embedding. {@link TSne#fit} runs them in a row on one pool and
 * one listener; {@link TSne}'s public steps run one each, on values a user may have computed
 * elsewhere. Each step times itself and carries the times of the values it was given.
 */
final class FitSteps {

    private FitSteps() {}

    /**
     * Compiles the kernels a run with {@code options} on n points of {@code dim} coordinates will
     * use, before it needs them (once per JVM; nothing for small runs or the scalar kernels), and
     * returns the time it took. With {@code search}, a kNN method's neighbour search too.
     */
    static long warmup(KernelSet kernels, int n, int dim, TsneOptions options, IterationListener listener, boolean search) {
        Method method = options.methodFor(n);
        boolean knn = method != Method.EXACT, sne = options.objective() == Objective.SNE, fft = method == Method.FFT;
        if (!KernelWarmup.pending(kernels, n, knn, sne, options.dimensions(), fft)) {
            return 0;
        }
        long t0 = System.nanoTime();
        phase(listener, Phase.WARMUP);
        if (knn) {
            if (search) {
                NearestNeighbors.warmUp(kernels.distances(), n, dim, options.neighboursFor(n));
            }
            KernelWarmup.prepareOptimize(kernels, n, options.dimensions(), fft);
        } else {
            KernelWarmup.prepare(kernels, n, sne);
        }
        return System.nanoTime() - t0;
    }

    /** The fit's kNN search on {@code input} (exact, or NN-descent above its bound), k from the options. */
    static NeighborGraph neighbors(Points input, TsneOptions options, KernelSet kernels, RowBlocks pool, IterationListener listener,
                                   PreparationTimes before) {
        long t0 = System.nanoTime();
        phase(listener, Phase.KNN);
        int n = input.size();
        KnnGraph graph = NearestNeighbors.compute(input, options.neighboursFor(n), options.seed(), kernels.distances(), pool,
                listener == null ? KnnProgress.NONE
                        : (stage, step, steps) -> listener.onPhaseStep(Phase.KNN, stage, step, steps));
        return new NeighborGraph(graph, new PreparationTimes(before.warmup(), before.pca(), System.nanoTime() - t0, 0));
    }

    /** t-SNE's perplexity-calibrated, symmetrized affinities over the graph. */
    static AffinityMatrix affinities(NeighborGraph graph, TsneOptions options, KernelSet kernels, RowBlocks pool, IterationListener listener) {
        phase(listener, Phase.AFFINITIES);
        long t0 = System.nanoTime();
        SparseAffinities p = SparseAffinities.tsne(graph.graph(), options.perplexity(), kernels.calibration(), pool);
        return AffinityMatrix.ofKnn(p, graph.times().withAffinities(System.nanoTime() - t0));
    }

    /** The exact method's affinities over all pairs of {@code input} (joint P for t-SNE, s for SNE). */
    static AffinityMatrix allPairs(Points input, TsneOptions options, KernelSet kernels, RowBlocks pool, IterationListener listener,
                                   PreparationTimes before) {
        long t0 = System.nanoTime();
        phase(listener, Phase.AFFINITIES);
        ExactAffinities p = options.objective() == Objective.TSNE
                ? ExactAffinities.tsne(input, options.perplexity(), kernels.distances(), kernels.calibration(), pool)
                : ExactAffinities.sne(input, options.perplexity(), kernels.distances(), kernels.calibration(), pool);
        return AffinityMatrix.ofAllPairs(p, options.objective(), before.withAffinities(System.nanoTime() - t0));
    }

    /** The options' affinities for {@code in}: over all pairs for the exact method, else over the kNN graph. */
    static AffinityMatrix affinities(FitPoints in, TsneOptions options, KernelSet kernels, RowBlocks pool, IterationListener listener,
                                     PreparationTimes before) {
        Points input = in.input();
        if (options.methodFor(input.size()) == Method.EXACT) {
            return allPairs(input, options, kernels, pool, listener, before);
        }
        return affinities(neighbors(input, options, kernels, pool, listener, before), options, kernels, pool, listener);
    }

    /**
     * The start of the map, one array per axis: the leading principal components of
     * {@code input} scaled to standard deviation 1e-4, or seeded N(0, 1e-4²) points.
     */
    static float[][] initialLayout(Points input, TsneOptions options, RowBlocks pool, IterationListener listener) {
        return options.initialization() == Initialization.PCA
                ? PcaInitialization.compute(input, options.dimensions(), options.seed(), pool,
                        listener == null ? InitProgress.NONE
                                : (stage, step, steps) -> listener.onPhaseStep(Phase.OPTIMIZE, "pca init " + stage, step, steps))
                : RandomInitialization.compute(input.size(), options.dimensions(), options.seed());
    }

    /**
     * A map at iteration 0 from {@code y} (one array per axis, taken over) under P, with the
     * options' method; {@code input} is what transform needs of the fit's points, or null.
     */
    static Embedding embedding(AffinityMatrix p, float[][] y, TsneOptions options, KernelSet kernels, RowBlocks pool, FitInput input,
                               PreparationTimes times, Cancellation cancellation) {
        int n = p.size();
        Method method = options.methodFor(n);
        return new Embedding(options, new GradientDescent(gradient(p, method, options, kernels, pool), y, kernels.step()), kernels.name(),
                method, input, times, cancellation);
    }

    /**
     * The gradient of P's cost: the exact method's fused all-pairs gradient over its own matrix;
     * otherwise the attraction over the stored entries and the method's repulsion (all pairs for
     * the exact method with a graph's or a user's P).
     */
    private static GradientFunction gradient(AffinityMatrix p, Method method, TsneOptions options, KernelSet kernels, RowBlocks pool) {
        if (p.objective() == Objective.SNE) {
            return new ExactSneGradient(p.allPairs(), kernels.gradient(), pool);
        }
        if (method == Method.EXACT && p.allPairs() != null) {
            return new ExactTsneGradient(p.allPairs(), kernels.gradient(), pool);
        }
        return new SparseTsneGradient(p.sparse(), repulsion(method, p.size(), options, kernels, pool), kernels.gradient(), pool);
    }

    private static Repulsion repulsion(Method method, int n, TsneOptions options, KernelSet kernels, RowBlocks pool) {
        return switch (method) {
            case EXACT -> new ExactRepulsion(kernels.gradient(), pool);
            case BARNES_HUT -> new BarnesHutRepulsion(options.theta(), pool);
            case FFT -> new SmallMapFallback(FftRepulsion.forPoints(pool, kernels.fft(), n), new ExactRepulsion(kernels.gradient(), pool));
            case AUTO -> throw new IllegalStateException("no repulsion for " + method);
        };
    }

    static void phase(IterationListener listener, Phase phase) {
        if (listener != null) {
            listener.onPhase(phase);
        }
    }
}
