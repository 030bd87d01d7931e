package dev.vtsne.bench;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.BarnesHutRepulsion;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One BarnesHutRepulsion.compute (tree build + every point's walk, θ = 0.5) on a 2-D map shaped
 * like a late t-SNE embedding: 10 Gaussian clusters (sd 3 to 7.5) with centres uniform in a
 * 100-unit box. Average time per call, so the growth with n (ideally n log n) reads off directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class BarnesHutBench {

    @Param({"10000", "100000", "1000000"})
    public int n;

    @Param({"2"})
    public int threads;

    @Param({"0.5"})
    public double theta;

    private RowBlocks pool;
    private BarnesHutRepulsion repulsion;
    private float[][] y;
    private double[] out;

    @Setup(Level.Trial)
    public void setup() {
        y = lateMap(n, 7);
        out = new double[2 * n];
        pool = new RowBlocks(threads);
        repulsion = new BarnesHutRepulsion(theta, pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public void compute(Blackhole bh) {
        bh.consume(repulsion.compute(y, out));
        bh.consume(out);
    }

    /** 10 clusters, centres uniform in [-50, 50]², cluster k with sd 3 + k/2. Seeded. */
    static float[][] lateMap(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[10][2];
        for (double[] c : centres) {
            c[0] = 100 * r.nextDouble() - 50;
            c[1] = 100 * r.nextDouble() - 50;
        }
        float[][] y = new float[2][n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            double sd = 3 + 0.5 * k;
            y[0][i] = (float) (centres[k][0] + sd * r.nextGaussian());
            y[1][i] = (float) (centres[k][1] + sd * r.nextGaussian());
        }
        return y;
    }
}
