package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtsne.fft.ComplexFft;
import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.ScalarFftButterflies;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFT butterflies in use (Vector API at this run's width: pom.xml runs this package at 128,
 * 256 and 512 bits) give the scalar twin's bits, for every radix, on full runs (batch 32) and on
 * runs the vector code hands to the twin (batch 3), forward and inverse. The twin itself is held
 * to a naive DFT by {@code ComplexFftTest}.
 */
class FftButterflyTwinTest {

    /** Sizes covering radix 4, 2, 3, 5 alone and mixed, and the grid sizes of 70k-1M point maps. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8, 30, 60, 64, 120, 300, 1080, 1200})
    void vectorButterfliesGiveTheScalarTwinsBits(int n) {
        FftButterflies used = KernelProvider.fftButterflies();
        assertEquals(KernelProvider.kernels().vectorBits() == 0, used instanceof ScalarFftButterflies,
                "FFT butterflies " + used.name() + " with kernels " + KernelProvider.kernels().name());
        for (int batch : new int[] {32, 16, 3}) {
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
}
