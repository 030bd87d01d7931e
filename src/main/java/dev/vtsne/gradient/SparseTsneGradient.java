package dev.vtsne.gradient;

import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.Repulsion;
import dev.vtsne.simd.Kernels;

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

    private final SparseAffinities p;
    private final Repulsion repulsion;
    private final Kernels kernels;
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
    public SparseTsneGradient(SparseAffinities p, Repulsion repulsion, Kernels kernels, RowBlocks pool) {
        this.p = p;
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
        logKernelSums(y);
        return kl(repulsion.compute(y, repulsive));
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
        overRows((m, from, to) -> kernels.tsneAttractionRows(y, m.rowStart(), m.cols(), m.values(), from, to, att));
        if (withKl) {
            logKernelSums(y);
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
