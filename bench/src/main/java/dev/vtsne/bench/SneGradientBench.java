package dev.vtsne.bench;

import dev.vtsne.affinity.DenseAffinities;
import dev.vtsne.gradient.ExactSneGradient;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ExactSneGradient.gradient on a 2-D SoA embedding: one op = one whole gradient, two O(N²) passes
 * (normalizers Z_i, then the rows), each over N² - N pairs with one exp per pair.
 * P comes from DenseAffinities.sne on clustered Gaussian data (16 dims, perplexity 30), built
 * once per fork with the vector kernels on 2 threads whatever is measured (set-up only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
public class SneGradientBench {

    @Param({"1000", "4000", "16000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"vector", "scalar"})
    public String impl;

    private RowBlocks pool;
    private ExactSneGradient gradient;
    private float[][] y;
    private float[][] grad;

    @Setup(Level.Trial)
    public void setup() {
        Kernels kernels = BenchSupport.kernels(impl);
        long t0 = System.nanoTime();
        DenseAffinities p;
        try (RowBlocks build = new RowBlocks(2)) {
            p = DenseAffinities.sne(BenchSupport.clusteredPoints(n, 16, 5), 30, KernelProvider.kernels(), build);
        }
        System.err.printf("[vtsne-bench] P for n=%d built in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        y = BenchSupport.embedding2d(n, 3.0, 7);
        grad = new float[2][n];
        pool = new RowBlocks(threads);
        gradient = new ExactSneGradient(p, kernels, pool);
        // Sanity: the vector and scalar row kernels (both passes) agree on a sample of rows.
        int rows = Math.min(n, 48);
        double[] z = new double[n], zs = new double[n];
        KernelProvider.kernels().sneNormalizerRows(y, n, 0, n, z);
        float[] invZ = new float[n];
        for (int i = 0; i < n; i++) {
            invZ[i] = (float) (1.0 / z[i]);
        }
        double[] a = new double[n * 2], b = new double[n * 2];
        for (int i0 : new int[] {0, n / 2 - rows / 2, n - rows}) {
            KernelProvider.scalar().sneNormalizerRows(y, n, i0, i0 + rows, zs);
            KernelProvider.kernels().sneRows(y, p.matrix(), invZ, n, i0, i0 + rows, a);
            KernelProvider.scalar().sneRows(y, p.matrix(), invZ, n, i0, i0 + rows, b);
        }
        double zRel = 0;
        for (int i = 0; i < n; i++) {
            if (zs[i] != 0) {
                zRel = Math.max(zRel, Math.abs(z[i] - zs[i]) / zs[i]);
            }
        }
        BenchSupport.check("sneNormalizerRows", zRel, 1e-3);
        BenchSupport.check("sneRows", BenchSupport.relDiff(a, b), 1e-3);
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
