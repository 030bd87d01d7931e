package dev.vtsne.simd.panama;

import dev.vtsne.simd.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Lanes run across points j (the SoA embedding makes those loads
 * contiguous); only {@link #squaredDistances} runs lanes across input dimensions, because its
 * input is row-major.
 *
 * <p>The species is a {@code static final} read once from the {@code vtsne.vectorBits} system
 * property (128, 256 or 512; default: the platform's preferred float species). It must be a
 * constant: C2 only intrinsifies vector operations whose species it can see as a constant, and a
 * species held in an instance field runs boxed, orders of magnitude slower. The tests therefore
 * run in one JVM per width.
 *
 * <p>Each loop accumulates in float vectors over a j-tile of at most {@link Kernels#TILE}
 * points, then adds the tile's lane sum into a double. That bounds float rounding growth to one
 * tile and keeps results independent of thread count (every row is computed by one thread, in a
 * fixed order). Ragged ends of a tile are handled with a lane mask rather than a scalar tail.
 */
public final class VectorKernels implements Kernels {

    static final VectorSpecies<Float> F = chooseSpecies();
    private static final int L = F.length();
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector ZERO = FloatVector.zero(F);

    public VectorKernels() {}

    private static VectorSpecies<Float> chooseSpecies() {
        String forced = System.getProperty("vtsne.vectorBits");
        if (forced == null || forced.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        int bits;
        try {
            bits = Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vtsne.vectorBits must be 128, 256 or 512, got '" + forced + "'");
        }
        return switch (bits) {
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("vtsne.vectorBits must be 128, 256 or 512, got " + bits);
        };
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
    public void squaredDistances(float[] points, int dim, int i, int from, int to, float[] out) {
        int bi = i * dim;
        int bound = F.loopBound(dim);
        for (int j = from; j < to; j++) {
            int bj = j * dim;
            FloatVector acc = ZERO;
            int k = 0;
            for (; k < bound; k += L) {
                FloatVector t = FloatVector.fromArray(F, points, bi + k).sub(FloatVector.fromArray(F, points, bj + k));
                acc = t.fma(t, acc);
            }
            if (k < dim) {
                VectorMask<Float> m = F.indexInRange(k, dim);
                FloatVector t = FloatVector.fromArray(F, points, bi + k, m).sub(FloatVector.fromArray(F, points, bj + k, m));
                acc = t.fma(t, acc);
            }
            out[j] = VectorMath.sum(acc);
        }
    }

    @Override
    public void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums) {
        // beta may grow past the float range while bisection chases a very low entropy; clamping
        // keeps 0 * beta = 0 for the nearest candidates instead of 0 * inf = NaN.
        FloatVector vb = FloatVector.broadcast(F, (float) Math.min(beta, Float.MAX_VALUE));
        FloatVector vmin = FloatVector.broadcast(F, dMin);
        double sum = 0, weighted = 0;
        for (int t = 0; t < m; t += TILE) {
            int end = Math.min(m, t + TILE);
            FloatVector vs = ZERO, vw = ZERO;
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector sh = FloatVector.fromArray(F, d, j).sub(vmin);
                FloatVector e = VectorMath.exp(sh.mul(vb).neg());
                if (eOut != null) {
                    e.intoArray(eOut, j);
                }
                vs = vs.add(e);
                vw = e.fma(sh, vw);
            }
            if (j < end) {
                VectorMask<Float> mk = F.indexInRange(j, end);
                FloatVector sh = FloatVector.fromArray(F, d, j, mk).sub(vmin);
                FloatVector e = ZERO.blend(VectorMath.exp(sh.mul(vb).neg()), mk);
                if (eOut != null) {
                    e.intoArray(eOut, j, mk);
                }
                vs = vs.add(e);
                vw = e.fma(sh, vw);
            }
            sum += VectorMath.sum(vs);
            weighted += VectorMath.sum(vw);
        }
        sums[0] = sum;
        sums[1] = weighted;
    }

    @Override
    public void tsneRows(float[][] axes, float[] p, int n, int iFrom, int iTo, double[] out) {
        if (axes.length == 2) {
            for (int i = iFrom; i < iTo; i++) {
                tsneRow2(axes[0], axes[1], p, n, i, out, i * 5);
            }
        } else {
            for (int i = iFrom; i < iTo; i++) {
                tsneRow3(axes[0], axes[1], axes[2], p, n, i, out, i * 7);
            }
        }
    }

    private static void tsneRow2(float[] x, float[] y, float[] p, int n, int i, double[] out, int o) {
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
                ax += VectorMath.sum(vax);
                ay += VectorMath.sum(vay);
                rx += VectorMath.sum(vrx);
                ry += VectorMath.sum(vry);
                z += VectorMath.sum(vz);
            }
        }
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = rx;
        out[o + 3] = ry;
        out[o + 4] = z;
    }

    private static void tsneRow3(float[] x, float[] y, float[] zc, float[] p, int n, int i, double[] out, int o) {
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        int row = i * n;
        double ax = 0, ay = 0, az = 0, rx = 0, ry = 0, rz = 0, z = 0;
        for (int r = 0; r < 2; r++) {
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vax = ZERO, vay = ZERO, vaz = ZERO, vrx = ZERO, vry = ZERO, vrz = ZERO, vz = ZERO;
                int j = t;
                int bound = t + F.loopBound(end - t);
                while (j < end) {
                    VectorMask<Float> m = j < bound ? F.maskAll(true) : F.indexInRange(j, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                    FloatVector w = ZERO.blend(ONE.div(dx.fma(dx, dy.fma(dy, dz.fma(dz, ONE)))), m);
                    FloatVector pw = FloatVector.fromArray(F, p, row + j, m).mul(w);
                    FloatVector w2 = w.mul(w);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    vaz = pw.fma(dz, vaz);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vrz = w2.fma(dz, vrz);
                    vz = vz.add(w);
                    j += L;
                }
                ax += VectorMath.sum(vax);
                ay += VectorMath.sum(vay);
                az += VectorMath.sum(vaz);
                rx += VectorMath.sum(vrx);
                ry += VectorMath.sum(vry);
                rz += VectorMath.sum(vrz);
                z += VectorMath.sum(vz);
            }
        }
        out[o] = ax;
        out[o + 1] = ay;
        out[o + 2] = az;
        out[o + 3] = rx;
        out[o + 4] = ry;
        out[o + 5] = rz;
        out[o + 6] = z;
    }

    /** Squared distance from the broadcast point (ci) to lanes j.. of the axes, masked lanes read 0. */
    private static FloatVector squaredDistance(float[][] axes, FloatVector[] ci, int j, VectorMask<Float> m) {
        FloatVector d2 = ZERO;
        for (int a = 0; a < axes.length; a++) {
            FloatVector t = ci[a].sub(FloatVector.fromArray(F, axes[a], j, m));
            d2 = t.fma(t, d2);
        }
        return d2;
    }

    private static FloatVector[] broadcastPoint(float[][] axes, int i) {
        FloatVector[] ci = new FloatVector[axes.length];
        for (int a = 0; a < axes.length; a++) {
            ci[a] = FloatVector.broadcast(F, axes[a][i]);
        }
        return ci;
    }

    @Override
    public void tsneLogKernelRows(float[][] axes, float[] p, int n, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            FloatVector[] ci = broadcastPoint(axes, i);
            int row = i * n;
            double s = 0;
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    FloatVector acc = ZERO;
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        FloatVector d2 = squaredDistance(axes, ci, j, m);
                        FloatVector pv = FloatVector.fromArray(F, p, row + j, m);
                        acc = pv.fma(VectorMath.log(d2.add(ONE)), acc);
                    }
                    s += VectorMath.sum(acc);
                }
            }
            out[i] = s;
        }
    }

    @Override
    public void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            FloatVector[] ci = broadcastPoint(axes, i);
            // Pass 1: the nearest squared distance, so that pass 2's largest term is exp(0) = 1.
            FloatVector vmin = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int j = lo; j < hi; j += L) {
                    VectorMask<Float> m = F.indexInRange(j, hi);
                    vmin = vmin.lanewise(VectorOperators.MIN, squaredDistance(axes, ci, j, m), m);
                }
            }
            float min = vmin.reduceLanes(VectorOperators.MIN);
            FloatVector vm = FloatVector.broadcast(F, min);
            double z = 0;
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    FloatVector acc = ZERO;
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        FloatVector e = VectorMath.exp(vm.sub(squaredDistance(axes, ci, j, m)));
                        acc = acc.add(e, m);
                    }
                    z += VectorMath.sum(acc);
                }
            }
            out[i] = Math.log(z) - min;
        }
    }

    @Override
    public void sneRows(float[][] axes, float[] s, float[] logZ, int n, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        FloatVector[] acc = new FloatVector[dims];
        FloatVector[] diff = new FloatVector[dims];
        for (int i = iFrom; i < iTo; i++) {
            FloatVector[] ci = broadcastPoint(axes, i);
            FloatVector lzi = FloatVector.broadcast(F, logZ[i]);
            int row = i * n;
            int o = i * dims;
            for (int a = 0; a < dims; a++) {
                out[o + a] = 0;
            }
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    for (int a = 0; a < dims; a++) {
                        acc[a] = ZERO;
                    }
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        FloatVector d2 = ZERO;
                        for (int a = 0; a < dims; a++) {
                            diff[a] = ci[a].sub(FloatVector.fromArray(F, axes[a], j, m));
                            d2 = diff[a].fma(diff[a], d2);
                        }
                        FloatVector negD2 = d2.neg();
                        FloatVector qji = VectorMath.exp(negD2.sub(lzi));
                        FloatVector qij = VectorMath.exp(negD2.sub(FloatVector.fromArray(F, logZ, j, m)));
                        // Masked lanes read s = 0 and diff = c_i, so blend c to 0 there.
                        FloatVector c = ZERO.blend(FloatVector.fromArray(F, s, row + j, m).sub(qji).sub(qij), m);
                        for (int a = 0; a < dims; a++) {
                            acc[a] = c.fma(diff[a], acc[a]);
                        }
                    }
                    for (int a = 0; a < dims; a++) {
                        out[o + a] += VectorMath.sum(acc[a]);
                    }
                }
            }
        }
    }

    @Override
    public void weightedSquaredDistanceRows(float[][] axes, float[] s, int n, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            FloatVector[] ci = broadcastPoint(axes, i);
            int row = i * n;
            double sum = 0;
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    FloatVector acc = ZERO;
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        acc = FloatVector.fromArray(F, s, row + j, m).fma(squaredDistance(axes, ci, j, m), acc);
                    }
                    sum += VectorMath.sum(acc);
                }
            }
            out[i] = sum;
        }
    }
}
