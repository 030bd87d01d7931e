package dev.vtsne.bench;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ExactTsneGradient.gradient on a 2-D SoA embedding: one op = one whole gradient (N² - N pairs).
 * P comes from ExactAffinities.tsne on clustered Gaussian data (16 dims, perplexity 30), built
 * once per fork with the vector kernels on 2 threads whatever is measured (set-up only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
public class TsneGradientBench {

    @Param({"1000", "4000", "16000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"vector", "scalar"})
    public String impl;

    private RowBlocks pool;
    private ExactTsneGradient gradient;
    private float[][] y;
    private float[][] grad;

    @Setup(Level.Trial)
    public void setup() {
        Kernels kernels = BenchSupport.kernels(impl);
        long t0 = System.nanoTime();
        ExactAffinities p;
        try (RowBlocks build = new RowBlocks(2)) {
            p = ExactAffinities.tsne(BenchSupport.clusteredPoints(n, 16, 5), 30, KernelProvider.kernels(), build);
        }
        System.err.printf("[vtsne-bench] P for n=%d built in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        y = BenchSupport.embedding2d(n, 20.0, 7);
        grad = new float[2][n];
        pool = new RowBlocks(threads);
        gradient = new ExactTsneGradient(p, kernels, pool);
        // Sanity, through the public gradient API only (the row kernels' signatures are still
        // moving): the whole vector gradient against the scalar twins' at this N, exaggeration 1.
        if (impl.equals("vector")) {
            float[][] ref = new float[2][n];
            new ExactTsneGradient(p, KernelProvider.scalar(), pool).gradient(y, 1.0, ref);
            gradient.gradient(y, 1.0, grad);
            BenchSupport.check("ExactTsneGradient.gradient n=" + n, BenchSupport.relDiff(grad, ref), 1e-3);
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
