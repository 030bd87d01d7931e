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
import dev.vtsne.data.Points;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.init.InitProgress;
import dev.vtsne.init.PcaInitialization;
import dev.vtsne.init.RandomInitialization;
import dev.vtsne.optimize.GradientDescent;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.KernelWarmup;
import dev.vtsne.simd.Kernels;

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
        validate(x, options);
        Kernels kernels = KernelProvider.kernels();
        RowBlocks pool = new RowBlocks(options.threads(), cancellation::isCancelled);
        int n = x.size();
        Method method = options.methodFor(n);
        long t0 = System.nanoTime();
        Points scaled = toFloatRange(x);
        if (options.pcaComponents() > 0 && options.pcaComponents() < x.dim()) {
            phase(listener, IterationListener.PHASE_PCA);
        }
        PcaResult pca = pca(scaled, options, pool);
        Points input = pca == null ? scaled : pca.project(scaled, pool);
        long pcaNanos = input == scaled ? 0 : System.nanoTime() - t0;
        long neighbourNanos = 0;
        long warmupNanos = warmup(kernels, n, input.dim(), method, options, listener);
        long t1 = System.nanoTime();
        GradientFunction f;
        if (method == Method.EXACT) {
            phase(listener, IterationListener.PHASE_AFFINITIES);
            ExactAffinities p = options.objective() == Objective.TSNE
                    ? ExactAffinities.tsne(input, options.perplexity(), kernels, pool)
                    : ExactAffinities.sne(input, options.perplexity(), kernels, pool);
            f = options.objective() == Objective.TSNE
                    ? new ExactTsneGradient(p, kernels, pool)
                    : new ExactSneGradient(p, kernels, pool);
        } else {
            phase(listener, IterationListener.PHASE_KNN);
            KnnGraph graph = NearestNeighbors.compute(input, options.neighboursFor(n), options.seed(), kernels, pool,
                    listener == null ? KnnProgress.NONE
                            : (stage, step, steps) -> listener.onPhaseStep(IterationListener.PHASE_KNN, stage, step, steps));
            neighbourNanos = System.nanoTime() - t1;
            phase(listener, IterationListener.PHASE_AFFINITIES);
            t1 = System.nanoTime();
            SparseAffinities p = SparseAffinities.tsne(graph, options.perplexity(), kernels, pool);
            f = new SparseTsneGradient(p, repulsion(method, n, options, kernels, pool), kernels, pool);
        }
        long affinityNanos = System.nanoTime() - t1;
        cancellation.check("before the first iteration");
        phase(listener, IterationListener.PHASE_OPTIMIZE);
        float[][] y = options.initialization() == Initialization.PCA
                ? PcaInitialization.compute(input, options.dimensions(), options.seed(), pool,
                        listener == null ? InitProgress.NONE
                                : (stage, step, steps) -> listener.onPhaseStep(IterationListener.PHASE_OPTIMIZE, "pca init " + stage, step, steps))
                : RandomInitialization.compute(n, options.dimensions(), options.seed());
        Embedding e = new Embedding(options, new GradientDescent(f, y, kernels), kernels.name(), method, warmupNanos, pcaNanos,
                neighbourNanos, affinityNanos, x, input, pca, scaled != x, cancellation);
        return e.optimize(options.iterations(), listener);
    }

    /**
     * Compiles the kernels this run's loops will use, before the run needs them (once per JVM;
     * nothing for small runs or the scalar kernels), and returns the time it took.
     */
    private static long warmup(Kernels kernels, int n, int dim, Method method, TsneOptions options, IterationListener listener) {
        boolean knn = method != Method.EXACT, sne = options.objective() == Objective.SNE, fft = method == Method.FFT;
        if (!KernelWarmup.pending(kernels, n, knn, sne, options.dimensions(), fft)) {
            return 0;
        }
        long t0 = System.nanoTime();
        phase(listener, IterationListener.PHASE_WARMUP);
        if (knn) {
            NearestNeighbors.warmUp(kernels, n, dim, options.neighboursFor(n));
            KernelWarmup.prepareOptimize(kernels, n, options.dimensions(), fft);
        } else {
            KernelWarmup.prepare(kernels, n, sne);
        }
        return System.nanoTime() - t0;
    }

    private static void phase(IterationListener listener, String phase) {
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
    private static PcaResult pca(Points x, TsneOptions options, RowBlocks pool) {
        int k = options.pcaComponents();
        if (k == 0 || k >= x.dim()) {
            return null; // nothing to reduce: asking for as many components as columns keeps the input
        }
        return RandomizedPca.fit(x, k, options.seed(), pool);
    }

    private static Repulsion repulsion(Method method, int n, TsneOptions options, Kernels kernels, RowBlocks pool) {
        return switch (method) {
            case BARNES_HUT -> new BarnesHutRepulsion(options.theta(), pool);
            case FFT -> new SmallMapFallback(FftRepulsion.forPoints(pool, n), new ExactRepulsion(kernels, pool));
            default -> throw new IllegalStateException("no repulsion for " + method);
        };
    }

    /**
     * Refuses data the options cannot work with, with a message that says what to change: fewer
     * than 2 points, a perplexity too large for n (n - 1 must be at least 3 x perplexity, as in
     * bhtsne), more points than the exact method supports, or more memory than the heap allows.
     * {@link #fit} calls it first; callers may call it earlier to fail before other work.
     *
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public static void validate(Points x, TsneOptions options) {
        validate(x, options, Runtime.getRuntime().maxMemory());
    }

    /** {@link #validate(Points, TsneOptions)} against a given heap limit (tests use a small one). */
    static void validate(Points x, TsneOptions options, long maxHeapBytes) {
        int n = x.size();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 points to embed, got " + n);
        }
        double maxPerplexity = TsneOptions.maxPerplexityFor(n);
        if (options.perplexity() > maxPerplexity) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "perplexity %s is too large for %d points: it needs at least %d points (3 x perplexity + 1); use a perplexity of at most %.2f",
                    fmt(options.perplexity()), n, (int) Math.ceil(3 * options.perplexity()) + 1,
                    Math.floor(maxPerplexity * 100) / 100)); // rounded down, so the value offered is accepted
        }
        int pca = options.pcaComponents();
        if (pca > 0 && pca < x.dim() && pca > n) {
            throw new IllegalArgumentException("PCA to " + pca + " components needs at least " + pca + " points, got " + n
                    + "; use at most " + n + " components or no PCA");
        }
        Method method = options.methodFor(n);
        long max = maxHeapBytes;
        if (method == Method.EXACT) {
            if (n > ExactAffinities.MAX_POINTS) {
                throw new IllegalArgumentException("the exact method supports at most " + ExactAffinities.MAX_POINTS
                        + " points (it holds an n x n matrix); got " + n + "; " + alternatives(x, options, max));
            }
            // peak: the dense n x n float matrix of calibration (4 bytes per pair) while its CSR copy
            // is filled (8 bytes per stored entry, every pair when P is dense, as on most real data)
            long need = 12L * n * n + 64L * n;
            if (need > max * 0.8) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the exact method needs about %.1f GiB for %d points but the heap allows %.1f GiB; %s",
                        need / 1073741824.0, n, max / 1073741824.0, alternatives(x, options, max)));
            }
        } else {
            long need = sparseBytes(n, x.dim(), options.neighboursFor(n));
            if (need > max * 0.8) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the %s method needs about %.1f GiB for %d points with %d neighbours each but the heap allows %.1f GiB; "
                                + "raise -Xmx in jvm.config, lower the perplexity, or embed fewer points",
                        method.label(), need / 1073741824.0, n, options.neighboursFor(n), max / 1073741824.0));
            }
        }
    }

    /**
     * What to do instead of the exact method: the kNN methods that fit in the heap, by name, or,
     * when none does (or the objective is SNE, which has only the exact method), the other fixes.
     */
    private static String alternatives(Points x, TsneOptions options, long max) {
        int n = x.size();
        if (options.objective() != Objective.TSNE) {
            return "SNE has only the exact method: raise -Xmx in jvm.config or embed fewer points";
        }
        long need = sparseBytes(n, x.dim(), options.neighboursFor(n));
        String methods = options.dimensions() == 2 ? "bh or fft" : "bh";
        if (need <= max * 0.8) {
            return String.format(java.util.Locale.ROOT, "use method %s (t-SNE; about %.1f GiB for %d points, which the heap of %.1f GiB holds)",
                    methods, need / 1073741824.0, n, max / 1073741824.0);
        }
        return String.format(java.util.Locale.ROOT,
                "no method fits in the heap of %.1f GiB: %s would need about %.1f GiB; raise -Xmx in jvm.config, lower the perplexity, "
                        + "or embed fewer points", max / 1073741824.0, methods, need / 1073741824.0);
    }

    /**
     * Peak bytes of a kNN-based run, from the arrays it holds at once while building P: the kNN
     * graph (8 bytes per neighbour), each row's sorted conditional P and its transpose (8 + 8),
     * the symmetric CSR (up to 2k entries of 8 bytes, about 1.3k on real data) and per-row array
     * headers; plus the input and the optimizer's SoA state.
     */
    static long sparseBytes(int n, int dim, int k) {
        return (long) n * (8L * k + 16L * k + 8L * 2 * k + 6 * 24 + 4L * dim + 64);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
