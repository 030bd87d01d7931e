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

/** The mixed-radix FFT against a naive O(n²) DFT in double, forward and inverse, batched. */
class ComplexFftTest {

    /** Sizes exercising every butterfly: radix 4, 2, 3, 5, a generic prime (7, 11, 13) and mixes. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 30, 49, 60, 100, 143, 300, 360, 600, 1200})
    void forwardMatchesNaiveDftForEachSequenceOfABatch(int n) {
        int batch = 3;
        SplittableRandom r = new SplittableRandom(n);
        double[] re = new double[n * batch], im = new double[n * batch];
        for (int i = 0; i < re.length; i++) {
            re[i] = r.nextDouble(-1, 1);
            im[i] = r.nextDouble(-1, 1);
        }
        double[] fr = re.clone(), fi = im.clone();
        new ComplexFft(n).forward(fr, fi, new double[n * batch], new double[n * batch], batch);
        for (int b = 0; b < batch; b++) {
            double[][] want = naiveDft(re, im, n, batch, b, -1);
            for (int k = 0; k < n; k++) {
                // Error of a double FFT grows like log n; the naive sum's like n. 1e-12·n covers both.
                assertEquals(want[0][k], fr[k * batch + b], 1e-12 * n + 1e-13, "re, n=" + n + " k=" + k);
                assertEquals(want[1][k], fi[k * batch + b], 1e-12 * n + 1e-13, "im, n=" + n + " k=" + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 60, 77, 1200})
    void inverseMatchesNaiveInverseDftAndRoundTrips(int n) {
        SplittableRandom r = new SplittableRandom(7 * n);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble(-1, 1);
            im[i] = r.nextDouble(-1, 1);
        }
        ComplexFft fft = new ComplexFft(n);
        double[] ir = re.clone(), ii = im.clone(), s1 = new double[n], s2 = new double[n];
        fft.inverse(ir, ii, s1, s2, 1);
        double[][] want = naiveDft(re, im, n, 1, 0, +1);
        for (int k = 0; k < n; k++) {
            assertEquals(want[0][k], ir[k], 1e-12 * n);
            assertEquals(want[1][k], ii[k], 1e-12 * n);
        }
        fft.forward(ir, ii, s1, s2, 1);
        for (int k = 0; k < n; k++) {
            assertEquals(re[k], ir[k] / n, 1e-13 * n);
            assertEquals(im[k], ii[k] / n, 1e-13 * n);
        }
    }

    @Test
    void batchSizeDoesNotChangeTheBits() {
        int n = 360;
        SplittableRandom r = new SplittableRandom(1);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble();
            im[i] = r.nextDouble();
        }
        ComplexFft fft = new ComplexFft(n);
        double[] a = re.clone(), ai = im.clone();
        fft.forward(a, ai, new double[n], new double[n], 1);
        double[] br = new double[n * 5], bi = new double[n * 5];
        for (int k = 0; k < n; k++) {
            br[k * 5 + 3] = re[k];
            bi[k * 5 + 3] = im[k];
        }
        fft.forward(br, bi, new double[n * 5], new double[n * 5], 5);
        double[] got = new double[n], goti = new double[n];
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
        assertThrows(IllegalArgumentException.class, () -> new ComplexFft(0));
    }

    /** X_k = Σ_j x_j e^{sign·2πi jk/n}, with the angle reduced exactly (jk mod n). */
    private static double[][] naiveDft(double[] re, double[] im, int n, int batch, int b, int sign) {
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
