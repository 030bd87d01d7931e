package dev.vtsne.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.CsrMatrix;
import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calibration reaches the perplexity on every row: the entropy of each stored conditional row,
 * recomputed here in double from the float matrix, is within {@link #ENTROPY_BOUND} of
 * log(perplexity): the bisection's own stopping tolerance, bhtsne's 1e-5 (written out here, not
 * read from the code, so that a looser stop fails), plus 1e-6 for float storage of p and the
 * vector kernels' float exp (measured: the worst row of this data is 9.98e-6 off with either
 * kernels; a stop at 5e-5 put it 4.98e-5 off). The data includes rows with exact duplicates (a
 * block of 6 identical points), and points far from everyone (1e4 away).
 */
class PerplexityCalibrationTest {

    /** How far a stored row's entropy may be from log(perplexity), in nats (see the class comment). */
    private static final double ENTROPY_BOUND = 1e-5 + 1e-6;

    static Stream<KernelSet> kernels() {
        return Stream.of(KernelSet.preferred(), KernelSet.scalar());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyRowReachesThePerplexity(KernelSet kernels) {
        int n = 160;
        double perplexity = 20;
        Points x = awkwardData(n);
        try (RowBlocks pool = new RowBlocks(2)) {
            float[] m = ExactAffinities.conditional(x, perplexity, kernels.distances(), kernels.calibration(), pool);
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
                assertEquals(Math.log(perplexity), h, ENTROPY_BOUND, "entropy of row " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void jointAffinitiesAreSymmetricNormalizedAndDropOnlyNegligibleMass(KernelSet kernels) {
        int n = 120;
        try (RowBlocks pool = new RowBlocks(2)) {
            Points x = awkwardData(n);
            ExactAffinities p = ExactAffinities.tsne(x, 15, kernels.distances(), kernels.calibration(), pool);
            float[] cond = ExactAffinities.conditional(x, 15, kernels.distances(), kernels.calibration(), pool);
            CsrMatrix m = p.matrix();
            double sum = 0;
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                double row = 0, full = 0, lost = 0;
                for (int j = 0; j < n; j++) {
                    assertEquals(m.get(i, j), m.get(j, i), "p[" + i + "][" + j + "]");
                    row += m.get(i, j);
                    double exact = (cond[i * n + j] + (double) cond[j * n + i]) / (2.0 * n);
                    full += exact;
                    if (m.get(i, j) == 0f && exact > 0) {
                        lost += exact;
                        dropped++;
                    }
                }
                assertEquals(0f, m.get(i, i));
                // what the sparse storage dropped is below the documented bound
                assertTrue(lost <= ExactAffinities.DROP_TOLERANCE * full, "row " + i + " dropped " + lost + " of " + full);
                sum += row;
            }
            assertTrue(dropped > 0, "this data has negligible entries to drop; the bound above must have been exercised");
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void clusteredDataStoresFarFewerThanAllPairs(KernelSet kernels) {
        int n = 600;
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[n][8];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 8; k++) {
                rows[i][k] = 20.0 * (i % 10 == k ? 1 : 0) + r.nextGaussian();
            }
        }
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactAffinities p = ExactAffinities.tsne(Points.of(rows), 10, kernels.distances(), kernels.calibration(), pool);
            int nnz = p.matrix().nonZeros();
            assertTrue(nnz < 0.5 * n * (n - 1), "stored " + nnz + " of " + n * (n - 1));
            assertTrue(nnz >= n * 30, "keeps at least the 3 x perplexity nearest: " + nnz);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void identicalPointsGiveUniformRows(KernelSet kernels) {
        int n = 40;
        double[][] rows = new double[n][3];
        for (double[] r : rows) {
            java.util.Arrays.fill(r, 2.5);
        }
        try (RowBlocks pool = new RowBlocks(1)) {
            float[] m = ExactAffinities.conditional(Points.of(rows), 5, kernels.distances(), kernels.calibration(), pool);
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
