package dev.vtsne.simd.panama;

import dev.vtsne.simd.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Lanes run across points j: the SoA embedding makes those loads
 * contiguous, and the CSR kernels gather them. Only {@link #squaredDistances} runs lanes across
 * input dimensions, because its input is row-major.
 *
 * <p>Rules that keep C2 on the fast path (each broke it once here):
 * <ul>
 *   <li>The species is a {@code static final} read once from {@code vtsne.vectorBits} (128, 256
 *       or 512; default: the platform's preferred). A species in an instance field is not a
 *       constant to C2, and every operation then runs boxed. Tests run one JVM per width.</li>
 *   <li>No {@code static final FloatVector} constants: a static vector is a heap object, and
 *       accumulators initialised from one are boxed on every loop iteration. Zero and one are
 *       made locally.</li>
 *   <li>2-D and 3-D get their own loops rather than arrays of vectors, which C2 cannot keep in
 *       registers.</li>
 * </ul>
 *
 * <p>Sums accumulate in float vectors over a j-tile of at most {@link Kernels#TILE} points, then
 * go through {@link VectorMath#sum} (a fixed lane order) into a double. Ragged ends are handled
 * with a lane mask. exp and log are {@link VectorMath}'s polynomials, not {@code lanewise(EXP)}.
 * Together these make every result independent of JIT state and thread count.
 */
public final class VectorKernels implements Kernels {

    static final VectorSpecies<Float> F = chooseSpecies();
    private static final int L = F.length();

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
            FloatVector acc = FloatVector.zero(F);
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
        FloatVector negBeta = FloatVector.broadcast(F, (float) -Math.min(beta, Float.MAX_VALUE));
        FloatVector vmin = FloatVector.broadcast(F, dMin);
        double sum = 0, weighted = 0;
        for (int t = 0; t < m; t += TILE) {
            int end = Math.min(m, t + TILE);
            FloatVector vs = FloatVector.zero(F), vw = FloatVector.zero(F);
            for (int j = t; j < end; j += L) {
                VectorMask<Float> mk = F.indexInRange(j, end);
                FloatVector sh = FloatVector.fromArray(F, d, j, mk).sub(vmin).blend(0f, mk.not());
                FloatVector e = VectorMath.exp(sh.mul(negBeta)).blend(0f, mk.not());
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

    // ---------------------------------------------------------------- t-SNE, dense repulsion

    @Override
    public void tsneRepulsionRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        if (axes.length == 2) {
            for (int i = iFrom; i < iTo; i++) {
                tsneRepulsion2(axes[0], axes[1], n, i, out);
            }
        } else {
            for (int i = iFrom; i < iTo; i++) {
                tsneRepulsion3(axes[0], axes[1], axes[2], n, i, out);
            }
        }
    }

    private static void tsneRepulsion2(float[] x, float[] y, int n, int i, double[] out) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        double rx = 0, ry = 0, z = 0;
        for (int r = 0; r < 2; r++) { // j in [0, i) then (i, n): the self pair is skipped exactly
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vrx = FloatVector.zero(F), vry = FloatVector.zero(F), vz = FloatVector.zero(F);
                int j = t;
                for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                    FloatVector w = one.div(dx.fma(dx, dy.fma(dy, one)));
                    FloatVector w2 = w.mul(w);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                if (j < end) {
                    VectorMask<Float> m = F.indexInRange(j, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                    FloatVector w = one.div(dx.fma(dx, dy.fma(dy, one))).blend(0f, m.not());
                    FloatVector w2 = w.mul(w);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vz = vz.add(w);
                }
                rx += VectorMath.sum(vrx);
                ry += VectorMath.sum(vry);
                z += VectorMath.sum(vz);
            }
        }
        out[i * 3] = rx;
        out[i * 3 + 1] = ry;
        out[i * 3 + 2] = z;
    }

    private static void tsneRepulsion3(float[] x, float[] y, float[] zc, int n, int i, double[] out) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        double rx = 0, ry = 0, rz = 0, z = 0;
        for (int r = 0; r < 2; r++) {
            int lo = r == 0 ? 0 : i + 1;
            int hi = r == 0 ? i : n;
            for (int t = lo; t < hi; t += TILE) {
                int end = Math.min(hi, t + TILE);
                FloatVector vrx = FloatVector.zero(F), vry = FloatVector.zero(F), vrz = FloatVector.zero(F), vz = FloatVector.zero(F);
                for (int j = t; j < end; j += L) {
                    VectorMask<Float> m = F.indexInRange(j, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                    FloatVector w = one.div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one)))).blend(0f, m.not());
                    FloatVector w2 = w.mul(w);
                    vrx = w2.fma(dx, vrx);
                    vry = w2.fma(dy, vry);
                    vrz = w2.fma(dz, vrz);
                    vz = vz.add(w);
                }
                rx += VectorMath.sum(vrx);
                ry += VectorMath.sum(vry);
                rz += VectorMath.sum(vrz);
                z += VectorMath.sum(vz);
            }
        }
        out[i * 4] = rx;
        out[i * 4 + 1] = ry;
        out[i * 4 + 2] = rz;
        out[i * 4 + 3] = z;
    }

    // ---------------------------------------------------------------- CSR kernels (gathers)

    @Override
    public void tsneAttractionRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] x = axes[0], y = axes[1], zc = three ? axes[2] : axes[0];
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = iFrom; i < iTo; i++) {
            FloatVector xi = FloatVector.broadcast(F, x[i]);
            FloatVector yi = FloatVector.broadcast(F, y[i]);
            FloatVector zi = FloatVector.broadcast(F, zc[i]);
            double ax = 0, ay = 0, az = 0;
            for (int t = rowStart[i], rowEnd = rowStart[i + 1]; t < rowEnd; t += TILE) {
                int end = Math.min(rowEnd, t + TILE);
                FloatVector vax = FloatVector.zero(F), vay = FloatVector.zero(F), vaz = FloatVector.zero(F);
                for (int k = t; k < end; k += L) {
                    VectorMask<Float> m = F.indexInRange(k, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                    FloatVector d2 = dx.fma(dx, dy.fma(dy, one));
                    if (three) {
                        FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                        d2 = dz.fma(dz, d2);
                    }
                    // masked lanes read p = 0, so they add nothing
                    FloatVector pw = FloatVector.fromArray(F, vals, k, m).div(d2);
                    vax = pw.fma(dx, vax);
                    vay = pw.fma(dy, vay);
                    if (three) { // dz again rather than a vector variable that may be null (C2 would box it)
                        FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                        vaz = pw.fma(dz, vaz);
                    }
                }
                ax += VectorMath.sum(vax);
                ay += VectorMath.sum(vay);
                az += VectorMath.sum(vaz);
            }
            if (three) {
                out[i * 3] = ax;
                out[i * 3 + 1] = ay;
                out[i * 3 + 2] = az;
            } else {
                out[i * 2] = ax;
                out[i * 2 + 1] = ay;
            }
        }
    }

    @Override
    public void tsneLogKernelRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] x = axes[0], y = axes[1], zc = three ? axes[2] : axes[0];
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = iFrom; i < iTo; i++) {
            FloatVector xi = FloatVector.broadcast(F, x[i]);
            FloatVector yi = FloatVector.broadcast(F, y[i]);
            FloatVector zi = FloatVector.broadcast(F, zc[i]);
            double s = 0;
            for (int t = rowStart[i], rowEnd = rowStart[i + 1]; t < rowEnd; t += TILE) {
                int end = Math.min(rowEnd, t + TILE);
                FloatVector acc = FloatVector.zero(F);
                for (int k = t; k < end; k += L) {
                    VectorMask<Float> m = F.indexInRange(k, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                    FloatVector q = dx.fma(dx, dy.fma(dy, one));
                    if (three) {
                        FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                        q = dz.fma(dz, q);
                    }
                    acc = FloatVector.fromArray(F, vals, k, m).fma(VectorMath.log(q), acc);
                }
                s += VectorMath.sum(acc);
            }
            out[i] = s;
        }
    }

    @Override
    public void weightedDifferenceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            for (int a = 0; a < dims; a++) {
                float[] ax = axes[a];
                FloatVector ci = FloatVector.broadcast(F, ax[i]);
                double s = 0;
                for (int t = rowStart[i], rowEnd = rowStart[i + 1]; t < rowEnd; t += TILE) {
                    int end = Math.min(rowEnd, t + TILE);
                    FloatVector acc = FloatVector.zero(F);
                    for (int k = t; k < end; k += L) {
                        VectorMask<Float> m = F.indexInRange(k, end);
                        FloatVector d = ci.sub(FloatVector.fromArray(F, ax, 0, cols, k, m));
                        acc = FloatVector.fromArray(F, vals, k, m).fma(d, acc);
                    }
                    s += VectorMath.sum(acc);
                }
                out[i * dims + a] = s;
            }
        }
    }

    @Override
    public void weightedSquaredDistanceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] x = axes[0], y = axes[1], zc = three ? axes[2] : axes[0];
        for (int i = iFrom; i < iTo; i++) {
            FloatVector xi = FloatVector.broadcast(F, x[i]);
            FloatVector yi = FloatVector.broadcast(F, y[i]);
            FloatVector zi = FloatVector.broadcast(F, zc[i]);
            double s = 0;
            for (int t = rowStart[i], rowEnd = rowStart[i + 1]; t < rowEnd; t += TILE) {
                int end = Math.min(rowEnd, t + TILE);
                FloatVector acc = FloatVector.zero(F);
                for (int k = t; k < end; k += L) {
                    VectorMask<Float> m = F.indexInRange(k, end);
                    FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                    FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                    FloatVector d2 = dx.fma(dx, dy.mul(dy));
                    if (three) {
                        FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                        d2 = dz.fma(dz, d2);
                    }
                    acc = FloatVector.fromArray(F, vals, k, m).fma(d2, acc);
                }
                s += VectorMath.sum(acc);
            }
            out[i] = s;
        }
    }

    // ---------------------------------------------------------------- SNE, dense

    @Override
    public void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] x = axes[0], y = axes[1], zc = three ? axes[2] : axes[0];
        for (int i = iFrom; i < iTo; i++) {
            FloatVector xi = FloatVector.broadcast(F, x[i]);
            FloatVector yi = FloatVector.broadcast(F, y[i]);
            FloatVector zi = FloatVector.broadcast(F, zc[i]);
            // Pass 1: the nearest squared distance, so that pass 2's largest term is exp(0) = 1.
            FloatVector vmin = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int j = lo; j < hi; j += L) {
                    VectorMask<Float> m = F.indexInRange(j, hi);
                    FloatVector d2 = squaredDistance(x, y, zc, three, xi, yi, zi, j, m);
                    vmin = vmin.lanewise(VectorOperators.MIN, d2, m);
                }
            }
            float min = vmin.reduceLanes(VectorOperators.MIN); // exact in any order
            FloatVector vm = FloatVector.broadcast(F, min);
            double z = 0;
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    FloatVector acc = FloatVector.zero(F);
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        FloatVector d2 = squaredDistance(x, y, zc, three, xi, yi, zi, j, m);
                        acc = acc.add(VectorMath.exp(vm.sub(d2)), m);
                    }
                    z += VectorMath.sum(acc);
                }
            }
            out[i] = Math.log(z) - min;
        }
    }

    @Override
    public void sneRepulsionRows(float[][] axes, float[] logZ, int n, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] x = axes[0], y = axes[1], zc = three ? axes[2] : axes[0];
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            FloatVector xi = FloatVector.broadcast(F, x[i]);
            FloatVector yi = FloatVector.broadcast(F, y[i]);
            FloatVector zi = FloatVector.broadcast(F, zc[i]);
            FloatVector lzi = FloatVector.broadcast(F, logZ[i]);
            double gx = 0, gy = 0, gz = 0;
            for (int r = 0; r < 2; r++) {
                int lo = r == 0 ? 0 : i + 1;
                int hi = r == 0 ? i : n;
                for (int t = lo; t < hi; t += TILE) {
                    int end = Math.min(hi, t + TILE);
                    FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F), vz = FloatVector.zero(F);
                    for (int j = t; j < end; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, end);
                        FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                        FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                        FloatVector d2 = dx.fma(dx, dy.mul(dy));
                        if (three) {
                            FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                            d2 = dz.fma(dz, d2);
                        }
                        FloatVector negD2 = d2.neg();
                        FloatVector q = VectorMath.exp(negD2.sub(lzi))
                                .add(VectorMath.exp(negD2.sub(FloatVector.fromArray(F, logZ, j, m))))
                                .blend(0f, m.not());
                        vx = q.fma(dx, vx);
                        vy = q.fma(dy, vy);
                        if (three) {
                            vz = q.fma(zi.sub(FloatVector.fromArray(F, zc, j, m)), vz);
                        }
                    }
                    gx += VectorMath.sum(vx);
                    gy += VectorMath.sum(vy);
                    gz += VectorMath.sum(vz);
                }
            }
            out[i * dims] = gx;
            out[i * dims + 1] = gy;
            if (three) {
                out[i * dims + 2] = gz;
            }
        }
    }

    private static FloatVector squaredDistance(float[] x, float[] y, float[] zc, boolean three,
                                               FloatVector xi, FloatVector yi, FloatVector zi, int j, VectorMask<Float> m) {
        FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
        FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
        FloatVector d2 = dx.fma(dx, dy.mul(dy));
        if (three) {
            FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
            d2 = dz.fma(dz, d2);
        }
        return d2;
    }
}
