package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StepKernels#gainsStep} against its formula evaluated here in double, for the kernels in use
 * (at this run's width: pom.xml runs this package at 128, 256 and 512 bits) and the twin. The
 * vector kernel hands the last n mod lanes points to the twin, so a twin test alone compares the
 * tail with itself; sizes here are 3 vectors plus every tail length, so the vector loop and each
 * tail run, and both are held to the formula: gain' = max(gain · 0.8 if the gradient and the
 * previous update have the same sign (zero its own sign), else gain + 0.2, the floor);
 * u' = momentum · u − eta · gain' · grad; y' = y + u'. Tolerances: float rounding of those
 * operations, 1 ulp on the gain and 2^-22 of the terms' magnitudes on u' and y'.
 */
class GainsStepReferenceTest {

    private static final float MOMENTUM = 0.8f, ETA = 1458.3f, MIN_GAIN = 0.01f;

    static Stream<Integer> sizes() {
        int lanes = Math.max(1, KernelSet.preferred().vectorBits() / Float.SIZE);
        return IntStream.range(0, Math.max(lanes, 2)).map(tail -> 3 * lanes + tail).boxed();
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void vectorKernelAndTailFollowTheFormula(int n) {
        check(KernelSet.preferred().step(), n);
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void twinFollowsTheFormula(int n) {
        check(KernelSet.scalar().step(), n);
    }

    private static void check(StepKernels kernels, int n) {
        SplittableRandom r = new SplittableRandom(41L * n + kernels.vectorBits());
        float[] y = new float[n], u = new float[n], gains = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(8);
            y[i] = (float) (r.nextGaussian() * 30);
            u[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) (r.nextGaussian() * 1e-2);
            gains[i] = kind == 2 ? MIN_GAIN : kind == 3 ? 0.005f : (float) r.nextDouble(0.01, 5);
        }
        for (int step = 0; step < 3; step++) {
            float[] grad = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(8);
                grad[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) (r.nextGaussian() * 1e-3);
            }
            double[] wantY = new double[n], wantU = new double[n], wantGain = new double[n];
            double[] uScale = new double[n];
            for (int i = 0; i < n; i++) {
                double d = grad[i], u0 = u[i], g = gains[i];
                boolean sameSign = Math.signum(d) == Math.signum(u0);
                double gain = Math.max(sameSign ? g * 0.8 : g + 0.2, MIN_GAIN);
                // the kernel's gain is a float: the update is formed from it, not from the double
                wantGain[i] = gain;
                double gf = (float) gain;
                wantU[i] = (double) MOMENTUM * u0 - (double) ETA * gf * d;
                uScale[i] = Math.abs((double) MOMENTUM * u0) + Math.abs((double) ETA * gf * d);
                wantY[i] = y[i] + wantU[i];
            }
            float[] yBefore = y.clone();
            kernels.gainsStep(y, u, gains, grad, n, MOMENTUM, ETA, MIN_GAIN);
            for (int i = 0; i < n; i++) {
                String at = kernels.name() + " n " + n + " step " + step + " point " + i;
                assertEquals(wantGain[i], gains[i], Math.ulp((float) wantGain[i]), "gain, " + at);
                assertEquals(wantU[i], u[i], 0x1p-22 * uScale[i], "update, " + at);
                assertEquals(wantY[i], y[i], 0x1p-22 * (Math.abs(yBefore[i]) + uScale[i]), "y, " + at);
            }
        }
    }
}
