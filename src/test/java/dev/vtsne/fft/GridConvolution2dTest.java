package dev.vtsne.fft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grid convolution against the direct double sum φ_c(a) = Σ_b K(h(a − b)) q_c(b) over all
 * node pairs, K(d) = 1 / (1 + |d|²)². Channel counts 3 and 4 take both paths of the second pass:
 * a lone real channel (rows 0..m transformed, the rest mirrored) and a complex pair. Grid sizes
 * put m on a tile boundary, inside a tile, and make the mirrored rows land in other tiles.
 */
class GridConvolution2dTest {

    @ParameterizedTest(name = "m {0}, {1} channels, {2} threads")
    @CsvSource({"5, 3, 1", "20, 3, 1", "32, 3, 2", "70, 3, 2", "70, 4, 2", "45, 2, 1", "33, 1, 2"})
    void equalsTheDirectSum(int m, int channels, int threads) {
        double h = 0.37;
        SplittableRandom r = new SplittableRandom(31L * m + channels);
        double[] q = new double[m * m * channels];
        for (int i = 0; i < q.length; i++) {
            // sparse and of mixed sign, like charges y - centre on a map with empty regions
            q[i] = r.nextInt(3) == 0 ? 0 : r.nextDouble(-5, 5);
        }
        double[] got = new double[q.length];
        try (RowBlocks pool = new RowBlocks(threads)) {
            GridConvolution2d conv = new GridConvolution2d(m, channels, KernelSet.preferred().fft());
            conv.setSpacing(h, pool);
            conv.convolve(q, got, pool);
        }
        for (int c = 0; c < channels; c++) {
            double worst = 0, scale = 0;
            for (int a = 0; a < m * m; a++) {
                int ar = a / m, ac = a % m;
                double want = 0;
                for (int b = 0; b < m * m; b++) {
                    double dy = h * (ar - b / m), dx = h * (ac - b % m), k = 1 + dx * dx + dy * dy;
                    want += q[b * channels + c] / (k * k);
                }
                worst = Math.max(worst, Math.abs(got[a * channels + c] - want));
                scale = Math.max(scale, Math.abs(want));
            }
            // float transforms: a few 1e-7 of the largest potential (measured up to 2.1e-7)
            assertTrue(worst <= 2e-6 * scale, "channel " + c + ": max error " + worst + " of max " + scale);
        }
    }
}
