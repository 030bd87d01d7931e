package dev.vtsne.bench;

import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The attractive term of kNN t-SNE (Barnes-Hut and FFT runs): one op = Σ_j p_ij w_ij (y_i - y_j)
 * for every row of a kNN affinity matrix (k = 90, perplexity 30, about 120 stored entries per row
 * after symmetrization), vector kernels against their scalar twins, at n = 10k, 100k and 1M so the
 * cost per entry as the embedding outgrows the caches is visible. Neighbours are drawn within
 * clusters of consecutive-by-cluster ids spread over the whole index range, so the gathers hit
 * memory the way a real kNN graph does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class AttractionBench {

    private static final int K = 90;
    private static final int CLUSTERS = 10;

    @Param({"10000", "100000", "1000000"})
    public int n;

    @Param({"2"})
    public int threads;

    @Param({"vector", "scalar"})
    public String impl;

    private GradientKernels kernels;
    private RowBlocks pool;
    private SparseAffinities p;
    private float[][] y;
    private double[] out;

    @Setup(Level.Trial)
    public void setup() {
        kernels = BenchSupport.kernels(impl).gradient();
        try (RowBlocks build = new RowBlocks(2)) {
            p = SparseAffinities.tsne(graph(n, 3), 30, KernelSet.preferred().calibration(), build);
        }
        y = BenchSupport.embedding2d(n, 30, 7);
        out = new double[2 * n];
        pool = new RowBlocks(threads);
        System.err.printf("[vtsne-bench] n=%d, %d stored affinities (%.1f per row)%n", n, p.nonZeros(), p.nonZeros() / (double) n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public double attraction() {
        for (int b = 0; b < p.blockCount(); b++) {
            CsrMatrix m = p.block(b);
            int lo = p.blockStart(b), hi = p.blockEnd(b);
            pool.forEach(hi - lo, 256, m.nonZeros(),
                    (from, to) -> kernels.tsneAttractionRows(y, m.rowStart(), m.cols(), m.values(), lo + from, lo + to, out));
        }
        return out[0];
    }

    /** k random same-cluster neighbours per point (cluster = i mod 10), increasing distances. */
    static KnnGraph graph(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] idx = new int[n][K];
        float[][] dist = new float[n][K];
        int perCluster = n / CLUSTERS;
        for (int i = 0; i < n; i++) {
            int c = i % CLUSTERS;
            java.util.HashSet<Integer> seen = new java.util.HashSet<>();
            float d = 0;
            for (int t = 0; t < K; t++) {
                int j;
                do {
                    j = c + CLUSTERS * r.nextInt(perCluster);
                } while (j == i || j >= n || !seen.add(j));
                d += (float) r.nextDouble();
                idx[i][t] = j;
                dist[i][t] = d;
            }
        }
        return new KnnGraph(n, K, idx, dist);
    }
}
