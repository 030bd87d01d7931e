package dev.vtsne.bench;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;
import dev.vtsne.simd.KernelSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the t-SNE and SNE gradient benchmarks share (JMH runs the subclasses): one op = one whole
 * gradient on a 2-D SoA embedding. P is built once per fork from clustered Gaussian data
 * (16 dims, perplexity 30) with the vector kernels on 2 threads whatever is measured (set-up
 * only), and the vector fork first checks its gradient against the scalar twins'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
public abstract class ExactGradientBench {

    @Param({"1000", "4000", "16000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"vector", "scalar"})
    public String impl;

    private RowBlocks pool;
    private GradientFunction gradient;
    private float[][] y;
    private float[][] grad;

    /** The affinities this objective uses. */
    abstract ExactAffinities affinities(dev.vtsne.Points x, KernelSet kernels, RowBlocks pool);

    /** The gradient under test. */
    abstract GradientFunction gradient(ExactAffinities p, GradientKernels kernels, RowBlocks pool);

    /** Spread of the embedding's clusters (the scale each objective's maps have). */
    abstract double spread();

    @Setup(Level.Trial)
    public void setup() {
        GradientKernels kernels = BenchSupport.kernels(impl).gradient();
        long t0 = System.nanoTime();
        ExactAffinities p;
        try (RowBlocks build = new RowBlocks(2)) {
            p = affinities(BenchSupport.clusteredPoints(n, 16, 5), KernelSet.preferred(), build);
        }
        System.err.printf("[vtsne-bench] P for n=%d built in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        y = BenchSupport.embedding2d(n, spread(), 7);
        grad = new float[2][n];
        pool = new RowBlocks(threads);
        gradient = gradient(p, kernels, pool);
        if (impl.equals("vector")) {
            float[][] ref = new float[2][n];
            gradient(p, KernelSet.scalar().gradient(), pool).gradient(y, 1.0, ref);
            gradient.gradient(y, 1.0, grad);
            BenchSupport.check(gradient.getClass().getSimpleName() + " n=" + n, BenchSupport.relDiff(grad, ref), 1e-3);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public void gradient(Blackhole bh) {
        gradient.gradient(y, 1.0, grad);
        bh.consume(grad);
    }
}
