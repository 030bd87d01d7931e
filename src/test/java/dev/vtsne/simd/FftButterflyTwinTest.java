package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.fft.ComplexFft;
import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.ScalarFftButterflies;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFT butterflies in use (Vector API at this run's width: pom.xml runs this package at 128,
 * 256 and 512 bits) give the scalar twin's bits, for every radix, on runs of several vectors
 * (batch 48: 3 vectors at 512 bits), one or two (32, 16) and on runs the vector code hands to the
 * twin whole (batch 3), forward and inverse. The handed-over runs would compare the twin with
 * itself, so the transform on the butterflies in use is also held to a naive DFT in double at
 * batches on both paths (the twin alone is held to it by {@code ComplexFftTest}).
 */
class FftButterflyTwinTest {

    /** Sizes covering radix 4, 2, 3, 5 alone and mixed, and the grid sizes of 70k-1M point maps. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8, 30, 60, 64, 120, 300, 1080, 1200})
    void vectorButterfliesGiveTheScalarTwinsBits(int n) {
        FftButterflies used = KernelSet.preferred().fft();
        assertEquals(KernelSet.preferred().vectorBits() == 0, used instanceof ScalarFftButterflies,
                "FFT butterflies " + used.name() + " with kernels " + KernelSet.preferred().name());
        for (int batch : new int[] {48, 32, 16, 3}) {
            SplittableRandom r = new SplittableRandom(31L * n + batch);
            float[] re = new float[n * batch], im = new float[n * batch];
            for (int i = 0; i < re.length; i++) {
                // mixed magnitudes, so that any reordering of the operations changes low bits
                re[i] = (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-6, 7)));
                im[i] = (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-6, 7)));
            }
            float[] vr = re.clone(), vi = im.clone(), sr = re.clone(), si = im.clone();
            float[] s1 = new float[n * batch], s2 = new float[n * batch];
            ComplexFft vector = new ComplexFft(n, used), twin = new ComplexFft(n, ScalarFftButterflies.INSTANCE);
            vector.forward(vr, vi, s1, s2, batch);
            twin.forward(sr, si, s1, s2, batch);
            assertArrayEquals(sr, vr, "forward re, n=" + n + " batch=" + batch);
            assertArrayEquals(si, vi, "forward im, n=" + n + " batch=" + batch);
            vector.inverse(vr, vi, s1, s2, batch);
            twin.inverse(sr, si, s1, s2, batch);
            assertArrayEquals(sr, vr, "inverse re, n=" + n + " batch=" + batch);
            assertArrayEquals(si, vi, "inverse im, n=" + n + " batch=" + batch);
        }
    }

    /**
     * The transform on the butterflies in use against X_k = Σ_j x_j e^{-2πi jk/n} in double, at a
     * batch of whole vectors (the vector loops) and batches that are not (run by the twin inside
     * the vector implementation), for sizes mixing every radix; inputs in [-1, 1], so the error
     * is float rounding over log n stages on outputs of size √n.
     */
    @ParameterizedTest
    @ValueSource(ints = {12, 30, 60, 100, 300})
    void butterfliesInUseGiveTheDft(int n) {
        int lanes = Math.max(1, KernelSet.preferred().vectorBits() / Float.SIZE);
        ComplexFft fft = new ComplexFft(n, KernelSet.preferred().fft());
        for (int batch : new int[] {3 * lanes, 1, 3, lanes + 1}) {
            SplittableRandom r = new SplittableRandom(17L * n + batch);
            float[] re = new float[n * batch], im = new float[n * batch];
            for (int i = 0; i < re.length; i++) {
                re[i] = (float) r.nextDouble(-1, 1);
                im[i] = (float) r.nextDouble(-1, 1);
            }
            float[] fr = re.clone(), fi = im.clone();
            fft.forward(fr, fi, new float[n * batch], new float[n * batch], batch);
            double tolerance = 4e-7 * Math.sqrt(n) * (2 + Math.log(n) / Math.log(2));
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < n; k++) {
                    double wr = 0, wi = 0;
                    for (int j = 0; j < n; j++) {
                        double a = -2 * Math.PI * ((long) j * k % n) / n, c = Math.cos(a), sn = Math.sin(a);
                        double xr = re[j * batch + b], xi = im[j * batch + b];
                        wr += xr * c - xi * sn;
                        wi += xr * sn + xi * c;
                    }
                    double er = Math.abs(fr[k * batch + b] - wr), ei = Math.abs(fi[k * batch + b] - wi);
                    assertTrue(er <= tolerance && ei <= tolerance, "n " + n + " batch " + batch + " sequence " + b + " X_" + k
                            + ": " + fr[k * batch + b] + " + " + fi[k * batch + b] + "i, DFT " + wr + " + " + wi + "i");
                }
            }
        }
    }
}
