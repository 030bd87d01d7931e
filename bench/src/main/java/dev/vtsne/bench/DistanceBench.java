package dev.vtsne.bench;

import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * DistanceKernels.squaredDistances over a row-major 64-dim dataset: one op = one row i against all N
 * rows (N pairs, 64 dims each). The row advances each op so the whole dataset is streamed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DistanceBench {

    static final int DIM = 64;

    @Param({"1000", "4000", "16000"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private DistanceKernels kernels;
    private float[] points;
    private float[] out;
    private int row;

    @Setup(Level.Trial)
    public void setup() {
        kernels = BenchSupport.kernels(impl).distances();
        points = BenchSupport.clustered(n, DIM, 10, 8.0, 11);
        out = new float[n];
        float[] ref = new float[n];
        double maxRel = 0;
        for (int i : new int[] {0, n / 2, n - 1}) {
            KernelSet.preferred().distances().squaredDistances(points, DIM, i, 0, n, out);
            KernelSet.scalar().distances().squaredDistances(points, DIM, i, 0, n, ref);
            for (int j = 0; j < n; j++) {
                maxRel = Math.max(maxRel, Math.abs(out[j] - ref[j]) / Math.max(1e-3, ref[j]));
            }
        }
        BenchSupport.check("squaredDistances", maxRel, 1e-4);
    }

    @Benchmark
    public float[] squaredDistances() {
        int i = row;
        row = i + 1 == n ? 0 : i + 1;
        kernels.squaredDistances(points, DIM, i, 0, n, out);
        return out;
    }
}
