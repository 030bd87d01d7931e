package dev.vtsne.gradient;

import dev.vtsne.affinity.LocalityOrder;
import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.Repulsion;
import dev.vtsne.simd.GradientKernels;

/**
 * t-SNE for large n: attraction 4α Σ_j p_ij w_ij (y_i - y_j) over the kNN affinities (vector
 * kernels, parallel over rows), repulsion and Z from a {@link Repulsion} (Barnes-Hut or FFT
 * interpolation). The KL it reports is exact in its P (the kNN affinities the method optimizes)
 * and uses the method's Z: KL = Σ p log p + Σ p log(1 + d²) + log Z, the value openTSNE and
 * FIt-SNE report. Keeps the time spent in each half, for the run's time split.
 */
public final class SparseTsneGradient implements GradientFunction {

    /** Rows per parallel block: ~100 entries per row, so a block is ~25k pair evaluations. */
    private static final int BLOCK = 256;

    /**
     * Largest n renumbered by {@link LocalityOrder}. At 70k points the order cut the attraction
     * by ~15 % (one JVM, alternating: 7.4-8.7 vs 8.8-11.6 ms a pass on the final map; whole runs
     * 7.3-7.6 vs 8.5-9.2 s); at 1M an earlier renumbering (by random-projection tree leaves) cost
     * 10 s to build and did not speed the attraction up, which there streams 1 GB of affinities
     * from memory every iteration, so large maps keep the input order.
     */
    static final int LOCALITY_MAX_POINTS = 250_000;

    private final SparseAffinities p;
    /**
     * Position k of the rows of {@link #p} holds point {@code order[k]} ({@link LocalityOrder}),
     * or null when p is in input order (above {@link #LOCALITY_MAX_POINTS}, or affinities in
     * several blocks). The attraction and the KL's log-kernel sums run in this order on a
     * gathered copy of y; the repulsion, which sorts points its own way, and everything outside
     * see input order.
     */
    private final int[] order;
    private float[][] yLocal = new float[0][];
    private double[] attractionLocal = new double[0];
    private final Repulsion repulsion;
    private final GradientKernels kernels;
    private final RowBlocks pool;
    private final int n;
    private double[] attraction = new double[0];
    private double[] repulsive = new double[0];
    private double[] logTerms = new double[0];
    private long attractionNanos;
    private long repulsionNanos;

    /**
     * The t-SNE gradient with attraction over the kNN affinities {@code p} and the approximate {@code repulsion}, on {@code kernels}, rows split over {@code pool}.
     */
    public SparseTsneGradient(SparseAffinities p, Repulsion repulsion, GradientKernels kernels, RowBlocks pool) {
        this.order = p.blockCount() == 1 && p.size() <= LOCALITY_MAX_POINTS ? LocalityOrder.breadthFirst(p.block(0)) : null;
        this.p = order == null ? p : p.permuted(order, pool);
        this.repulsion = repulsion;
        this.kernels = kernels;
        this.pool = pool;
        this.n = p.size();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String describe() {
        return repulsion.describe();
    }

    @Override
    public void gradient(float[][] y, double exaggeration, float[][] grad) {
        step(y, exaggeration, grad, false);
    }

    /**
     * The gradient, and the KL at the same y from the same repulsion pass: the attraction and the
     * log-kernel sums over P, then one Z for both.
     */
    @Override
    public double gradientAndKl(float[][] y, double exaggeration, float[][] grad) {
        return step(y, exaggeration, grad, true);
    }

    @Override
    public double klDivergence(float[][] y) {
        if (repulsive.length != n * y.length) {
            repulsive = new double[n * y.length];
        }
        logKernelSums(local(y));
        return kl(repulsion.compute(y, repulsive));
    }

    /** y in the order of the stored affinities: y itself, or its gathered copy. */
    private float[][] local(float[][] y) {
        if (order == null) {
            return y;
        }
        int dims = y.length;
        if (yLocal.length != dims || yLocal[0].length != n) {
            yLocal = new float[dims][n];
        }
        float[][] yl = yLocal;
        // in parallel whatever n: random reads, latency- not arithmetic-bound, so the pass's
        // small pair-evaluation count understates it (run serially: 0.11 s of a 70k run)
        pool.forEach(n, 4096, Long.MAX_VALUE, (from, to) -> {
            for (int d = 0; d < dims; d++) {
                float[] src = y[d], dst = yl[d];
                for (int k = from; k < to; k++) {
                    dst[k] = src[order[k]];
                }
            }
        });
        return yl;
    }

    /** The gradient into {@code grad}; with {@code withKl} also the KL at y (else NaN), from the same Z. */
    private double step(float[][] y, double exaggeration, float[][] grad, boolean withKl) {
        int dims = y.length;
        if (attraction.length != n * dims) {
            attraction = new double[n * dims];
            repulsive = new double[n * dims];
        }
        double[] att = attraction;
        long t0 = System.nanoTime();
        float[][] yl = local(y);
        if (order == null) {
            overRows((m, from, to) -> kernels.tsneAttractionRows(yl, m.rowStart(), m.cols(), m.values(), from, to, att));
        } else {
            if (attractionLocal.length != n * dims) {
                attractionLocal = new double[n * dims];
            }
            double[] al = attractionLocal;
            overRows((m, from, to) -> kernels.tsneAttractionRows(yl, m.rowStart(), m.cols(), m.values(), from, to, al));
            // in parallel whatever n, like local() (run serially: 0.21 s of a 70k run)
            pool.forEach(n, 4096, Long.MAX_VALUE, (from, to) -> {
                // element by element: System.arraycopy's fixed cost on 2 elements made this
                // scatter ~0.8 ms an iteration at 70k (measured), the loop a fraction of that
                for (int k = from; k < to; k++) {
                    int src = k * dims, dst = order[k] * dims;
                    for (int a = 0; a < dims; a++) {
                        att[dst + a] = al[src + a];
                    }
                }
            });
        }
        if (withKl) {
            logKernelSums(yl);
        }
        long t1 = System.nanoTime();
        double z = repulsion.compute(y, repulsive);
        long t2 = System.nanoTime();
        attractionNanos += t1 - t0;
        repulsionNanos += t2 - t1;
        TsneForces.combine(att, repulsive, dims, z, exaggeration, grad, pool);
        return withKl ? kl(z) : Double.NaN;
    }

    /** Per row, Σ_j p_ij log(1 + d_ij²) into {@code logTerms}. */
    private void logKernelSums(float[][] y) {
        if (logTerms.length != n) {
            logTerms = new double[n];
        }
        double[] lt = logTerms;
        overRows((m, from, to) -> kernels.tsneLogKernelRows(y, m.rowStart(), m.cols(), m.values(), from, to, lt));
    }

    /** KL = Σ p log p + Σ p log(1 + d²) + log Z, from {@link #logKernelSums} and the method's Z. */
    private double kl(double z) {
        double plogw = 0;
        for (double t : logTerms) {
            plogw += t;
        }
        return p.pLogP() + plogw + Math.log(z);
    }

    /** Time in the attraction kernels so far. */
    @Override
    public long attractionNanos() {
        return attractionNanos;
    }

    /** Time in the repulsion method so far (gradient calls only, not KL evaluations). */
    @Override
    public long repulsionNanos() {
        return repulsionNanos;
    }

    private interface BlockTask {
        void run(CsrMatrix block, int from, int to);
    }

    /** Runs a row kernel over every row, block by block, rows in parallel. */
    private void overRows(BlockTask task) {
        for (int b = 0; b < p.blockCount(); b++) {
            CsrMatrix m = p.block(b);
            int lo = p.blockStart(b), hi = p.blockEnd(b);
            // a stored entry costs about 4 pair evaluations of the dense kernels (gathers)
            pool.forEach(hi - lo, BLOCK, 4L * m.nonZeros(), (from, to) -> task.run(m, lo + from, lo + to));
        }
    }
}
