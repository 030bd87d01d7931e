package dev.vtsne.simd.panama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log built from IEEE-exact lane operations (add, multiply, fma, shifts), and a lane sum
 * in a fixed order.
 *
 * <p>Why not {@code lanewise(EXP)} and {@code reduceLanes(ADD)}: their results depend on how the
 * JVM happens to run the code. Compiled by C2, EXP calls a SIMD math library; interpreted or in
 * C1, it calls {@code Math.exp} per lane; and reduceLanes(ADD) is free to add lanes in any order (and does differ).
 * A row evaluated before and after JIT compilation would then differ in its last bits, and the
 * same seed would not give the same embedding twice. The polynomials below (Cephes expf/logf,
 * about 2 ulp on the ranges used) give the same bits in every execution mode.
 */
final class VectorMath {

    private static final VectorSpecies<Float> F = VectorKernels.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding and subtracting 1.5 × 2^23 rounds a float of magnitude < 2^22 to the nearest integer. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final float EXP_MIN = -87.33654f; // below this e^x is subnormal: flushed to 0
    private static final float EXP_MAX = 88.37626f;
    private static final float SQRT_HALF = 0.707106781186547524f;

    // No static final FloatVector constants: a vector held in a static field is a boxed object,
    // and C2 then boxes the values that meet it in loop phis, allocating per iteration (seen
    // here: 8x slower). Broadcasts of scalar constants are hoisted out of loops instead.

    private VectorMath() {}

    /** e^x per lane; lanes below -87.3 give 0, above 88.4 give +inf. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector k = xc.mul(LOG2E).add(ROUND_MAGIC).sub(ROUND_MAGIC);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = k.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, 1.9875691500E-4f);
        p = p.fma(r, FloatVector.broadcast(F, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
        FloatVector r2 = r.mul(r);
        FloatVector er = p.fma(r2, r).add(1f);
        IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
        FloatVector pow2 = ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = er.mul(pow2);
        VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_MIN);
        VectorMask<Float> over = x.compare(VectorOperators.GT, EXP_MAX);
        return y.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
    }

    /** Natural log per lane, for normal positive lanes (callers pass 1 + d² &ge; 1). */
    static FloatVector log(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(126)
                .convert(VectorOperators.I2F, 0).reinterpretAsFloats();
        // mantissa in [0.5, 1)
        FloatVector m = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
        e = e.sub(1f, small);
        FloatVector f = m.add(m.blend(0f, small.not())).sub(1f); // 2m - 1 where small, else m - 1
        FloatVector z = f.mul(f);
        FloatVector y = FloatVector.broadcast(F, 7.0376836292E-2f);
        y = y.fma(f, FloatVector.broadcast(F, -1.1514610310E-1f));
        y = y.fma(f, FloatVector.broadcast(F, 1.1676998740E-1f));
        y = y.fma(f, FloatVector.broadcast(F, -1.2420140846E-1f));
        y = y.fma(f, FloatVector.broadcast(F, 1.4249322787E-1f));
        y = y.fma(f, FloatVector.broadcast(F, -1.6668057665E-1f));
        y = y.fma(f, FloatVector.broadcast(F, 2.0000714765E-1f));
        y = y.fma(f, FloatVector.broadcast(F, -2.4999993993E-1f));
        y = y.fma(f, FloatVector.broadcast(F, 3.3333331174E-1f));
        y = y.mul(f).mul(z);
        y = e.fma(FloatVector.broadcast(F, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(F, -0.5f), y);
        FloatVector r = f.add(y);
        return e.fma(FloatVector.broadcast(F, LN2_HI), r);
    }

    /**
     * Σ of the lanes a kernel stored with {@code v.intoArray(lanes, 0)}, in lane order, in double:
     * the same rounding in every execution mode, unlike {@code reduceLanes(ADD)} whose order is
     * unspecified. Kernels store the vector themselves rather than pass it here: a vector handed
     * to a method that C2 does not inline is boxed (seen: 2.7 MB allocated per t-SNE gradient at
     * n = 4000 when the sum took a FloatVector argument).
     */
    static double sumLanes(float[] lanes) {
        // four interleaved partial sums: a fixed order, and a quarter of the dependent-add latency
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < lanes.length; k += 4) {
            s0 += lanes[k];
            s1 += lanes[k + 1];
            s2 += lanes[k + 2];
            s3 += lanes[k + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
