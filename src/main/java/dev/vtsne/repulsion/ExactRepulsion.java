package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.GradientKernels;

/**
 * The exact O(n²) repulsion over every pair, on the vector kernels: the reference the
 * approximations are tested against, and the method for small n.
 */
public final class ExactRepulsion implements Repulsion {

    private static final int BLOCK = 16;

    private final GradientKernels kernels;
    private final RowBlocks pool;
    private double[] rows = new double[0];

    /** All-pairs repulsion on {@code kernels}, rows split over {@code pool}. */
    public ExactRepulsion(GradientKernels kernels, RowBlocks pool) {
        this.kernels = kernels;
        this.pool = pool;
    }

    @Override
    public double compute(float[][] y, double[] out) {
        int dims = y.length, n = y[0].length, stride = dims + 1;
        if (rows.length != n * stride) {
            rows = new double[n * stride];
        }
        double[] r = rows;
        pool.forEach(n, BLOCK, (long) n * n, (from, to) -> kernels.tsneRepulsionRows(y, n, from, to, r));
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = r[i * stride + a];
            }
            z += r[i * stride + dims];
        }
        return z;
    }

    @Override
    public String describe() {
        return "exact";
    }
}
