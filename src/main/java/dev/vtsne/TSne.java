package dev.vtsne;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.data.Points;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.GradientFunction;
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
        validate(x, options);
        Kernels kernels = KernelProvider.kernels();
        RowBlocks pool = new RowBlocks(options.threads());
        KernelWarmup.prepare(kernels, x.size(), options.objective() == Objective.SNE); // once per JVM
        long t0 = System.nanoTime();
        ExactAffinities p = options.objective() == Objective.TSNE
                ? ExactAffinities.tsne(x, options.perplexity(), kernels, pool)
                : ExactAffinities.sne(x, options.perplexity(), kernels, pool);
        long affinityNanos = System.nanoTime() - t0;
        GradientFunction f = options.objective() == Objective.TSNE
                ? new ExactTsneGradient(p, kernels, pool)
                : new ExactSneGradient(p, kernels, pool);
        float[][] y = options.initialization() == Initialization.PCA
                ? PcaInitialization.compute(x, options.dimensions(), options.seed())
                : RandomInitialization.compute(x.size(), options.dimensions(), options.seed());
        Embedding e = new Embedding(options, new GradientDescent(f, y), kernels.name(), affinityNanos);
        return e.optimize(options.iterations(), listener);
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
        if (n > ExactAffinities.MAX_POINTS) {
            throw new IllegalArgumentException("the exact method supports at most " + ExactAffinities.MAX_POINTS
                    + " points (it holds an n x n matrix); got " + n);
        }
        // peak: the dense n x n float matrix of calibration (4 bytes per pair) while its CSR copy
        // is filled (8 bytes per stored entry, every pair when P is dense, as on most real data)
        long need = 12L * n * n + 64L * n;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max * 0.8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the exact method needs about %.1f GiB for %d points but the heap allows %.1f GiB; raise -Xmx in jvm.config or embed fewer points",
                    need / 1073741824.0, n, max / 1073741824.0));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
