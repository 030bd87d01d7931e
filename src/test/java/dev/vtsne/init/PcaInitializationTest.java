package dev.vtsne.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.testing.JacobiEigen;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The PCA initialization through the covariance and through the Gram matrix, each held to an
 * independent reference: a dense cyclic Jacobi eigendecomposition of the covariance in double,
 * its eigenvectors signed by the largest loading, the centred data projected and scaled.
 */
class PcaInitializationTest {

    private static final RowBlocks SERIAL = new RowBlocks(1);

    /**
     * n points in d columns with variances far apart along random orthonormal directions (scales
     * 10, 4, 1.5, then 0.3 and below), plus an offset, so power iteration converges and the
     * components are unique up to sign.
     */
    private static Points separated(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] basis = new double[Math.min(d, 6)][d];
        for (int c = 0; c < basis.length; c++) {
            for (int k = 0; k < d; k++) {
                basis[c][k] = r.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += basis[c][k] * basis[p][k];
                }
                for (int k = 0; k < d; k++) {
                    basis[c][k] -= dot * basis[p][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += basis[c][k] * basis[c][k];
            }
            for (int k = 0; k < d; k++) {
                basis[c][k] /= Math.sqrt(norm);
            }
        }
        double[] scales = {10, 4, 1.5, 0.3, 0.2, 0.1};
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < basis.length; c++) {
                double z = scales[c] * r.nextGaussian();
                for (int k = 0; k < d; k++) {
                    v[i * d + k] += (float) (z * basis[c][k]);
                }
            }
            for (int k = 0; k < d; k++) {
                v[i * d + k] += (float) (3 + 0.01 * r.nextGaussian());
            }
        }
        return Points.ofRowMajor(v, n, d);
    }

    /** The reference initialization: Jacobi eigenvectors of the covariance, signed, projected, scaled. */
    private static double[][] reference(Points x, int dims) {
        int n = x.size(), d = x.dim();
        float[] v = x.rowMajor();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[i * d + k] / (double) n;
            }
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    a[p][q] += (v[i * d + p] - mean[p]) * (v[i * d + q] - mean[q]);
                }
            }
        }
        double[][] vecs = JacobiEigen.diagonalize(a); // columns of vecs: eigenvectors; a's diagonal: eigenvalues
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            order.add(k);
        }
        order.sort((p, q) -> Double.compare(a[q][q], a[p][p]));
        double[][] y = new double[dims][n];
        double scale = 0;
        for (int c = 0; c < dims; c++) {
            int col = order.get(c);
            double[] u = new double[d];
            int arg = 0;
            for (int k = 0; k < d; k++) {
                u[k] = vecs[k][col];
                if (Math.abs(u[k]) > Math.abs(u[arg])) {
                    arg = k;
                }
            }
            double sign = Math.signum(u[arg]);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (v[i * d + k] - mean[k]) * u[k] * sign;
                }
                y[c][i] = s;
            }
            if (c == 0) {
                double m = 0, ss = 0;
                for (double t : y[0]) {
                    m += t / n;
                }
                for (double t : y[0]) {
                    ss += (t - m) * (t - m) / n;
                }
                scale = PcaInitialization.TARGET_STD / Math.sqrt(ss);
            }
        }
        for (double[] row : y) {
            for (int i = 0; i < n; i++) {
                row[i] *= scale;
            }
        }
        return y;
    }

    private static void assertClose(double[][] expected, float[][] actual, String what) {
        double max = 0;
        for (double[] row : expected) {
            for (double t : row) {
                max = Math.max(max, Math.abs(t));
            }
        }
        for (int c = 0; c < expected.length; c++) {
            for (int i = 0; i < expected[c].length; i++) {
                double err = Math.abs(expected[c][i] - actual[c][i]);
                assertTrue(err <= 1e-6 * max, what + ": component " + c + ", point " + i + ": " + actual[c][i] + " vs " + expected[c][i]);
            }
        }
    }

    @Test
    void gramAndCovariancePathsMatchTheJacobiReferenceOnTallData() {
        Points x = separated(80, 12, 3);
        double[][] ref = reference(x, 3);
        assertClose(ref, PcaInitialization.compute(x, 3, 5, SERIAL, InitProgress.NONE, false), "covariance");
        assertClose(ref, PcaInitialization.compute(x, 3, 5, SERIAL, InitProgress.NONE, true), "gram");
    }

    @Test
    void gramAndCovariancePathsMatchTheJacobiReferenceOnWideData() {
        Points x = separated(30, 90, 4);
        double[][] ref = reference(x, 2);
        assertClose(ref, PcaInitialization.compute(x, 2, 5, SERIAL, InitProgress.NONE, false), "covariance");
        float[][] gram = PcaInitialization.compute(x, 2, 5, SERIAL, InitProgress.NONE, true);
        assertClose(ref, gram, "gram");
        // wider than tall: the public entry takes the Gram path
        float[][] chosen = PcaInitialization.compute(x, 2, 5, SERIAL, InitProgress.NONE);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(gram[c], chosen[c]);
        }
    }

    @Test
    void bothPathsGiveTheSameBitsOnAnyNumberOfThreads() {
        Points wide = separated(120, 3000, 6), tall = separated(3000, 120, 7);
        try (RowBlocks two = new RowBlocks(2)) {
            for (boolean gram : new boolean[] {false, true}) {
                Points x = gram ? wide : tall;
                float[][] one = PcaInitialization.compute(x, 2, 9, SERIAL, InitProgress.NONE, gram);
                float[][] both = PcaInitialization.compute(x, 2, 9, two, InitProgress.NONE, gram);
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(one[c], both[c], gram ? "gram" : "covariance");
                }
            }
        }
    }

    @Test
    void progressReportsTheBuildPassesThenThePowerSteps() {
        List<String> stages = new ArrayList<>();
        PcaInitialization.compute(separated(40, 300, 8), 2, 1, SERIAL, (stage, step, steps) -> {
            if (stages.isEmpty() || !stages.getLast().equals(stage)) {
                stages.add(stage);
            }
        });
        assertEquals(List.of("gram", "component 1", "component 2"), stages);
    }

    @Test
    void aCancelledRunStopsInsteadOfFinishingTheInitialization() {
        try (RowBlocks cancelled = new RowBlocks(1, () -> true)) {
            for (boolean gram : new boolean[] {false, true}) {
                assertThrows(CancellationException.class,
                        () -> PcaInitialization.compute(separated(50, 40, 2), 2, 1, cancelled, InitProgress.NONE, gram));
            }
        }
    }
}
