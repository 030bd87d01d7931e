package dev.vtsne.simd.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The exp and log polynomials against java.lang.Math (double, then rounded), and the fixed-order
 * lane sum against a double sum. Bounds: exp within 3 ulp of the correctly rounded float on
 * [-87, 10], 0 below -87.34; log within 3 ulp on [1, 1e30]; the lane sum (in double) within 1e-12.
 */
class VectorMathTest {

    private static final int L = VectorKernels.F.length();

    @Test
    void expMatchesMath() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[L], out = new float[L];
        for (int trial = 0; trial < 20_000; trial++) {
            for (int k = 0; k < L; k++) {
                x[k] = (float) (-87 + r.nextDouble() * 97);
            }
            x[0] = trial == 0 ? 0f : x[0];
            VectorMath.exp(FloatVector.fromArray(VectorKernels.F, x, 0)).intoArray(out, 0);
            for (int k = 0; k < L; k++) {
                float expected = (float) Math.exp(x[k]);
                assertEquals(expected, out[k], 3 * Math.ulp(expected), "exp(" + x[k] + ")");
            }
        }
        x[0] = -90f;
        x[L - 1] = -1e30f;
        VectorMath.exp(FloatVector.fromArray(VectorKernels.F, x, 0)).intoArray(out, 0);
        assertEquals(0f, out[0]);
        assertEquals(0f, out[L - 1]);
    }

    @Test
    void logMatchesMath() {
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[L], out = new float[L];
        for (int trial = 0; trial < 20_000; trial++) {
            for (int k = 0; k < L; k++) {
                x[k] = (float) Math.exp(r.nextDouble() * 69); // 1 .. 1e30
            }
            x[0] = trial == 0 ? 1f : x[0];
            VectorMath.log(FloatVector.fromArray(VectorKernels.F, x, 0)).intoArray(out, 0);
            for (int k = 0; k < L; k++) {
                float expected = (float) Math.log(x[k]);
                assertEquals(expected, out[k], 3 * Math.ulp(Math.max(expected, 1e-7f)), "log(" + x[k] + ")");
            }
        }
    }

    @Test
    void laneSumIsAccurate() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[L];
        for (int trial = 0; trial < 1000; trial++) {
            double exact = 0, abs = 0;
            for (int k = 0; k < L; k++) {
                x[k] = (float) (r.nextGaussian() * 1e3);
                exact += x[k];
                abs += Math.abs(x[k]);
            }
            assertEquals(exact, VectorMath.sumLanes(x), 1e-12 * abs);
        }
    }
}
