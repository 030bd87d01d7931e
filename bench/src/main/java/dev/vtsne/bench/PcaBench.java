package dev.vtsne.bench;

import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.MatrixKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The randomized-PCA product X̄Ω (MatrixKernels.centeredTimes), n × d data against a d × width
 * Gaussian block, one thread: one op = the whole product (n · d · width multiply-adds; 10,000 ×
 * 784 × 64 = 502M). Also X̄ᵀQ, the reduction over rows. Vector against the scalar twin.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PcaBench {

    @Param({"10000"})
    public int n;

    @Param({"784"})
    public int d;

    /** l = 50 + 10 oversampling = 60, padded to the kernels' multiple of 16. */
    @Param({"64"})
    public int width;

    @Param({"vector", "scalar"})
    public String impl;

    private MatrixKernels kernels;
    private float[] x, mean, omega, q, y;
    private double[] bt;

    @Setup(Level.Trial)
    public void setup() {
        kernels = BenchSupport.kernels(impl).matrix(); // refuses a fork where the vector kernels fell back
        x = BenchSupport.clustered(n, d, 10, 8.0, 5);
        mean = new float[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[i * d + k] / n;
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        omega = new float[d * width];
        for (int t = 0; t < omega.length; t++) {
            omega[t] = (float) r.nextGaussian();
        }
        q = new float[n * width];
        for (int t = 0; t < q.length; t++) {
            q[t] = (float) (r.nextGaussian() / Math.sqrt(n));
        }
        y = new float[n * width];
        bt = new double[d * width];
        // cheap check that the vector product is the twin's, on a few rows
        float[] ref = new float[n * width];
        KernelSet.preferred().matrix().centeredTimes(x, d, mean, omega, width, 0, 8, y);
        KernelSet.scalar().matrix().centeredTimes(x, d, mean, omega, width, 0, 8, ref);
        double maxRel = 0;
        for (int t = 0; t < 8 * width; t++) {
            maxRel = Math.max(maxRel, Math.abs(y[t] - ref[t]) / Math.max(1, Math.abs(ref[t])));
        }
        BenchSupport.check("centeredTimes", maxRel, 1e-3);
    }

    @Benchmark
    public float[] timesOmega() {
        kernels.centeredTimes(x, d, mean, omega, width, 0, n, y);
        return y;
    }

    @Benchmark
    public double[] transposeTimesQ() {
        java.util.Arrays.fill(bt, 0);
        kernels.centeredTransposeTimes(x, d, mean, q, width, 0, n, bt);
        return bt;
    }
}
