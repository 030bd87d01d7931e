package dev.vtsne.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.affinity.ExactAffinities;
import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SNE gradient and KL against a reference computed here in double from the input alone: the
 * conditional p_j|i calibrated by this test's own bisection, then Hinton and Roweis' gradient
 * ∂C/∂y_i = 2 Σ_j (α (p_j|i + p_i|j) - q_j|i - q_i|j)(y_i - y_j) and KL = Σ_i Σ_j p_j|i log(p_j|i / q_j|i).
 * Unlike {@link GradientFiniteDifferenceTest}, which differentiates a cost built on the code's own
 * affinity matrix, this pins the matrix too: a wrong scale of s = P_cond + P_condᵀ changes the
 * attraction here and not in the reference.
 *
 * <p>Tolerance: the gradient within 2e-3 of its largest component, the KL within 1e-3 relative
 * (float arithmetic, and the code's calibration stops within 1e-5 of the entropy, this one at 1e-12).
 */
class SneGradientReferenceTest {

    private static final int N = 40;
    private static final int DIM = 6;
    private static final double PERPLEXITY = 7;

    static Stream<Arguments> cases() {
        return Stream.of(1.0, 4.0).flatMap(alpha ->
                Stream.of(KernelSet.preferred(), KernelSet.scalar()).map(k -> Arguments.of(alpha, k)));
    }

    @ParameterizedTest(name = "alpha={0} {1}")
    @MethodSource("cases")
    void gradientAndKlMatchTheReferenceFromTheRawConditionalP(double alpha, KernelSet kernels) {
        Points x = inputs();
        double[][] pCond = conditional(x);
        float[][] y = map();
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactSneGradient f = new ExactSneGradient(ExactAffinities.sne(x, PERPLEXITY, kernels.distances(), kernels.calibration(), pool), kernels.gradient(), pool);
            float[][] g = new float[2][N];
            f.gradient(y, alpha, g);
            double[][] expected = referenceGradient(pCond, y, alpha);
            double scale = 0;
            for (double[] axis : expected) {
                for (double v : axis) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            assertTrue(scale > 0);
            for (int a = 0; a < 2; a++) {
                for (int i = 0; i < N; i++) {
                    assertEquals(expected[a][i], g[a][i], 2e-3 * scale, "axis " + a + " point " + i);
                }
            }
            double kl = referenceKl(pCond, y);
            assertEquals(kl, f.klDivergence(y), 1e-3 * kl);
        }
    }

    /** p_j|i ∝ exp(-β_i |x_i - x_j|²), β_i by bisection to entropy log(perplexity) ± 1e-12. */
    private static double[][] conditional(Points x) {
        double target = Math.log(PERPLEXITY);
        double[][] p = new double[N][N];
        for (int i = 0; i < N; i++) {
            double[] d = new double[N];
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < DIM; k++) {
                    double t = (double) x.get(i, k) - x.get(j, k);
                    d[j] += t * t;
                }
            }
            double lo = 0, hi = 1e6;
            for (int step = 0; step < 200 && hi - lo > 1e-15 * hi; step++) {
                double beta = (lo + hi) / 2;
                if (entropy(d, i, beta, p[i]) > target) {
                    lo = beta; // too flat: sharpen
                } else {
                    hi = beta;
                }
            }
            double h = entropy(d, i, (lo + hi) / 2, p[i]);
            assertEquals(target, h, 1e-9, "reference calibration of row " + i);
        }
        return p;
    }

    /** Writes the row's distribution at β into {@code row} and returns its entropy. */
    private static double entropy(double[] d, int i, double beta, double[] row) {
        double sum = 0;
        for (int j = 0; j < N; j++) {
            row[j] = j == i ? 0 : Math.exp(-beta * d[j]);
            sum += row[j];
        }
        double h = 0;
        for (int j = 0; j < N; j++) {
            row[j] /= sum;
            if (row[j] > 0) {
                h -= row[j] * Math.log(row[j]);
            }
        }
        return h;
    }

    /** q_j|i = exp(-|y_i - y_j|²) / Σ_k≠i exp(-|y_i - y_k|²). */
    private static double[][] q(float[][] y) {
        double[][] q = new double[N][N];
        for (int i = 0; i < N; i++) {
            double z = 0;
            for (int j = 0; j < N; j++) {
                if (j != i) {
                    double dx = (double) y[0][i] - y[0][j], dy = (double) y[1][i] - y[1][j];
                    q[i][j] = Math.exp(-(dx * dx + dy * dy));
                    z += q[i][j];
                }
            }
            for (int j = 0; j < N; j++) {
                q[i][j] /= z;
            }
        }
        return q;
    }

    private static double[][] referenceGradient(double[][] p, float[][] y, double alpha) {
        double[][] q = q(y);
        double[][] g = new double[2][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double c = 2 * (alpha * (p[i][j] + p[j][i]) - q[i][j] - q[j][i]);
                for (int a = 0; a < 2; a++) {
                    g[a][i] += c * ((double) y[a][i] - y[a][j]);
                }
            }
        }
        return g;
    }

    private static double referenceKl(double[][] p, float[][] y) {
        double[][] q = q(y);
        double kl = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (p[i][j] > 0) {
                    kl += p[i][j] * Math.log(p[i][j] / q[i][j]);
                }
            }
        }
        return kl;
    }

    private static Points inputs() {
        SplittableRandom r = new SplittableRandom(31);
        double[][] rows = new double[N][DIM];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < DIM; k++) {
                rows[i][k] = 4.0 * (i % 3 == k % 3 ? 1 : 0) + r.nextGaussian();
            }
        }
        return Points.of(rows);
    }

    /** A map of the scale SNE works at (q's kernel has width 1), where attraction and repulsion are comparable. */
    private static float[][] map() {
        SplittableRandom r = new SplittableRandom(37);
        float[][] y = new float[2][N];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 2; a++) {
                y[a][i] = (float) (r.nextGaussian() * 1.5);
            }
        }
        return y;
    }
}
