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
 * Both gradients against central finite differences of their cost, evaluated here in double from
 * the definitions (independently of the kernels), on random and clustered maps, with and without
 * exaggeration, through the vector kernels and the scalar twins.
 *
 * <p>With exaggeration α the optimizer's gradient is not that of KL(αP || Q) but of
 * C_α = -α Σ p_ij log w_ij + log Z for t-SNE, and C_α = Σ_i (α Σ_j p_j|i d_ij² + log Z_i) for
 * SNE (at α = 1 both equal the KL up to a constant), so those are the costs differentiated.
 *
 * <p>Tolerance: every component within 1e-3 of the largest gradient component (the gradient is
 * computed in float; the central difference with h = 1e-3 has error O(h²) relative).
 */
class GradientFiniteDifferenceTest {

    private static final int N = 48;

    static Stream<Arguments> cases() {
        return Stream.of(false, true).flatMap(clustered -> Stream.of(1.0, 12.0).flatMap(alpha ->
                Stream.of(KernelSet.preferred(), KernelSet.scalar()).flatMap(k ->
                        Stream.of(2, 3).map(dims -> Arguments.of(clustered, alpha, k, dims)))));
    }

    @ParameterizedTest(name = "clustered={0} alpha={1} {2} dims={3}")
    @MethodSource("cases")
    void tsneGradientMatchesFiniteDifferences(boolean clustered, double alpha, KernelSet kernels, int dims) {
        Points x = inputs(clustered);
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactAffinities p = ExactAffinities.tsne(x, 8, kernels.distances(), kernels.calibration(), pool);
            float[][] y = map(dims, clustered, 17);
            ExactTsneGradient f = new ExactTsneGradient(p, kernels.gradient(), pool);
            float[][] g = new float[dims][N];
            f.gradient(y, alpha, g);
            checkAgainstFd(y, g, yy -> tsneCost(p, yy, alpha));
            if (alpha == 1.0) {
                // the reported KL is the same cost up to the constant Σ p log p
                assertEquals(tsneCost(p, toDouble(y), 1.0) + p.pLogP(), f.klDivergence(y), 1e-5);
            }
        }
    }

    @ParameterizedTest(name = "clustered={0} alpha={1} {2} dims={3}")
    @MethodSource("cases")
    void sneGradientMatchesFiniteDifferences(boolean clustered, double alpha, KernelSet kernels, int dims) {
        Points x = inputs(clustered);
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactAffinities s = ExactAffinities.sne(x, 8, kernels.distances(), kernels.calibration(), pool);
            float[][] y = map(dims, clustered, 23);
            ExactSneGradient f = new ExactSneGradient(s, kernels.gradient(), pool);
            float[][] g = new float[dims][N];
            f.gradient(y, alpha, g);
            checkAgainstFd(y, g, yy -> sneCost(s, yy, alpha));
            if (alpha == 1.0) {
                assertEquals(sneCost(s, toDouble(y), 1.0) + s.pLogP(), f.klDivergence(y), 1e-4);
            }
        }
    }

    interface Cost {
        double at(double[][] y);
    }

    private static void checkAgainstFd(float[][] y, float[][] g, Cost cost) {
        double[][] yd = toDouble(y);
        double h = 1e-3, scale = 0;
        for (float[] ga : g) {
            for (float v : ga) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertTrue(scale > 0, "gradient is identically zero");
        for (int a = 0; a < y.length; a++) {
            for (int i = 0; i < N; i++) {
                double keep = yd[a][i];
                yd[a][i] = keep + h;
                double up = cost.at(yd);
                yd[a][i] = keep - h;
                double down = cost.at(yd);
                yd[a][i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g[a][i], 1e-3 * scale, "axis " + a + " point " + i);
            }
        }
    }

    /** -α Σ p_ij log w_ij + log Z, in double. */
    static double tsneCost(ExactAffinities p, double[][] y, double alpha) {
        dev.vtsne.data.CsrMatrix m = p.matrix();
        double z = 0, attract = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (i == j) {
                    continue;
                }
                double w = 1 / (1 + d2(y, i, j));
                z += w;
                attract -= m.get(i, j) * Math.log(w);
            }
        }
        return alpha * attract + Math.log(z);
    }

    /** Σ_i (α Σ_j p_j|i d_ij² + log Z_i) with Σ_j p_j|i d² = ½ Σ_j s_ij d², in double. */
    static double sneCost(ExactAffinities s, double[][] y, double alpha) {
        dev.vtsne.data.CsrMatrix m = s.matrix();
        double total = 0;
        for (int i = 0; i < N; i++) {
            double z = 0, w = 0;
            for (int j = 0; j < N; j++) {
                if (i != j) {
                    double d = d2(y, i, j);
                    z += Math.exp(-d);
                    w += 0.5 * m.get(i, j) * d;
                }
            }
            total += alpha * w + Math.log(z);
        }
        return total;
    }

    private static double d2(double[][] y, int i, int j) {
        double s = 0;
        for (double[] axis : y) {
            double t = axis[i] - axis[j];
            s += t * t;
        }
        return s;
    }

    private static double[][] toDouble(float[][] y) {
        double[][] d = new double[y.length][];
        for (int a = 0; a < y.length; a++) {
            d[a] = new double[y[a].length];
            for (int i = 0; i < y[a].length; i++) {
                d[a][i] = y[a][i];
            }
        }
        return d;
    }

    private static Points inputs(boolean clustered) {
        SplittableRandom r = new SplittableRandom(clustered ? 5 : 6);
        double[][] rows = new double[N][10];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < 10; k++) {
                rows[i][k] = (clustered ? 8.0 * (i % 4 == k % 4 ? 1 : 0) : 0) + r.nextGaussian();
            }
        }
        return Points.of(rows);
    }

    private static float[][] map(int dims, boolean clustered, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[dims][N];
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < dims; a++) {
                y[a][i] = (float) ((clustered ? 3.0 * ((i % 4) == a ? 1 : 0) : 0) + r.nextGaussian());
            }
        }
        return y;
    }
}
