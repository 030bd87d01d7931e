package dev.vtsne.gradient;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;

/**
 * Exact t-SNE: ∂C/∂y_i = 4 Σ_j (α p_ij - q_ij) w_ij (y_i - y_j), w_ij = (1 + |y_i - y_j|²)⁻¹,
 * q_ij = w_ij / Z, split as attraction 4α Σ_j p_ij w_ij (y_i - y_j) over the stored affinities and
 * repulsion (4/Z) Σ_j w_ij² (y_i - y_j) over every pair. Z is the sum of the rows' Σ_j w_ij,
 * added serially in row order, so the result has the same bits on any thread count.
 */
public final class ExactTsneGradient implements GradientFunction {

    private static final int BLOCK = 16;

    private final ExactAffinities p;
    private final GradientKernels kernels;
    private final RowBlocks pool;
    private final int n;
    private double[] repulsion = new double[0];
    private double[] attraction = new double[0];
    private double[] logTerms = new double[0];

    /** The exact t-SNE gradient over the affinities {@code p}, on {@code kernels}, rows split over {@code pool}. */
    public ExactTsneGradient(ExactAffinities p, GradientKernels kernels, RowBlocks pool) {
        this.p = p;
        this.kernels = kernels;
        this.pool = pool;
        this.n = p.size();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void gradient(float[][] y, double exaggeration, float[][] grad) {
        int dims = y.length;
        if (attraction.length != n * dims) {
            attraction = new double[n * dims];
        }
        double[] att = attraction;
        CsrMatrix m = p.matrix();
        // one parallel pass for both terms: a pass's round trip between threads costs as much as the whole
        // gradient at n = 1000
        double z = repulsion(y, (from, to) -> kernels.tsneAttractionRows(y, m.rowStart(), m.cols(), m.values(), from, to, att));
        TsneForces.combine(att, repulsion, dims + 1, z, exaggeration, grad, pool);
    }

    @Override
    public double klDivergence(float[][] y) {
        if (logTerms.length != n) {
            logTerms = new double[n];
        }
        double[] lt = logTerms;
        CsrMatrix m = p.matrix();
        double z = repulsion(y, (from, to) -> kernels.tsneLogKernelRows(y, m.rowStart(), m.cols(), m.values(), from, to, lt));
        double plogw = 0;
        for (double t : lt) {
            plogw += t;
        }
        // KL = Σ p log p - Σ p log q, with log q_ij = -log(1 + d²) - log Z and Σ p = 1.
        return p.pLogP() + plogw + Math.log(z);
    }

    /** Fills the repulsion rows (running {@code alsoPerBlock} on the same blocks) and returns Z. */
    private double repulsion(float[][] y, RowBlocks.RangeTask alsoPerBlock) {
        int stride = y.length + 1;
        if (repulsion.length != n * stride) {
            repulsion = new double[n * stride];
        }
        double[] rep = repulsion;
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> {
            kernels.tsneRepulsionRows(y, n, from, to, rep);
            if (alsoPerBlock != null) {
                alsoPerBlock.run(from, to);
            }
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += rep[i * stride + stride - 1];
        }
        return z;
    }
}
