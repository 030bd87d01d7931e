package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;
import java.util.Arrays;

/**
 * Step 3 of {@link FftRepulsion}: each point spreads its charges 1, y_1 − centre (and
 * y_2 − centre in 2-D) onto the p nodes (p × p in 2-D) of its own interval (box) with
 * {@link LagrangeWeights}, a tensor product in 2-D. Charges are node-major,
 * {@code q[node * channels + c]}, node = row · m + column in 2-D. Runs over blocks of boxes in
 * parallel: each box writes only its own nodes, adding its points in sorted order, so the result
 * has the same bits on any thread count.
 */
final class ChargeSpreading {

    private final RowBlocks pool;
    private final int nodes;
    private final LagrangeWeights lagrange;

    ChargeSpreading(RowBlocks pool, int nodes, LagrangeWeights lagrange) {
        this.pool = pool;
        this.nodes = nodes;
        this.lagrange = lagrange;
    }

    /** Overwrites {@code q} (m^dims nodes × (dims + 1) channels) with the charges of the n sorted points. */
    void spread(InterpolationGrid g, IntervalSort sorted, int n, double[] q) {
        if (g.dims() == 2) {
            spread2d(g, sorted, n, q);
        } else {
            spread1d(g, sorted, n, q);
        }
    }

    private void spread2d(InterpolationGrid g, IntervalSort sorted, int n, double[] q) {
        int p = nodes, m = g.intervals() * p, c = 3, boxes = g.boxes();
        int[] start = sorted.boxStart();
        float[] s0 = sorted.sortedY()[0], s1 = sorted.sortedY()[1];
        long work = (long) n * p * p * c * 4;
        pool.forEach(boxes, g.intervals(), work, (from, to) -> {
            if (p == 3) {
                spreadBoxes3(g, from, to, s0, s1, start, q);
                return;
            }
            double[] wx = new double[p], wy = new double[p];
            for (int box = from; box < to; box++) {
                int bx = box % g.intervals(), by = box / g.intervals();
                for (int ky = 0; ky < p; ky++) {
                    int row = ((by * p + ky) * m + bx * p) * c;
                    Arrays.fill(q, row, row + p * c, 0);
                }
                for (int s = start[box]; s < start[box + 1]; s++) {
                    double x0 = s0[s], x1 = s1[s];
                    lagrange.at(g.local(x0, bx), wx, 0);
                    lagrange.at(g.local(x1, by), wy, 0);
                    double cx = x0 - g.centre(), cy = x1 - g.centre();
                    for (int ky = 0; ky < p; ky++) {
                        int row = ((by * p + ky) * m + bx * p) * c;
                        for (int kx = 0; kx < p; kx++) {
                            double w = wy[ky] * wx[kx];
                            int o = row + kx * c;
                            q[o] += w;
                            q[o + 1] += w * cx;
                            q[o + 2] += w * cy;
                        }
                    }
                }
            }
        });
    }

    /**
     * {@link #spread2d} for the default 3 nodes: a box's 27 sums (3 × 3 nodes × 3 charges) stay in
     * registers while its points are added, and are stored once. The general loop read, added
     * and wrote back all 27 for every point, each waiting on the previous point's store. The
     * products and the order of additions per sum are the general loop's, so the bits are too.
     */
    private void spreadBoxes3(InterpolationGrid g, int from, int to, float[] s0, float[] s1, int[] start, double[] q) {
        int iv = g.intervals(), m = iv * 3;
        double[] wx = new double[3], wy = new double[3];
        for (int box = from; box < to; box++) {
            int bx = box % iv, by = box / iv;
            double w00 = 0, x00 = 0, y00 = 0, w01 = 0, x01 = 0, y01 = 0, w02 = 0, x02 = 0, y02 = 0;
            double w10 = 0, x10 = 0, y10 = 0, w11 = 0, x11 = 0, y11 = 0, w12 = 0, x12 = 0, y12 = 0;
            double w20 = 0, x20 = 0, y20 = 0, w21 = 0, x21 = 0, y21 = 0, w22 = 0, x22 = 0, y22 = 0;
            for (int s = start[box]; s < start[box + 1]; s++) {
                double x0 = s0[s], x1 = s1[s];
                lagrange.at(g.local(x0, bx), wx, 0);
                lagrange.at(g.local(x1, by), wy, 0);
                double cx = x0 - g.centre(), cy = x1 - g.centre(), w;
                w = wy[0] * wx[0];
                w00 += w;
                x00 += w * cx;
                y00 += w * cy;
                w = wy[0] * wx[1];
                w01 += w;
                x01 += w * cx;
                y01 += w * cy;
                w = wy[0] * wx[2];
                w02 += w;
                x02 += w * cx;
                y02 += w * cy;
                w = wy[1] * wx[0];
                w10 += w;
                x10 += w * cx;
                y10 += w * cy;
                w = wy[1] * wx[1];
                w11 += w;
                x11 += w * cx;
                y11 += w * cy;
                w = wy[1] * wx[2];
                w12 += w;
                x12 += w * cx;
                y12 += w * cy;
                w = wy[2] * wx[0];
                w20 += w;
                x20 += w * cx;
                y20 += w * cy;
                w = wy[2] * wx[1];
                w21 += w;
                x21 += w * cx;
                y21 += w * cy;
                w = wy[2] * wx[2];
                w22 += w;
                x22 += w * cx;
                y22 += w * cy;
            }
            int r0 = ((by * 3 + 0) * m + bx * 3) * 3;
            q[r0] = w00;
            q[r0 + 1] = x00;
            q[r0 + 2] = y00;
            q[r0 + 3] = w01;
            q[r0 + 3 + 1] = x01;
            q[r0 + 3 + 2] = y01;
            q[r0 + 6] = w02;
            q[r0 + 6 + 1] = x02;
            q[r0 + 6 + 2] = y02;
            int r1 = ((by * 3 + 1) * m + bx * 3) * 3;
            q[r1] = w10;
            q[r1 + 1] = x10;
            q[r1 + 2] = y10;
            q[r1 + 3] = w11;
            q[r1 + 3 + 1] = x11;
            q[r1 + 3 + 2] = y11;
            q[r1 + 6] = w12;
            q[r1 + 6 + 1] = x12;
            q[r1 + 6 + 2] = y12;
            int r2 = ((by * 3 + 2) * m + bx * 3) * 3;
            q[r2] = w20;
            q[r2 + 1] = x20;
            q[r2 + 2] = y20;
            q[r2 + 3] = w21;
            q[r2 + 3 + 1] = x21;
            q[r2 + 3 + 2] = y21;
            q[r2 + 6] = w22;
            q[r2 + 6 + 1] = x22;
            q[r2 + 6 + 2] = y22;
        }
    }

    private void spread1d(InterpolationGrid g, IntervalSort sorted, int n, double[] q) {
        int p = nodes, c = 2, boxes = g.boxes();
        int[] start = sorted.boxStart();
        float[] s0 = sorted.sortedY()[0];
        long work = (long) n * p * c * 4;
        pool.forEach(boxes, 64, work, (from, to) -> {
            double[] wx = new double[p];
            for (int box = from; box < to; box++) {
                Arrays.fill(q, box * p * c, (box + 1) * p * c, 0);
                for (int s = start[box]; s < start[box + 1]; s++) {
                    double x0 = s0[s];
                    lagrange.at(g.local(x0, box), wx, 0);
                    double cx = x0 - g.centre();
                    for (int k = 0; k < p; k++) {
                        int o = (box * p + k) * c;
                        q[o] += wx[k];
                        q[o + 1] += wx[k] * cx;
                    }
                }
            }
        });
    }
}
