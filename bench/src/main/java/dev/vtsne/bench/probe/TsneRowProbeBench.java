package dev.vtsne.bench.probe;

import dev.vtsne.simd.KernelProvider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Probe: copies of the engine's former (commit ab78a77) vector tsneRow2 loop in three code shapes, all rows,
 * one thread (one op = one full O(N²) pass). Run with -prof gc to see per-op allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TsneRowProbeBench {

    @Param({"4000"})
    public int n;

    @Param({"A", "B", "C"})
    public String variant;

    float[][] y;
    float[] p;
    double[] out;

    @Setup
    public void setup() {
        if (KernelProvider.fallbackReason() != null) {
            throw new IllegalStateException(KernelProvider.fallbackReason());
        }
        SplittableRandom r = new SplittableRandom(3);
        y = new float[2][n];
        for (int i = 0; i < n; i++) {
            y[0][i] = (float) (20 * r.nextGaussian());
            y[1][i] = (float) (20 * r.nextGaussian());
        }
        p = new float[n * n];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (r.nextDouble() / ((double) n * n));
        }
        out = new double[n * 5];
        double[] ref = new double[n * 5];
        TsneRowVariants.rows('A', y, p, n, 0, n, ref);
        for (char v : new char[] {'A', 'B', 'C'}) {
            TsneRowVariants.rows(v, y, p, n, 0, n, out);
            double d = 0, m = 0;
            for (int k = 0; k < ref.length; k++) {
                d = Math.max(d, Math.abs(out[k] - ref[k]));
                m = Math.max(m, Math.abs(ref[k]));
            }
            if (d > 1e-3 * m) {
                throw new IllegalStateException("variant " + v + " differs: " + d / m);
            }
        }
    }

    @Benchmark
    public double[] tsneRows() {
        TsneRowVariants.rows(variant.charAt(0), y, p, n, 0, n, out);
        return out;
    }
}
