package dev.vtsne.bench;

import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The kNN distance kernels on a 50-d row-major dataset of N points (N = 10k, 100k, 1M: the
 * dataset outgrows the caches, as the rows NN-descent gathers do), vector against scalar twin.
 * <ul>
 *   <li>{@code toRows}: one op = DistanceKernels.squaredDistancesToRows from one row to 120 rows at
 *       random indices (a local join's new x (new + old) candidates at 60 each);</li>
 *   <li>{@code tile}: one op = DistanceKernels.squaredDistanceTile of 64 queries x 256 transposed
 *       references (one block pair of the exact search; the blocks move through the dataset).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class KnnBench {

    static final int DIM = 50, ROWS = 120, QUERIES = 64, REFS = 256;

    @Param({"10000", "100000", "1000000"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private DistanceKernels kernels;
    private float[] points;
    private int[] js;
    private float[] out;
    private float[] refT;
    private float[] tile;
    private int row, block;

    @Setup(Level.Trial)
    public void setup() {
        kernels = BenchSupport.kernels(impl).distances();
        points = BenchSupport.clustered(n, DIM, 10, 8.0, 11);
        SplittableRandom r = new SplittableRandom(5);
        js = new int[1 << 16];
        for (int c = 0; c < js.length; c++) {
            js[c] = r.nextInt(n);
        }
        out = new float[ROWS];
        refT = new float[DIM * REFS];
        tile = new float[QUERIES * REFS];
        // the kernels against each other once, so a broken kernel cannot post a figure
        float[] ref = new float[ROWS];
        KernelSet.preferred().distances().squaredDistancesToRows(points, DIM, 0, js, 0, ROWS, out);
        KernelSet.scalar().distances().squaredDistancesToRows(points, DIM, 0, js, 0, ROWS, ref);
        double maxRel = 0;
        for (int c = 0; c < ROWS; c++) {
            maxRel = Math.max(maxRel, Math.abs(out[c] - ref[c]) / Math.max(1e-3, ref[c]));
        }
        transpose(0);
        float[] t2 = new float[tile.length];
        KernelSet.preferred().distances().squaredDistanceTile(points, DIM, 0, QUERIES, refT, REFS, tile);
        KernelSet.scalar().distances().squaredDistanceTile(points, DIM, 0, QUERIES, refT, REFS, t2);
        for (int c = 0; c < tile.length; c++) {
            maxRel = Math.max(maxRel, Math.abs(tile[c] - t2[c]) / Math.max(1e-3, t2[c]));
        }
        BenchSupport.check("kNN distance kernels", maxRel, 1e-4);
    }

    private void transpose(int from) {
        for (int r = 0; r < REFS; r++) {
            for (int q = 0; q < DIM; q++) {
                refT[q * REFS + r] = points[(from + r) * DIM + q];
            }
        }
    }

    @Benchmark
    public float[] toRows() {
        int i = row;
        row = i + 1 == n ? 0 : i + 1;
        kernels.squaredDistancesToRows(points, DIM, i, js, (i * ROWS) & (js.length - 1 - ROWS), ROWS, out);
        return out;
    }

    @Benchmark
    public float[] tile() {
        // queries move through the dataset; the reference block is the one the search would hold
        int q = block;
        block = q + QUERIES + QUERIES > n ? 0 : q + QUERIES;
        kernels.squaredDistanceTile(points, DIM, q, q + QUERIES, refT, REFS, tile);
        return tile;
    }
}
