package dev.vtsne.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calibration reaches the perplexity on every row: the entropy of each stored conditional row,
 * recomputed here in double from the float matrix, is within 5e-5 nats of log(perplexity) (the
 * bisection stops at 1e-5; float storage of p adds a few 1e-7). The data includes rows with
 * exact duplicates (a block of 6 identical points), and points far from everyone (1e4 away).
 */
class PerplexityCalibrationTest {

    static Stream<Kernels> kernels() {
        return Stream.of(KernelProvider.kernels(), KernelProvider.scalar());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyRowReachesThePerplexity(Kernels kernels) {
        int n = 160;
        double perplexity = 20;
        Points x = awkwardData(n);
        try (RowBlocks pool = new RowBlocks(2)) {
            float[] m = DenseAffinities.conditional(x, perplexity, kernels, pool);
            for (int i = 0; i < n; i++) {
                double sum = 0, h = 0;
                for (int j = 0; j < n; j++) {
                    double p = m[i * n + j];
                    assertTrue(p >= 0 && Double.isFinite(p), "row " + i + " col " + j + " = " + p);
                    sum += p;
                    if (p > 0) {
                        h -= p * Math.log(p);
                    }
                }
                assertEquals(0f, m[i * n + i], "diagonal of row " + i);
                assertEquals(1.0, sum, 1e-5, "row " + i + " sums to 1");
                assertEquals(Math.log(perplexity), h, 5e-5, "entropy of row " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void jointAffinitiesAreSymmetricAndNormalized(Kernels kernels) {
        int n = 120;
        try (RowBlocks pool = new RowBlocks(2)) {
            DenseAffinities p = DenseAffinities.tsne(awkwardData(n), 15, kernels, pool);
            float[] m = p.matrix();
            double sum = 0, plogp = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(m[i * n + j], m[j * n + i], "p[" + i + "][" + j + "]");
                    sum += m[i * n + j];
                    if (m[i * n + j] > 0) {
                        plogp += m[i * n + j] * Math.log(m[i * n + j]);
                    }
                }
            }
            assertEquals(1.0, sum, 1e-5);
            assertEquals(plogp, p.pLogP(), 1e-9 * Math.abs(plogp));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void identicalPointsGiveUniformRows(Kernels kernels) {
        int n = 40;
        double[][] rows = new double[n][3];
        for (double[] r : rows) {
            java.util.Arrays.fill(r, 2.5);
        }
        try (RowBlocks pool = new RowBlocks(1)) {
            float[] m = DenseAffinities.conditional(Points.of(rows), 5, kernels, pool);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? 0f : 1f / (n - 1), m[i * n + j], 1e-7, "row " + i);
                }
            }
        }
    }

    private static Points awkwardData(int n) {
        SplittableRandom r = new SplittableRandom(9);
        double[][] rows = new double[n][5];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 5; k++) {
                rows[i][k] = r.nextGaussian() * (1 + i % 3);
            }
        }
        for (int i = 1; i < 6; i++) {
            rows[i] = rows[0].clone(); // exact duplicates
        }
        rows[n - 1] = new double[] {1e4, 1e4, 1e4, 1e4, 1e4}; // far from everyone
        rows[n - 2] = new double[] {-1e4, 0, 0, 0, 3};
        return Points.of(rows);
    }
}
