package dev.vtsne.bench;

import dev.vtsne.Points;
import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The exact t-SNE affinities: one op = {@code ExactAffinities.tsne} of n clustered 16-dim points
 * at perplexity 30, i.e. every row's squared distances, its perplexity calibration (a bisection
 * over the precision, each step one {@code gaussianSums} pass: an exp per pair) and the
 * symmetrization into CSR; vector kernels against their scalar twins, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CalibrationBench {

    @Param({"1000", "4000"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private KernelSet kernels;
    private RowBlocks pool;
    private Points x;

    @Setup(Level.Trial)
    public void setup() {
        kernels = BenchSupport.kernels(impl);
        x = BenchSupport.clusteredPoints(n, 16, 5);
        pool = new RowBlocks(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public ExactAffinities affinities() {
        return ExactAffinities.tsne(x, 30, kernels.distances(), kernels.calibration(), pool);
    }
}
