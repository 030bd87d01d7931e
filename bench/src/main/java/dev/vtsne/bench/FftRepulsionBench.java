package dev.vtsne.bench;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.FftRepulsion;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * One op = one {@link FftRepulsion#compute} (F and Z, the per-iteration repulsion cost) at the
 * defaults on a 2-D map shaped like a late t-SNE map at large N: a seeded mixture of 10 Gaussian
 * clusters (centres uniform in a 80-unit square, σ = 6) spanning about 100 units, so the grid has
 * about 100 intervals per axis (2m = 600 with 3 nodes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class FftRepulsionBench {

    @Param({"10000", "100000", "1000000"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private RowBlocks pool;
    private FftRepulsion repulsion;
    private float[][] y;
    private double[] out;

    @Setup(Level.Trial)
    public void setup() {
        y = lateMap(n, 7);
        out = new double[2 * n];
        pool = new RowBlocks(threads);
        repulsion = FftRepulsion.forPoints(pool, KernelSet.preferred().fft(), n); // what a run of n points uses
        double z = repulsion.compute(y, out);
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalStateException("FFT repulsion gave Z = " + z);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public double compute() {
        return repulsion.compute(y, out);
    }

    /** 10 clusters, centres uniform in [-40, 40]², points centre + N(0, 6²) per axis. */
    static float[][] lateMap(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[10][2];
        for (double[] cc : c) {
            cc[0] = r.nextDouble(-40, 40);
            cc[1] = r.nextDouble(-40, 40);
        }
        float[][] y = new float[2][n];
        for (int i = 0; i < n; i++) {
            double[] cc = c[r.nextInt(10)];
            y[0][i] = (float) (cc[0] + 6 * r.nextGaussian());
            y[1][i] = (float) (cc[1] + 6 * r.nextGaussian());
        }
        return y;
    }
}
