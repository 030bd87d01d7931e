package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;

/**
 * Step 5 of {@link FftRepulsion}: each point interpolates the node potentials φ1, φ_{1+d} back
 * with the weights it spread with, and forms its field F_i,d = c_i,d φ1 − φ_{1+d} and its share
 * of Z, (1 + 2|c_i|²) φ1 − 2 Σ_d c_i,d φ_{1+d} (c_i = y_i − centre; self term included). Points
 * run in sorted order, in fixed blocks of {@link FftRepulsion#POINT_BLOCK}: neighbouring points
 * read neighbouring nodes, and Z is summed per block, then over blocks in order, so the result
 * has the same bits on any thread count.
 */
final class PotentialInterpolation {

    private final RowBlocks pool;
    private final int nodes;
    private final LagrangeWeights lagrange;
    /** Z's partial sum per block of points. */
    private double[] blockZ = new double[0];

    PotentialInterpolation(RowBlocks pool, int nodes, LagrangeWeights lagrange) {
        this.pool = pool;
        this.nodes = nodes;
        this.lagrange = lagrange;
    }

    /**
     * {@link #interpolate}'s 2-D loop for the default 3 nodes: the same products and the same
     * order of additions (nodes row by row), so the same bits, with constant trip counts, which
     * the general loop's node count is not to the compiler. Returns the block's Σ Z_i.
     */
    private double interpolate3(InterpolationGrid g, int from, int to, float[] s0, float[] s1, int[] box, int[] ord, double[] phi, double[] out) {
        int iv = g.intervals(), m = iv * 3;
        double[] wx = new double[3], wy = new double[3];
        double z = 0;
        for (int s = from; s < to; s++) {
            int b = box[s], bx = b % iv, by = b / iv;
            double x0 = s0[s], x1 = s1[s];
            lagrange.at(g.local(x0, bx), wx, 0);
            lagrange.at(g.local(x1, by), wy, 0);
            double f1 = 0, f2 = 0, f3 = 0;
            // constant trip counts: the compiler unrolls both loops
            for (int ky = 0; ky < 3; ky++) {
                int row = ((by * 3 + ky) * m + bx * 3) * 3;
                for (int kx = 0; kx < 3; kx++) {
                    double w = wy[ky] * wx[kx];
                    int o = row + kx * 3;
                    f1 += w * phi[o];
                    f2 += w * phi[o + 1];
                    f3 += w * phi[o + 2];
                }
            }
            double cx = x0 - g.centre(), cy = x1 - g.centre();
            out[2 * ord[s]] = cx * f1 - f2;
            out[2 * ord[s] + 1] = cy * f1 - f3;
            z += (1 + 2 * (cx * cx + cy * cy)) * f1 - 2 * (cx * f2 + cy * f3);
        }
        return z;
    }

    /** Interpolates the potentials {@code phi} back to the n sorted points, writes F, returns Σ_i Z_i (self terms included). */
    double interpolate(InterpolationGrid g, IntervalSort sorted, int n, double[] phi, double[] out) {
        int block = FftRepulsion.POINT_BLOCK, blocks = (n + block - 1) / block;
        if (blockZ.length < blocks) {
            blockZ = new double[blocks];
        }
        double[] zb = blockZ;
        int[] box = sorted.sortedBox(), ord = sorted.order();
        int p = nodes, dims = g.dims(), iv = g.intervals(), m = iv * p, c = dims + 1;
        float[] s0 = sorted.sortedY()[0], s1 = sorted.sortedY()[dims - 1];
        long work = (long) n * (dims == 2 ? p * p : p) * c * 4;
        // Points in interval order: neighbouring points read neighbouring nodes (cache), the
        // coordinates stream, and only the field's rows are written at random.
        pool.forEach(n, block, work, (from, to) -> {
            if (dims == 2 && p == 3) {
                zb[from / block] = interpolate3(g, from, to, s0, s1, box, ord, phi, out);
                return;
            }
            double[] wx = new double[p], wy = new double[p];
            double z = 0;
            for (int s = from; s < to; s++) {
                int b = box[s];
                if (dims == 2) {
                    int bx = b % iv, by = b / iv;
                    double x0 = s0[s], x1 = s1[s];
                    lagrange.at(g.local(x0, bx), wx, 0);
                    lagrange.at(g.local(x1, by), wy, 0);
                    double f1 = 0, f2 = 0, f3 = 0;
                    for (int ky = 0; ky < p; ky++) {
                        int row = ((by * p + ky) * m + bx * p) * c;
                        for (int kx = 0; kx < p; kx++) {
                            double w = wy[ky] * wx[kx];
                            int o = row + kx * c;
                            f1 += w * phi[o];
                            f2 += w * phi[o + 1];
                            f3 += w * phi[o + 2];
                        }
                    }
                    double cx = x0 - g.centre(), cy = x1 - g.centre();
                    out[2 * ord[s]] = cx * f1 - f2;
                    out[2 * ord[s] + 1] = cy * f1 - f3;
                    z += (1 + 2 * (cx * cx + cy * cy)) * f1 - 2 * (cx * f2 + cy * f3);
                } else {
                    double x0 = s0[s];
                    lagrange.at(g.local(x0, b), wx, 0);
                    double f1 = 0, f2 = 0;
                    for (int k = 0; k < p; k++) {
                        int o = (b * p + k) * c;
                        f1 += wx[k] * phi[o];
                        f2 += wx[k] * phi[o + 1];
                    }
                    double cx = x0 - g.centre();
                    out[ord[s]] = cx * f1 - f2;
                    z += (1 + 2 * cx * cx) * f1 - 2 * cx * f2;
                }
            }
            zb[from / block] = z;
        });
        double z = 0;
        for (int b = 0; b < blocks; b++) {
            z += zb[b];
        }
        return z;
    }
}
