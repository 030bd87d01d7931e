package dev.vtsne.simd.panama;

import dev.vtsne.simd.GainRule;
import dev.vtsne.simd.CalibrationKernels;
import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.GradientKernels;
import dev.vtsne.simd.KernelImplementation;
import dev.vtsne.simd.ScalarKernels;
import dev.vtsne.simd.StepKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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
 *
 *   <li>Hot loops run unmasked up to {@code loopBound} and finish with one masked step: a mask
 *       computed with {@code indexInRange} on every iteration made loops 2 to 4 times slower.</li>
 * </ul>
 *
 * <p>Each kernel is split into range methods that own their vectors from start to finish
 * (main loop, masked tail, tile sums into a small double[]), so no vector crosses a call.
 *
 * <p>Sums accumulate in float vectors over a j-tile of at most {@link KernelImplementation#TILE} points; at
 * the tile's end the kernel stores the vector to a small scratch array and
 * {@link VectorMath#sumLanes} adds the lanes in a fixed order into a double (passing the vector
 * to a method instead boxed it whenever C2 did not inline the call). Ragged ends are handled
 * with a lane mask. exp and log are {@link VectorMath}'s polynomials, not {@code lanewise(EXP)}.
 * Together these make every result independent of JIT state and thread count.
 */
public final class VectorKernels implements DistanceKernels, CalibrationKernels, GradientKernels, StepKernels {

    static final VectorSpecies<Float> F = chooseSpecies();
    private static final int L = F.length();

    /**
     * The kernels at the species chosen by {@code -Dvtsne.vectorBits} (default: the platform's preferred); loaded by name by {@link dev.vtsne.simd.KernelSet}.
     */
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
            // One reduction per pair, so it stays in registers: a fixed tree of lane folds written
            // out here (inline, no call that could box), the same rounding in every JIT mode.
            if (L >= 16) {
                acc = acc.add(acc.rearrange(FOLD8));
            }
            if (L >= 8) {
                acc = acc.add(acc.rearrange(FOLD4));
            }
            acc = acc.add(acc.rearrange(FOLD2));
            acc = acc.add(acc.rearrange(FOLD1));
            out[j] = acc.lane(0);
        }
    }

    @Override
    public void squaredDistancesToRows(float[] points, int dim, int i, int[] js, int jsFrom, int count, float[] out) {
        int bi = i * dim;
        int bound = F.loopBound(dim);
        VectorMask<Float> tail = F.indexInRange(bound, dim);
        for (int c = 0; c < count; c++) {
            int bj = js[jsFrom + c] * dim;
            FloatVector acc = FloatVector.zero(F);
            int k = 0;
            for (; k < bound; k += L) {
                FloatVector t = FloatVector.fromArray(F, points, bi + k).sub(FloatVector.fromArray(F, points, bj + k));
                acc = t.fma(t, acc);
            }
            if (k < dim) {
                FloatVector t = FloatVector.fromArray(F, points, bi + k, tail).sub(FloatVector.fromArray(F, points, bj + k, tail));
                acc = t.fma(t, acc);
            }
            // the same fixed fold as squaredDistances: one reduction per pair, kept in registers
            if (L >= 16) {
                acc = acc.add(acc.rearrange(FOLD8));
            }
            if (L >= 8) {
                acc = acc.add(acc.rearrange(FOLD4));
            }
            acc = acc.add(acc.rearrange(FOLD2));
            acc = acc.add(acc.rearrange(FOLD1));
            out[c] = acc.lane(0);
        }
    }

    /*
     * Lanes across references, four queries per pass: each reference vector loaded once per
     * coordinate serves four broadcast query coordinates (sub + fma each), so the tile costs about
     * two vector operations per lane and coordinate and needs no lane reduction.
     */
    @Override
    public void squaredDistanceTile(float[] points, int dim, int qFrom, int qTo, float[] refT, int refCount, float[] out) {
        int q = qFrom;
        for (; q + 4 <= qTo; q += 4) {
            tileFourQueries(points, dim, q, q - qFrom, refT, refCount, out);
        }
        for (; q < qTo; q++) {
            tileOneQuery(points, dim, q, q - qFrom, refT, refCount, out);
        }
    }

    @Override
    public int firstBelow(float[] a, int from, int to, float threshold) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
            VectorMask<Float> below = FloatVector.fromArray(F, a, i).compare(VectorOperators.LT, threshold);
            if (below.anyTrue()) {
                return i + below.firstTrue();
            }
        }
        if (i < to) {
            VectorMask<Float> below = FloatVector.fromArray(F, a, i, F.indexInRange(i, to)).compare(VectorOperators.LT, threshold);
            // masked-off lanes read as 0, which may be below the threshold: keep only lanes in range
            below = below.and(F.indexInRange(i, to));
            if (below.anyTrue()) {
                return i + below.firstTrue();
            }
        }
        return to;
    }

    @Override
    public int firstAtMost(float[] a, int from, int to, float limit, float[] limits, int limitsFrom) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        java.util.Objects.checkFromIndexSize(limitsFrom, to - from, limits.length);
        int i = from, l = limitsFrom;
        for (int bound = from + F.loopBound(to - from); i < bound; i += L, l += L) {
            FloatVector lim = FloatVector.fromArray(F, limits, l).max(limit);
            VectorMask<Float> hit = FloatVector.fromArray(F, a, i).compare(VectorOperators.LE, lim);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        if (i < to) {
            VectorMask<Float> in = F.indexInRange(i, to);
            FloatVector lim = FloatVector.fromArray(F, limits, l, in).max(limit);
            // masked-off lanes read as 0, which may be at most the limit: keep only lanes in range
            VectorMask<Float> hit = FloatVector.fromArray(F, a, i, in).compare(VectorOperators.LE, lim).and(in);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return to;
    }

    @Override
    public void gainsStep(float[] y, float[] update, float[] gains, float[] grad, int n, float momentum, float eta, float minGain) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(F, grad, i), u0 = FloatVector.fromArray(F, update, i);
            FloatVector g = FloatVector.fromArray(F, gains, i);
            VectorMask<Float> sameSign = d.compare(VectorOperators.GT, 0f).eq(u0.compare(VectorOperators.GT, 0f))
                    .and(d.compare(VectorOperators.LT, 0f).eq(u0.compare(VectorOperators.LT, 0f)));
            g = g.add(GainRule.INCREASE).blend(g.mul(GainRule.DECAY), sameSign).max(minGain); // GainRule.next in lanes
            g.intoArray(gains, i);
            FloatVector u = u0.mul(momentum).sub(g.mul(eta).mul(d));
            u.intoArray(update, i);
            FloatVector.fromArray(F, y, i).add(u).intoArray(y, i);
        }
        ScalarKernels.gainsStep(y, update, gains, grad, i, n, momentum, eta, minGain); // the tail, lane by lane
    }

    private static void tileFourQueries(float[] points, int dim, int q, int row, float[] refT, int refCount, float[] out) {
        int b0 = q * dim, b1 = b0 + dim, b2 = b1 + dim, b3 = b2 + dim;
        int o0 = row * refCount, o1 = o0 + refCount, o2 = o1 + refCount, o3 = o2 + refCount;
        int bound = F.loopBound(refCount);
        int r = 0;
        // 4 queries x 4 reference vectors: 16 accumulators, each broadcast feeds 4 subtractions
        // and each reference load 4 (the 4 x 1 loop below does one vector per broadcast). Every
        // accumulator sums over k in the same order, so the bits do not depend on the blocking.
        for (; r + 4 * L <= bound; r += 4 * L) {
            tileFourByFour(points, dim, b0, b1, b2, b3, o0, o1, o2, o3, r, refT, refCount, out);
        }
        for (; r < bound; r += L) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int k = 0, off = r; k < dim; k++, off += refCount) {
                FloatVector ref = FloatVector.fromArray(F, refT, off);
                FloatVector t0 = ref.sub(points[b0 + k]);
                FloatVector t1 = ref.sub(points[b1 + k]);
                FloatVector t2 = ref.sub(points[b2 + k]);
                FloatVector t3 = ref.sub(points[b3 + k]);
                a0 = t0.fma(t0, a0);
                a1 = t1.fma(t1, a1);
                a2 = t2.fma(t2, a2);
                a3 = t3.fma(t3, a3);
            }
            a0.intoArray(out, o0 + r);
            a1.intoArray(out, o1 + r);
            a2.intoArray(out, o2 + r);
            a3.intoArray(out, o3 + r);
        }
        if (r < refCount) {
            VectorMask<Float> m = F.indexInRange(r, refCount);
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int k = 0, off = r; k < dim; k++, off += refCount) {
                FloatVector ref = FloatVector.fromArray(F, refT, off, m);
                FloatVector t0 = ref.sub(points[b0 + k]);
                FloatVector t1 = ref.sub(points[b1 + k]);
                FloatVector t2 = ref.sub(points[b2 + k]);
                FloatVector t3 = ref.sub(points[b3 + k]);
                a0 = t0.fma(t0, a0);
                a1 = t1.fma(t1, a1);
                a2 = t2.fma(t2, a2);
                a3 = t3.fma(t3, a3);
            }
            a0.intoArray(out, o0 + r, m);
            a1.intoArray(out, o1 + r, m);
            a2.intoArray(out, o2 + r, m);
            a3.intoArray(out, o3 + r, m);
        }
    }

    private static void tileFourByFour(float[] points, int dim, int b0, int b1, int b2, int b3, int o0, int o1, int o2, int o3,
                                       int r, float[] refT, int refCount, float[] out) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        for (int k = 0, off = r; k < dim; k++, off += refCount) {
            FloatVector f0 = FloatVector.fromArray(F, refT, off), f1 = FloatVector.fromArray(F, refT, off + L);
            FloatVector f2 = FloatVector.fromArray(F, refT, off + 2 * L), f3 = FloatVector.fromArray(F, refT, off + 3 * L);
            float p0 = points[b0 + k], p1 = points[b1 + k], p2 = points[b2 + k], p3 = points[b3 + k];
            FloatVector t;
            t = f0.sub(p0); a00 = t.fma(t, a00);
            t = f1.sub(p0); a01 = t.fma(t, a01);
            t = f2.sub(p0); a02 = t.fma(t, a02);
            t = f3.sub(p0); a03 = t.fma(t, a03);
            t = f0.sub(p1); a10 = t.fma(t, a10);
            t = f1.sub(p1); a11 = t.fma(t, a11);
            t = f2.sub(p1); a12 = t.fma(t, a12);
            t = f3.sub(p1); a13 = t.fma(t, a13);
            t = f0.sub(p2); a20 = t.fma(t, a20);
            t = f1.sub(p2); a21 = t.fma(t, a21);
            t = f2.sub(p2); a22 = t.fma(t, a22);
            t = f3.sub(p2); a23 = t.fma(t, a23);
            t = f0.sub(p3); a30 = t.fma(t, a30);
            t = f1.sub(p3); a31 = t.fma(t, a31);
            t = f2.sub(p3); a32 = t.fma(t, a32);
            t = f3.sub(p3); a33 = t.fma(t, a33);
        }
        a00.intoArray(out, o0 + r); a01.intoArray(out, o0 + r + L); a02.intoArray(out, o0 + r + 2 * L); a03.intoArray(out, o0 + r + 3 * L);
        a10.intoArray(out, o1 + r); a11.intoArray(out, o1 + r + L); a12.intoArray(out, o1 + r + 2 * L); a13.intoArray(out, o1 + r + 3 * L);
        a20.intoArray(out, o2 + r); a21.intoArray(out, o2 + r + L); a22.intoArray(out, o2 + r + 2 * L); a23.intoArray(out, o2 + r + 3 * L);
        a30.intoArray(out, o3 + r); a31.intoArray(out, o3 + r + L); a32.intoArray(out, o3 + r + 2 * L); a33.intoArray(out, o3 + r + 3 * L);
    }

    private static void tileOneQuery(float[] points, int dim, int q, int row, float[] refT, int refCount, float[] out) {
        int b = q * dim, o = row * refCount;
        int bound = F.loopBound(refCount);
        int r = 0;
        for (; r < bound; r += L) {
            FloatVector a = FloatVector.zero(F);
            for (int k = 0, off = r; k < dim; k++, off += refCount) {
                FloatVector t = FloatVector.fromArray(F, refT, off).sub(points[b + k]);
                a = t.fma(t, a);
            }
            a.intoArray(out, o + r);
        }
        if (r < refCount) {
            VectorMask<Float> m = F.indexInRange(r, refCount);
            FloatVector a = FloatVector.zero(F);
            for (int k = 0, off = r; k < dim; k++, off += refCount) {
                FloatVector t = FloatVector.fromArray(F, refT, off, m).sub(points[b + k]);
                a = t.fma(t, a);
            }
            a.intoArray(out, o + r, m);
        }
    }

    // Shuffles folding lane k + half onto lane k (indices wrap, so each is valid at any width).
    private static final VectorShuffle<Float> FOLD8 = fold(8);
    private static final VectorShuffle<Float> FOLD4 = fold(4);
    private static final VectorShuffle<Float> FOLD2 = fold(2);
    private static final VectorShuffle<Float> FOLD1 = fold(1);

    private static VectorShuffle<Float> fold(int half) {
        return VectorShuffle.fromOp(F, k -> (k + half) % F.length());
    }

    @Override
    public void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums) {
        float[] lanes = new float[L]; // lane sums go through memory: see VectorMath.sumLanes
        // beta may grow past the float range while bisection chases a very low entropy; clamping
        // keeps 0 * beta = 0 for the nearest candidates instead of 0 * inf = NaN.
        FloatVector negBeta = FloatVector.broadcast(F, (float) -Math.min(beta, Float.MAX_VALUE));
        FloatVector vmin = FloatVector.broadcast(F, dMin);
        double sum = 0, weighted = 0;
        for (int t = 0; t < m; t += TILE) {
            int end = Math.min(m, t + TILE);
            FloatVector vs = FloatVector.zero(F), vw = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector sh = FloatVector.fromArray(F, d, j).sub(vmin);
                FloatVector e = VectorMath.exp(sh.mul(negBeta));
                if (eOut != null) {
                    e.intoArray(eOut, j);
                }
                vs = vs.add(e);
                vw = e.fma(sh, vw);
            }
            if (j < end) {
                VectorMask<Float> mk = F.indexInRange(j, end);
                FloatVector sh = FloatVector.fromArray(F, d, j, mk).sub(vmin).blend(0f, mk.not());
                FloatVector e = VectorMath.exp(sh.mul(negBeta)).blend(0f, mk.not());
                if (eOut != null) {
                    e.intoArray(eOut, j, mk);
                }
                vs = vs.add(e);
                vw = e.fma(sh, vw);
            }
            vs.intoArray(lanes, 0);
            sum += VectorMath.sumLanes(lanes);
            vw.intoArray(lanes, 0);
            weighted += VectorMath.sumLanes(lanes);
        }
        sums[0] = sum;
        sums[1] = weighted;
    }

    // ---------------------------------------------------------------- t-SNE repulsion, dense

    @Override
    public void tsneRepulsionRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        double[] acc = new double[4];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        boolean three = axes.length == 3;
        int stride = axes.length + 1;
        for (int i = iFrom; i < iTo; i++) {
            java.util.Arrays.fill(acc, 0);
            // j in [0, i) then (i, n): the self pair is skipped exactly
            if (three) {
                repulsion3(axes[0], axes[1], axes[2], i, 0, i, lanes, acc);
                repulsion3(axes[0], axes[1], axes[2], i, i + 1, n, lanes, acc);
            } else {
                repulsion2(axes[0], axes[1], i, 0, i, lanes, acc);
                repulsion2(axes[0], axes[1], i, i + 1, n, lanes, acc);
            }
            System.arraycopy(acc, 0, out, i * stride, stride);
        }
    }

    /** acc[0..1] += Σ w² (y_i - y_j), acc[2] += Σ w over j in [lo, hi). */
    private static void repulsion2(float[] x, float[] y, int i, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
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
            vrx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vry.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
            vz.intoArray(lanes, 0);
            acc[2] += VectorMath.sumLanes(lanes);
        }
    }

    /** acc[0..2] += Σ w² (y_i - y_j), acc[3] += Σ w over j in [lo, hi). */
    private static void repulsion3(float[] x, float[] y, float[] zc, int i, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vrx = FloatVector.zero(F), vry = FloatVector.zero(F), vrz = FloatVector.zero(F), vz = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j));
                FloatVector w = one.div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
                FloatVector w2 = w.mul(w);
                vrx = w2.fma(dx, vrx);
                vry = w2.fma(dy, vry);
                vrz = w2.fma(dz, vrz);
                vz = vz.add(w);
            }
            if (j < end) {
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
            vrx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vry.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
            vrz.intoArray(lanes, 0);
            acc[2] += VectorMath.sumLanes(lanes);
            vz.intoArray(lanes, 0);
            acc[3] += VectorMath.sumLanes(lanes);
        }
    }

    // ---------------------------------------------------------------- CSR kernels
    //
    // A row that stores all n - 1 other points (n = axes[0].length; ExactAffinities stores dense
    // rows that way) is read with contiguous loads in two ranges around i: entry k of the row is
    // point k for k < i and point k + 1 after. Other rows are read with gathers, four times
    // slower per entry here, worth it only while a row is sparse.

    private static boolean fullRow(int[] rowStart, int i, int n) {
        return rowStart[i + 1] - rowStart[i] == n - 1;
    }

    @Override
    public void tsneAttractionRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        int n = axes[0].length;
        boolean three = axes.length == 3;
        int dims = axes.length;
        double[] acc = new double[3];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        for (int i = iFrom; i < iTo; i++) {
            // plain stores, not Arrays.fill / System.arraycopy: a row is ~130 entries, and the
            // calls' fixed cost on 2-3 elements was ~1 ms of a 70k pass
            acc[0] = 0;
            acc[1] = 0;
            acc[2] = 0;
            int start = rowStart[i];
            if (three) {
                if (fullRow(rowStart, i, n)) {
                    attractionContiguous3(axes[0], axes[1], axes[2], i, vals, start, 0, i, lanes, acc);
                    attractionContiguous3(axes[0], axes[1], axes[2], i, vals, start - 1, i + 1, n, lanes, acc);
                } else {
                    attractionGather3(axes[0], axes[1], axes[2], i, cols, vals, start, rowStart[i + 1], lanes, acc);
                }
            } else {
                if (fullRow(rowStart, i, n)) {
                    attractionContiguous2(axes[0], axes[1], i, vals, start, 0, i, lanes, acc);
                    attractionContiguous2(axes[0], axes[1], i, vals, start - 1, i + 1, n, lanes, acc);
                } else {
                    attractionGather2(axes[0], axes[1], i, cols, vals, start, rowStart[i + 1], lanes, acc);
                }
            }
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = acc[a];
            }
        }
    }

    /** acc += Σ p[pOff + j] w (y_i - y_j) over points j in [lo, hi). */
    private static void attractionContiguous2(float[] x, float[] y, int i, float[] p, int pOff, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                FloatVector pw = FloatVector.fromArray(F, p, pOff + j).div(dx.fma(dx, dy.fma(dy, one)));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
            }
            if (j < end) {
                VectorMask<Float> m = F.indexInRange(j, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                FloatVector pw = FloatVector.fromArray(F, p, pOff + j, m).div(dx.fma(dx, dy.fma(dy, one)));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
            }
            vx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vy.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
        }
    }

    /** acc += Σ vals[k] w (y_i - y_cols[k]) over entries k in [lo, hi). */
    private static void attractionGather2(float[] x, float[] y, int i, int[] cols, float[] p, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F);
            int k = t;
            for (int bound = t + F.loopBound(end - t); k < bound; k += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k));
                FloatVector pw = FloatVector.fromArray(F, p, k).div(dx.fma(dx, dy.fma(dy, one)));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
            }
            if (k < end) { // cols is padded past the last entry, so the index vector is in bounds
                VectorMask<Float> m = F.indexInRange(k, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                FloatVector pw = FloatVector.fromArray(F, p, k, m).div(dx.fma(dx, dy.fma(dy, one)));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
            }
            vx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vy.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
        }
    }

    private static void attractionContiguous3(float[] x, float[] y, float[] zc, int i, float[] p, int pOff, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F), vz = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j));
                FloatVector pw = FloatVector.fromArray(F, p, pOff + j).div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
                vz = pw.fma(dz, vz);
            }
            if (j < end) {
                VectorMask<Float> m = F.indexInRange(j, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                FloatVector pw = FloatVector.fromArray(F, p, pOff + j, m).div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
                vz = pw.fma(dz, vz);
            }
            vx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vy.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
            vz.intoArray(lanes, 0);
            acc[2] += VectorMath.sumLanes(lanes);
        }
    }

    private static void attractionGather3(float[] x, float[] y, float[] zc, int i, int[] cols, float[] p, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F), vz = FloatVector.zero(F);
            int k = t;
            for (int bound = t + F.loopBound(end - t); k < bound; k += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k));
                FloatVector pw = FloatVector.fromArray(F, p, k).div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
                vz = pw.fma(dz, vz);
            }
            if (k < end) {
                VectorMask<Float> m = F.indexInRange(k, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                FloatVector pw = FloatVector.fromArray(F, p, k, m).div(dx.fma(dx, dy.fma(dy, dz.fma(dz, one))));
                vx = pw.fma(dx, vx);
                vy = pw.fma(dy, vy);
                vz = pw.fma(dz, vz);
            }
            vx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vy.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
            vz.intoArray(lanes, 0);
            acc[2] += VectorMath.sumLanes(lanes);
        }
    }

    /** What a CSR reduction computes per entry from d² and the stored value. */
    private enum Term { LOG1P, SQUARED }

    @Override
    public void tsneLogKernelRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        weightedReductionRows(axes, rowStart, cols, vals, iFrom, iTo, out, Term.LOG1P);
    }

    @Override
    public void weightedSquaredDistanceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        weightedReductionRows(axes, rowStart, cols, vals, iFrom, iTo, out, Term.SQUARED);
    }

    /** Σ_j v_ij f(|y_i - y_j|²) per row, f = log(1 + ·) or the identity. Used for costs only. */
    private static void weightedReductionRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out, Term term) {
        int n = axes[0].length;
        boolean three = axes.length == 3;
        float[] zc = three ? axes[2] : axes[0];
        boolean log = term == Term.LOG1P;
        double[] acc = new double[1];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        for (int i = iFrom; i < iTo; i++) {
            acc[0] = 0;
            int start = rowStart[i];
            if (fullRow(rowStart, i, n)) {
                reduceContiguous(axes[0], axes[1], zc, three, log, i, vals, start, 0, i, lanes, acc);
                reduceContiguous(axes[0], axes[1], zc, three, log, i, vals, start - 1, i + 1, n, lanes, acc);
            } else {
                reduceGather(axes[0], axes[1], zc, three, log, i, cols, vals, start, rowStart[i + 1], lanes, acc);
            }
            out[i] = acc[0];
        }
    }

    private static void reduceContiguous(float[] x, float[] y, float[] zc, boolean three, boolean log, int i,
                                         float[] p, int pOff, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector s = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j));
                    d2 = dz.fma(dz, d2);
                }
                FloatVector f = log ? VectorMath.log(d2.add(one)) : d2;
                s = FloatVector.fromArray(F, p, pOff + j).fma(f, s);
            }
            if (j < end) {
                VectorMask<Float> m = F.indexInRange(j, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                    d2 = dz.fma(dz, d2);
                }
                FloatVector f = log ? VectorMath.log(d2.add(one)) : d2;
                s = FloatVector.fromArray(F, p, pOff + j, m).fma(f, s); // masked lanes: p = 0
            }
            s.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
        }
    }

    private static void reduceGather(float[] x, float[] y, float[] zc, boolean three, boolean log, int i,
                                     int[] cols, float[] p, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector s = FloatVector.zero(F);
            int k = t;
            for (int bound = t + F.loopBound(end - t); k < bound; k += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k));
                    d2 = dz.fma(dz, d2);
                }
                FloatVector f = log ? VectorMath.log(d2.add(one)) : d2;
                s = FloatVector.fromArray(F, p, k).fma(f, s);
            }
            if (k < end) {
                VectorMask<Float> m = F.indexInRange(k, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, 0, cols, k, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, 0, cols, k, m));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, 0, cols, k, m));
                    d2 = dz.fma(dz, d2);
                }
                FloatVector f = log ? VectorMath.log(d2.add(one)) : d2;
                s = FloatVector.fromArray(F, p, k, m).fma(f, s);
            }
            s.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
        }
    }

    @Override
    public void weightedDifferenceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        int n = axes[0].length;
        int dims = axes.length;
        double[] acc = new double[1];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        for (int i = iFrom; i < iTo; i++) {
            int start = rowStart[i];
            boolean full = fullRow(rowStart, i, n);
            for (int a = 0; a < dims; a++) {
                acc[0] = 0;
                if (full) {
                    differenceContiguous(axes[a], i, vals, start, 0, i, lanes, acc);
                    differenceContiguous(axes[a], i, vals, start - 1, i + 1, n, lanes, acc);
                } else {
                    differenceGather(axes[a], i, cols, vals, start, rowStart[i + 1], lanes, acc);
                }
                out[i * dims + a] = acc[0];
            }
        }
    }

    private static void differenceContiguous(float[] c, int i, float[] p, int pOff, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector ci = FloatVector.broadcast(F, c[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector s = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                s = FloatVector.fromArray(F, p, pOff + j).fma(ci.sub(FloatVector.fromArray(F, c, j)), s);
            }
            if (j < end) {
                VectorMask<Float> m = F.indexInRange(j, end);
                s = FloatVector.fromArray(F, p, pOff + j, m).fma(ci.sub(FloatVector.fromArray(F, c, j, m)), s);
            }
            s.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
        }
    }

    private static void differenceGather(float[] c, int i, int[] cols, float[] p, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector ci = FloatVector.broadcast(F, c[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector s = FloatVector.zero(F);
            int k = t;
            for (int bound = t + F.loopBound(end - t); k < bound; k += L) {
                s = FloatVector.fromArray(F, p, k).fma(ci.sub(FloatVector.fromArray(F, c, 0, cols, k)), s);
            }
            if (k < end) {
                VectorMask<Float> m = F.indexInRange(k, end);
                s = FloatVector.fromArray(F, p, k, m).fma(ci.sub(FloatVector.fromArray(F, c, 0, cols, k, m)), s);
            }
            s.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
        }
    }

    // ---------------------------------------------------------------- SNE, dense

    @Override
    public void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] zc = three ? axes[2] : axes[0];
        double[] acc = new double[1];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        for (int i = iFrom; i < iTo; i++) {
            // Pass 1: the nearest squared distance, so that pass 2's largest term is exp(0) = 1.
            float min = Math.min(nearest(axes[0], axes[1], zc, three, i, 0, i), nearest(axes[0], axes[1], zc, three, i, i + 1, n));
            acc[0] = 0;
            expSum(axes[0], axes[1], zc, three, i, min, 0, i, lanes, acc);
            expSum(axes[0], axes[1], zc, three, i, min, i + 1, n, lanes, acc);
            out[i] = Math.log(acc[0]) - min;
        }
    }

    private static float nearest(float[] x, float[] y, float[] zc, boolean three, int i, int lo, int hi) {
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        FloatVector vmin = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        int j = lo;
        for (int bound = lo + F.loopBound(hi - lo); j < bound; j += L) {
            FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
            FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
            FloatVector d2 = dx.fma(dx, dy.mul(dy));
            if (three) {
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j));
                d2 = dz.fma(dz, d2);
            }
            vmin = vmin.min(d2);
        }
        if (j < hi) {
            VectorMask<Float> m = F.indexInRange(j, hi);
            FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
            FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
            FloatVector d2 = dx.fma(dx, dy.mul(dy));
            if (three) {
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                d2 = dz.fma(dz, d2);
            }
            vmin = vmin.lanewise(VectorOperators.MIN, d2, m);
        }
        return vmin.reduceLanes(VectorOperators.MIN); // exact in any order
    }

    private static void expSum(float[] x, float[] y, float[] zc, boolean three, int i, float min, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        FloatVector vm = FloatVector.broadcast(F, min);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector s = FloatVector.zero(F);
            int j = t;
            for (int bound = t + F.loopBound(end - t); j < bound; j += L) {
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j));
                    d2 = dz.fma(dz, d2);
                }
                s = s.add(VectorMath.exp(vm.sub(d2)));
            }
            if (j < end) {
                VectorMask<Float> m = F.indexInRange(j, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                    d2 = dz.fma(dz, d2);
                }
                s = s.add(VectorMath.exp(vm.sub(d2)), m);
            }
            s.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
        }
    }

    @Override
    public void sneRepulsionRows(float[][] axes, float[] logZ, int n, int iFrom, int iTo, double[] out) {
        boolean three = axes.length == 3;
        float[] zc = three ? axes[2] : axes[0];
        int dims = axes.length;
        double[] acc = new double[3];
        float[] lanes = new float[L]; // one lane scratch per call, not per row (sumLanes reads it)
        for (int i = iFrom; i < iTo; i++) {
            java.util.Arrays.fill(acc, 0);
            sneRepulsion(axes[0], axes[1], zc, three, logZ, i, 0, i, lanes, acc);
            sneRepulsion(axes[0], axes[1], zc, three, logZ, i, i + 1, n, lanes, acc);
            System.arraycopy(acc, 0, out, i * dims, dims);
        }
    }

    /**
     * acc += Σ (q_j|i + q_i|j)(y_i - y_j) over j in [lo, hi). One masked loop body rather than a
     * main loop plus tail: with two exp polynomials per step the duplicated body was too large
     * for C1 ("out of virtual registers"), which left it interpreted until C2 compiled it, and
     * the two exps cost far more than the masked loads.
     */
    private static void sneRepulsion(float[] x, float[] y, float[] zc, boolean three, float[] logZ, int i, int lo, int hi, float[] lanes, double[] acc) {
        FloatVector xi = FloatVector.broadcast(F, x[i]);
        FloatVector yi = FloatVector.broadcast(F, y[i]);
        FloatVector zi = FloatVector.broadcast(F, zc[i]);
        FloatVector lzi = FloatVector.broadcast(F, logZ[i]);
        for (int t = lo; t < hi; t += TILE) {
            int end = Math.min(hi, t + TILE);
            FloatVector vx = FloatVector.zero(F), vy = FloatVector.zero(F), vz = FloatVector.zero(F);
            for (int j = t; j < end; j += L) {
                VectorMask<Float> m = F.indexInRange(j, end);
                FloatVector dx = xi.sub(FloatVector.fromArray(F, x, j, m));
                FloatVector dy = yi.sub(FloatVector.fromArray(F, y, j, m));
                FloatVector dz = zi.sub(FloatVector.fromArray(F, zc, j, m));
                FloatVector d2 = dx.fma(dx, dy.mul(dy));
                if (three) {
                    d2 = dz.fma(dz, d2);
                }
                FloatVector negD2 = d2.neg();
                FloatVector q = VectorMath.exp(negD2.sub(lzi)).add(VectorMath.exp(negD2.sub(FloatVector.fromArray(F, logZ, j, m))))
                        .blend(0f, m.not()); // masked lanes read diff = c_i and logZ = 0
                vx = q.fma(dx, vx);
                vy = q.fma(dy, vy);
                vz = q.fma(dz, vz); // in 2-D zc aliases x: computed, never written out
            }
            vx.intoArray(lanes, 0);
            acc[0] += VectorMath.sumLanes(lanes);
            vy.intoArray(lanes, 0);
            acc[1] += VectorMath.sumLanes(lanes);
            vz.intoArray(lanes, 0);
            acc[2] += VectorMath.sumLanes(lanes);
        }
    }
}
