package dev.vtsne.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The mixed-radix float FFT against a naive O(n²) DFT in double of the same inputs, forward and inverse, batched. */
class ComplexFftTest {

    /** The scalar twin: the vector butterflies are held to its bits by {@code simd.FftButterflyTwinTest}. */
    private static final FftButterflies BUTTERFLIES = ScalarFftButterflies.INSTANCE;

    /** Sizes exercising every butterfly: radix 4, 2, 3, 5, a generic prime (7, 11, 13) and mixes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 30, 49, 60, 100, 143, 300, 360, 600, 1200})
    void forwardMatchesNaiveDftForEachSequenceOfABatch(int n) {
        int batch = 3;
        SplittableRandom r = new SplittableRandom(n);
        float[] re = new float[n * batch], im = new float[n * batch];
        for (int i = 0; i < re.length; i++) {
            re[i] = (float) r.nextDouble(-1, 1);
            im[i] = (float) r.nextDouble(-1, 1);
        }
        float[] fr = re.clone(), fi = im.clone();
        new ComplexFft(n, BUTTERFLIES).forward(fr, fi, new float[n * batch], new float[n * batch], batch);
        for (int b = 0; b < batch; b++) {
            double[][] want = naiveDft(re, im, n, batch, b, -1);
            for (int k = 0; k < n; k++) {
                assertEquals(want[0][k], fr[k * batch + b], tolerance(n), "re, n=" + n + " k=" + k);
                assertEquals(want[1][k], fi[k * batch + b], tolerance(n), "im, n=" + n + " k=" + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 60, 77, 1200})
    void inverseMatchesNaiveInverseDftAndRoundTrips(int n) {
        SplittableRandom r = new SplittableRandom(7 * n);
        float[] re = new float[n], im = new float[n];
        for (int i = 0; i < n; i++) {
            re[i] = (float) r.nextDouble(-1, 1);
            im[i] = (float) r.nextDouble(-1, 1);
        }
        ComplexFft fft = new ComplexFft(n, BUTTERFLIES);
        float[] ir = re.clone(), ii = im.clone(), s1 = new float[n], s2 = new float[n];
        fft.inverse(ir, ii, s1, s2, 1);
        double[][] want = naiveDft(re, im, n, 1, 0, +1);
        for (int k = 0; k < n; k++) {
            assertEquals(want[0][k], ir[k], tolerance(n));
            assertEquals(want[1][k], ii[k], tolerance(n));
        }
        fft.forward(ir, ii, s1, s2, 1);
        for (int k = 0; k < n; k++) {
            // a round trip's error: a few roundings per stage, relative to the inputs (of size 1)
            assertEquals(re[k], ir[k] / n, 1e-7 * (2 + Math.log(n) / Math.log(2)));
            assertEquals(im[k], ii[k] / n, 1e-7 * (2 + Math.log(n) / Math.log(2)));
        }
    }

    @Test
    void batchSizeDoesNotChangeTheBits() {
        int n = 360;
        SplittableRandom r = new SplittableRandom(1);
        float[] re = new float[n], im = new float[n];
        for (int i = 0; i < n; i++) {
            re[i] = r.nextFloat();
            im[i] = r.nextFloat();
        }
        ComplexFft fft = new ComplexFft(n, BUTTERFLIES);
        float[] a = re.clone(), ai = im.clone();
        fft.forward(a, ai, new float[n], new float[n], 1);
        float[] br = new float[n * 5], bi = new float[n * 5];
        for (int k = 0; k < n; k++) {
            br[k * 5 + 3] = re[k];
            bi[k * 5 + 3] = im[k];
        }
        fft.forward(br, bi, new float[n * 5], new float[n * 5], 5);
        float[] got = new float[n], goti = new float[n];
        for (int k = 0; k < n; k++) {
            got[k] = br[k * 5 + 3];
            goti[k] = bi[k * 5 + 3];
        }
        assertArrayEquals(a, got, 0);
        assertArrayEquals(ai, goti, 0);
    }

    @Test
    void smoothSizes() {
        assertEquals(50, FftSizes.nextSmooth(50));
        assertEquals(54, FftSizes.nextSmooth(51));
        assertEquals(64, FftSizes.nextSmooth(63));
        assertEquals(1, FftSizes.nextSmooth(1));
        assertTrue(FftSizes.isSmooth(1200));
        assertFalse(FftSizes.isSmooth(77));
        assertThrows(IllegalArgumentException.class, () -> FftSizes.nextSmooth(0));
        assertThrows(IllegalArgumentException.class, () -> new ComplexFft(0, BUTTERFLIES));
    }

    /**
     * The float FFT's error bound for inputs in [-1, 1]: outputs are of size √n, and each of the
     * log n stages adds rounding of relative size 2^-24 (plus the twiddles' own rounding).
     */
    private static double tolerance(int n) {
        return 4e-7 * Math.sqrt(n) * (2 + Math.log(n) / Math.log(2));
    }

    /** X_k = Σ_j x_j e^{sign·2πi jk/n}, with the angle reduced exactly (jk mod n). */
    private static double[][] naiveDft(float[] re, float[] im, int n, int batch, int b, int sign) {
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double a = sign * 2 * Math.PI * ((long) j * k % n) / n, c = Math.cos(a), s = Math.sin(a);
                double xr = re[j * batch + b], xi = im[j * batch + b];
                sr += xr * c - xi * s;
                si += xr * s + xi * c;
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }
}
