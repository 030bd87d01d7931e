package dev.vtsne.simd.panama;

import dev.vtsne.simd.MatrixKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link MatrixKernels}. Lanes run across the narrow matrix's columns (the
 * caller pads {@code width} to a multiple of 16, so there is no ragged tail at any width), and
 * each product is register-blocked 4 × 4: four data rows (or four output rows k) against four
 * vectors of columns, 16 float accumulators, 8 loads per 16 FMAs. Columns left over after the
 * groups of four vectors run one vector at a time; a last group of fewer than four rows (or k)
 * repeats its last index, which stores the same values twice (centeredTimes) or is dropped
 * before the add (centeredTransposeTimes).
 *
 * <p>Every output is one lane accumulated by {@code fma} in a fixed order (k ascending, or rows
 * ascending within a {@link MatrixKernels#ROW_TILE}), whichever block shape computed it, so no
 * lane reduction is needed and results do not depend on the block shape or the thread count.
 * Vectors never cross a method call: each tile method owns its accumulators and stores them.
 * The species is {@link VectorKernels}' constant, so both kernel sets run at the same width.
 */
public final class VectorMatrixKernels implements MatrixKernels {

    private static final VectorSpecies<Float> F = VectorKernels.F;
    private static final int L = F.length();

    /** The matrix kernels at the chosen species; loaded by name by the provider. */
    public VectorMatrixKernels() {
        if (WIDTH_MULTIPLE % L != 0) {
            throw new IllegalStateException(F + " has " + L + " lanes, which do not divide the width multiple " + WIDTH_MULTIPLE);
        }
    }

    @Override
    public String name() {
        return "vector-" + F.vectorBitSize();
    }

    @Override
    public int vectorBits() {
        return F.vectorBitSize();
    }

    @Override
    public void centeredTimes(float[] x, int d, float[] mean, float[] w, int width, int rowFrom, int rowTo, float[] out) {
        MatrixKernels.checkShapes(x, d, mean, w, width, rowFrom, rowTo);
        int last = rowTo - 1;
        for (int i0 = rowFrom; i0 < rowTo; i0 += 4) {
            int i1 = Math.min(i0 + 1, last), i2 = Math.min(i0 + 2, last), i3 = Math.min(i0 + 3, last);
            int c = 0;
            for (; c + 4 * L <= width; c += 4 * L) {
                times4x4(x, d, mean, w, width, i0, i1, i2, i3, c, out);
            }
            for (; c < width; c += L) {
                times4x1(x, d, mean, w, width, i0, i1, i2, i3, c, out);
            }
        }
    }

    @Override
    public void centeredTransposeTimes(float[] x, int d, float[] mean, float[] q, int width, int rowFrom, int rowTo, double[] out) {
        MatrixKernels.checkShapes(x, d, mean, q, width, rowFrom, rowTo);
        float[] lanes = new float[16 * L];
        for (int t = rowFrom; t < rowTo; t += ROW_TILE) {
            int end = Math.min(rowTo, t + ROW_TILE);
            for (int k0 = 0; k0 < d; k0 += 4) {
                int kn = Math.min(4, d - k0);
                int k1 = k0 + Math.min(1, kn - 1), k2 = k0 + Math.min(2, kn - 1), k3 = k0 + Math.min(3, kn - 1);
                int c = 0;
                for (; c + 4 * L <= width; c += 4 * L) {
                    transposeTimes4x4(x, d, mean, q, width, t, end, k0, k1, k2, k3, c, lanes);
                    addLanes(lanes, kn, 4, k0, c, width, out);
                }
                for (; c < width; c += L) {
                    transposeTimes4x1(x, d, mean, q, width, t, end, k0, k1, k2, k3, c, lanes);
                    addLanes(lanes, kn, 1, k0, c, width, out);
                }
            }
        }
    }

    /** Adds the tile sums of the first {@code kn} output rows (not the repeats) into out. */
    private static void addLanes(float[] lanes, int kn, int vectors, int k0, int c, int width, double[] out) {
        for (int r = 0; r < kn; r++) {
            int o = (k0 + r) * width + c;
            for (int v = 0; v < vectors; v++) {
                int s = (r * 4 + v) * L;
                for (int lane = 0; lane < L; lane++) {
                    out[o + v * L + lane] += lanes[s + lane];
                }
            }
        }
    }

    /** Rows i0..i3 (repeats allowed: they store the same values) × 4 vector(s) of columns from c. */
    private static void times4x4(float[] x, int d, float[] mean, float[] w, int width, int i0, int i1, int i2, int i3, int c, float[] out) {
        int b0 = i0 * d, b1 = i1 * d, b2 = i2 * d, b3 = i3 * d;
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F), a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F), a11 = FloatVector.zero(F), a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F), a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F), a33 = FloatVector.zero(F);
        for (int k = 0, wk = c; k < d; k++, wk += width) {
            float m = mean[k];
            FloatVector w0 = FloatVector.fromArray(F, w, wk);
            FloatVector w1 = FloatVector.fromArray(F, w, wk + 1 * L);
            FloatVector w2 = FloatVector.fromArray(F, w, wk + 2 * L);
            FloatVector w3 = FloatVector.fromArray(F, w, wk + 3 * L);
            FloatVector x0 = FloatVector.broadcast(F, x[b0 + k] - m);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            a02 = x0.fma(w2, a02);
            a03 = x0.fma(w3, a03);
            FloatVector x1 = FloatVector.broadcast(F, x[b1 + k] - m);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            a12 = x1.fma(w2, a12);
            a13 = x1.fma(w3, a13);
            FloatVector x2 = FloatVector.broadcast(F, x[b2 + k] - m);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            a22 = x2.fma(w2, a22);
            a23 = x2.fma(w3, a23);
            FloatVector x3 = FloatVector.broadcast(F, x[b3 + k] - m);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            a32 = x3.fma(w2, a32);
            a33 = x3.fma(w3, a33);
        }
        a00.intoArray(out, i0 * width + c);
        a01.intoArray(out, i0 * width + c + 1 * L);
        a02.intoArray(out, i0 * width + c + 2 * L);
        a03.intoArray(out, i0 * width + c + 3 * L);
        a10.intoArray(out, i1 * width + c);
        a11.intoArray(out, i1 * width + c + 1 * L);
        a12.intoArray(out, i1 * width + c + 2 * L);
        a13.intoArray(out, i1 * width + c + 3 * L);
        a20.intoArray(out, i2 * width + c);
        a21.intoArray(out, i2 * width + c + 1 * L);
        a22.intoArray(out, i2 * width + c + 2 * L);
        a23.intoArray(out, i2 * width + c + 3 * L);
        a30.intoArray(out, i3 * width + c);
        a31.intoArray(out, i3 * width + c + 1 * L);
        a32.intoArray(out, i3 * width + c + 2 * L);
        a33.intoArray(out, i3 * width + c + 3 * L);
    }

    /** Rows i0..i3 (repeats allowed: they store the same values) × 1 vector(s) of columns from c. */
    private static void times4x1(float[] x, int d, float[] mean, float[] w, int width, int i0, int i1, int i2, int i3, int c, float[] out) {
        int b0 = i0 * d, b1 = i1 * d, b2 = i2 * d, b3 = i3 * d;
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int k = 0, wk = c; k < d; k++, wk += width) {
            float m = mean[k];
            FloatVector w0 = FloatVector.fromArray(F, w, wk);
            FloatVector x0 = FloatVector.broadcast(F, x[b0 + k] - m);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(F, x[b1 + k] - m);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(F, x[b2 + k] - m);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(F, x[b3 + k] - m);
            a30 = x3.fma(w0, a30);
        }
        a00.intoArray(out, i0 * width + c);
        a10.intoArray(out, i1 * width + c);
        a20.intoArray(out, i2 * width + c);
        a30.intoArray(out, i3 * width + c);
    }

    /** Output rows k0..k3 × 4 vector(s) of columns from c, summed over rows [from, to) into lanes. */
    private static void transposeTimes4x4(float[] x, int d, float[] mean, float[] q, int width, int from, int to, int k0, int k1, int k2, int k3, int c, float[] lanes) {
        float m0 = mean[k0], m1 = mean[k1], m2 = mean[k2], m3 = mean[k3];
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F), a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F), a11 = FloatVector.zero(F), a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F), a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F), a33 = FloatVector.zero(F);
        for (int i = from, bx = from * d, bq = from * width + c; i < to; i++, bx += d, bq += width) {
            FloatVector q0 = FloatVector.fromArray(F, q, bq);
            FloatVector q1 = FloatVector.fromArray(F, q, bq + 1 * L);
            FloatVector q2 = FloatVector.fromArray(F, q, bq + 2 * L);
            FloatVector q3 = FloatVector.fromArray(F, q, bq + 3 * L);
            FloatVector x0 = FloatVector.broadcast(F, x[bx + k0] - m0);
            a00 = x0.fma(q0, a00);
            a01 = x0.fma(q1, a01);
            a02 = x0.fma(q2, a02);
            a03 = x0.fma(q3, a03);
            FloatVector x1 = FloatVector.broadcast(F, x[bx + k1] - m1);
            a10 = x1.fma(q0, a10);
            a11 = x1.fma(q1, a11);
            a12 = x1.fma(q2, a12);
            a13 = x1.fma(q3, a13);
            FloatVector x2 = FloatVector.broadcast(F, x[bx + k2] - m2);
            a20 = x2.fma(q0, a20);
            a21 = x2.fma(q1, a21);
            a22 = x2.fma(q2, a22);
            a23 = x2.fma(q3, a23);
            FloatVector x3 = FloatVector.broadcast(F, x[bx + k3] - m3);
            a30 = x3.fma(q0, a30);
            a31 = x3.fma(q1, a31);
            a32 = x3.fma(q2, a32);
            a33 = x3.fma(q3, a33);
        }
        a00.intoArray(lanes, 0* L);
        a01.intoArray(lanes, 1* L);
        a02.intoArray(lanes, 2* L);
        a03.intoArray(lanes, 3* L);
        a10.intoArray(lanes, 4* L);
        a11.intoArray(lanes, 5* L);
        a12.intoArray(lanes, 6* L);
        a13.intoArray(lanes, 7* L);
        a20.intoArray(lanes, 8* L);
        a21.intoArray(lanes, 9* L);
        a22.intoArray(lanes, 10* L);
        a23.intoArray(lanes, 11* L);
        a30.intoArray(lanes, 12* L);
        a31.intoArray(lanes, 13* L);
        a32.intoArray(lanes, 14* L);
        a33.intoArray(lanes, 15* L);
    }

    /** Output rows k0..k3 × 1 vector(s) of columns from c, summed over rows [from, to) into lanes. */
    private static void transposeTimes4x1(float[] x, int d, float[] mean, float[] q, int width, int from, int to, int k0, int k1, int k2, int k3, int c, float[] lanes) {
        float m0 = mean[k0], m1 = mean[k1], m2 = mean[k2], m3 = mean[k3];
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F);
        for (int i = from, bx = from * d, bq = from * width + c; i < to; i++, bx += d, bq += width) {
            FloatVector q0 = FloatVector.fromArray(F, q, bq);
            FloatVector x0 = FloatVector.broadcast(F, x[bx + k0] - m0);
            a00 = x0.fma(q0, a00);
            FloatVector x1 = FloatVector.broadcast(F, x[bx + k1] - m1);
            a10 = x1.fma(q0, a10);
            FloatVector x2 = FloatVector.broadcast(F, x[bx + k2] - m2);
            a20 = x2.fma(q0, a20);
            FloatVector x3 = FloatVector.broadcast(F, x[bx + k3] - m3);
            a30 = x3.fma(q0, a30);
        }
        a00.intoArray(lanes, 0* L);
        a10.intoArray(lanes, 4* L);
        a20.intoArray(lanes, 8* L);
        a30.intoArray(lanes, 12* L);
    }
}
