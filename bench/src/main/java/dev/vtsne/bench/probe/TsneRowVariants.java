package dev.vtsne.bench.probe;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Diagnostic copies of the engine's VectorKernels.tsneRow2 (copied verbatim into variant A, then
 * varied), so a slow shape can be pinned down without touching src/. Not used by the engine.
 * A: verbatim copy. B: A with ONE/ZERO as locals instead of static final fields.
 * C: B without the masked tail (vector main loop + scalar tail).
 */
public final class TsneRowVariants {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int TILE = 1024;
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector ZERO = FloatVector.zero(F);

    private TsneRowVariants() {}

    public static void rows(char variant, float[][] axes, float[] p, int n, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            switch (variant) {
                case 'A' -> rowA(axes[0], axes[1], p, n, i, out, i * 5);
                case 'B' -> rowB(axes[0], axes[1], p, n, i, out, i * 5);
                default -> rowC(axes[0], axes[1], p, n, i, out, i * 5);
            }
        }
    }

    private static void rowA(float[] x, float[] y, float[] p, int n, int i, double[] out, int o) {
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        int row = i * n;
        double ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
        // Two j ranges, [0, i) and (i, n): the self pair is skipped exactly, not subtracted.
        for (int r = 0; r < 2; r++) {
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vax = ZERO, vay = ZERO, vrx = ZERO, vry = ZERO, vz = ZERO;
                int j = t;
                for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                    FloatVector w = ONE.div(dx.fma(dx, dy.fma(dy, ONE)));
                    FloatVector pw = FloatVector.fromArray(F, p, row + j).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                if (j < end) {
                    VectorMask<Float> m = F.indexInRange(j, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                    FloatVector w = ZERO.blend(ONE.div(dx.fma(dx, dy.fma(dy, ONE))), m);
                    FloatVector pw = FloatVector.fromArray(F, p, row + j, m).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                ax += vax.reduceLanes(VectorOperators.ADD);
                ay += vay.reduceLanes(VectorOperators.ADD);
                rx += vrx.reduceLanes(VectorOperators.ADD);
                ry += vry.reduceLanes(VectorOperators.ADD);
                z += vz.reduceLanes(VectorOperators.ADD);
            }
        }
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = rx;
        out[o + 3] = ry;
        out[o + 4] = z;
    }

    private static void rowB(float[] x, float[] y, float[] p, int n, int i, double[] out, int o) {
        final FloatVector ONE = FloatVector.broadcast(F, 1f);
        final FloatVector ZERO = FloatVector.zero(F);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        int row = i * n;
        double ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
        // Two j ranges, [0, i) and (i, n): the self pair is skipped exactly, not subtracted.
        for (int r = 0; r < 2; r++) {
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vax = ZERO, vay = ZERO, vrx = ZERO, vry = ZERO, vz = ZERO;
                int j = t;
                for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                    FloatVector w = ONE.div(dx.fma(dx, dy.fma(dy, ONE)));
                    FloatVector pw = FloatVector.fromArray(F, p, row + j).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                if (j < end) {
                    VectorMask<Float> m = F.indexInRange(j, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                    FloatVector w = ZERO.blend(ONE.div(dx.fma(dx, dy.fma(dy, ONE))), m);
                    FloatVector pw = FloatVector.fromArray(F, p, row + j, m).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                ax += vax.reduceLanes(VectorOperators.ADD);
                ay += vay.reduceLanes(VectorOperators.ADD);
                rx += vrx.reduceLanes(VectorOperators.ADD);
                ry += vry.reduceLanes(VectorOperators.ADD);
                z += vz.reduceLanes(VectorOperators.ADD);
            }
        }
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = rx;
        out[o + 3] = ry;
        out[o + 4] = z;
    }

    private static void rowC(float[] x, float[] y, float[] p, int n, int i, double[] out, int o) {
        final FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        int row = i * n;
        double ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
        for (int r = 0; r < 2; r++) {
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vax = FloatVector.zero(F), vay = FloatVector.zero(F), vrx = FloatVector.zero(F), vry = FloatVector.zero(F), vz = FloatVector.zero(F);
                int j = t;
                for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                    FloatVector w = one.div(dx.fma(dx, dy.fma(dy, one)));
                    FloatVector pw = FloatVector.fromArray(F, p, row + j).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                ax += vax.reduceLanes(VectorOperators.ADD);
                ay += vay.reduceLanes(VectorOperators.ADD);
                rx += vrx.reduceLanes(VectorOperators.ADD);
                ry += vry.reduceLanes(VectorOperators.ADD);
                z += vz.reduceLanes(VectorOperators.ADD);
                for (; j < end; j++) { // scalar tail (probe only)
                    float dx = x[i] - x[j], dy = y[i] - y[j];
                    float w = 1f / (1f + dx * dx + dy * dy);
                    float pw = p[row + j] * w;
                    ax += pw * dx; ay += pw * dy; rx += w * w * dx; ry += w * w * dy; z += w;
                }
            }
        }
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = rx;
        out[o + 3] = ry;
        out[o + 4] = z;
    }

}
