package dev.vtsne.init;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import java.util.SplittableRandom;

/**
 * The leading principal components of wide data (d > n) from its n × n Gram matrix
 * G = X̄X̄ᵀ (X̄ the centred data, double) instead of the d × d covariance X̄ᵀX̄: both have the same
 * nonzero eigenvalues λ, and for a unit eigenvector u of G the projections of the points on the
 * matching principal component are √λ u. So the cost is n² d to build G and n² per power step,
 * not n d² and d², and 60 points × 5,000 columns take milliseconds, not minutes.
 *
 * <p>Signs follow the covariance path's rule: the component's loadings X̄ᵀu (d values) are
 * computed and the sign makes the largest-magnitude one positive, so both paths give the same
 * projections on data either can take.
 */
final class GramPca {

    /** Points per task of the Gram build: their centred rows are held together, per column tile. */
    private static final int ROW_BLOCK = 8;
    /** Columns per tile: a block's rows and one more row of a tile fit in the L2 cache. */
    private static final int TILE = 2048;
    /** Passes the Gram matrix is built in, each reported as a progress step. */
    private static final int PASSES = 8;

    private GramPca() {}

    /** As {@link CovariancePca#projections}, through the Gram matrix. */
    static double[][] projections(Points x, double[] mean, int dims, SplittableRandom random, RowBlocks pool, InitProgress progress) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[][] gram = gram(v, n, d, mean, pool, progress);
        double[][] vectors = PowerIteration.leading(gram, dims, random, pool, progress);
        double[][] y = new double[dims][];
        for (int c = 0; c < dims; c++) {
            double[] u = vectors[c];
            if (u == null) {
                continue;
            }
            double[] loadings = loadings(v, n, d, mean, u, pool);
            double norm = 0; // |X̄ᵀu| = √(uᵀGu) = √λ, and never the square root of a rounded negative
            for (double w : loadings) {
                norm += w * w;
            }
            double scale = Math.copySign(Math.sqrt(norm), loadings[CovariancePca.largestMagnitude(loadings)]);
            double[] yc = y[c] = new double[n];
            for (int i = 0; i < n; i++) {
                yc[i] = scale * u[i];
            }
        }
        return y;
    }

    /**
     * X̄X̄ᵀ, each entry summed over column tiles in order (within a tile in column order), so the
     * result does not depend on threads. A task computes the entries (i, j ≥ i) of its rows.
     */
    static double[][] gram(float[] v, int n, int d, double[] mean, RowBlocks pool, InitProgress progress) {
        double[][] g = new double[n][n];
        int passRows = Math.max(ROW_BLOCK, (n + PASSES - 1) / PASSES);
        int passes = (n + passRows - 1) / passRows;
        for (int p = 0; p < passes; p++) {
            int first = p * passRows, rows = Math.min(n, first + passRows) - first;
            pool.forEach(rows, ROW_BLOCK, (long) rows * (n - first) * d, (from, to) -> {
                int i0 = first + from, count = to - from;
                double[] block = new double[count * TILE];
                double[] other = new double[TILE];
                for (int k0 = 0; k0 < d; k0 += TILE) {
                    int len = Math.min(TILE, d - k0);
                    for (int r = 0; r < count; r++) {
                        centre(v, (i0 + r) * d + k0, mean, k0, len, block, r * TILE);
                    }
                    for (int j = i0; j < n; j++) {
                        centre(v, j * d + k0, mean, k0, len, other, 0);
                        for (int r = 0; r < count && i0 + r <= j; r++) {
                            double s = 0;
                            int o = r * TILE;
                            for (int t = 0; t < len; t++) {
                                s += block[o + t] * other[t];
                            }
                            g[i0 + r][j] += s;
                        }
                    }
                }
            });
            progress.step("gram", p + 1, passes);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i];
            }
        }
        return g;
    }

    private static void centre(float[] v, int at, double[] mean, int k0, int len, double[] out, int to) {
        for (int t = 0; t < len; t++) {
            out[to + t] = v[at + t] - mean[k0 + t];
        }
    }

    /** X̄ᵀu, each column summed over the points in point order. */
    private static double[] loadings(float[] v, int n, int d, double[] mean, double[] u, RowBlocks pool) {
        double[] w = new double[d];
        pool.forEach(d, TILE, (long) n * d, (from, to) -> {
            for (int i = 0; i < n; i++) {
                double ui = u[i];
                int row = i * d;
                for (int k = from; k < to; k++) {
                    w[k] += (v[row + k] - mean[k]) * ui;
                }
            }
        });
        return w;
    }
}
