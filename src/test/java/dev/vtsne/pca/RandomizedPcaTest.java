package dev.vtsne.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.MatrixKernels;
import dev.vtsne.testing.Digits;
import dev.vtsne.testing.JacobiEigen;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Randomized PCA against an exact covariance eigendecomposition (cyclic Jacobi in double,
 * written here), plus the promises of the result: sign convention, orthonormality, seeded
 * reproducibility, thread-count independence, and clear errors.
 */
class RandomizedPcaTest {

    private static final MatrixKernels MATRIX = KernelSet.preferred().matrix();
    private static final double[] SIGNAL_STD = {20, 14, 10, 7, 5, 3.5};

    /** n points near a 6-dimensional subspace of R^d with well-separated variances, plus noise. */
    static Points lowRank(int n, int d, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rank = SIGNAL_STD.length;
        double[][] basis = new double[rank][d];
        for (double[] b : basis) {
            for (int k = 0; k < d; k++) {
                b[k] = r.nextGaussian();
            }
        }
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                rows[i][k] = 3.0 + k * 0.1 + noise * r.nextGaussian(); // an offset, so centring matters
            }
            for (int c = 0; c < rank; c++) {
                double a = SIGNAL_STD[c] * r.nextGaussian() / Math.sqrt(d);
                for (int k = 0; k < d; k++) {
                    rows[i][k] += a * basis[c][k];
                }
            }
        }
        return Points.of(rows);
    }

    @Test
    void lowRankComponentsMatchExactPca() {
        Points x = lowRank(800, 40, 0.1, 1);
        ExactPca exact = ExactPca.of(x);
        for (MatrixKernels kernels : new MatrixKernels[] {KernelSet.preferred().matrix(), KernelSet.scalar().matrix()}) {
            try (RowBlocks pool = new RowBlocks(1)) {
                PcaResult pca = RandomizedPca.fit(x, 6, 42, RandomizedPca.DEFAULT_POWER_ITERATIONS, pool, kernels);
                assertMatchesExact(pca, exact, 6, kernels.name());
            }
        }
    }

    @Test
    void noPowerIterationIsStillCloseOnAStronglyLowRankMatrix() {
        Points x = lowRank(500, 30, 0.01, 2);
        try (RowBlocks pool = new RowBlocks(1)) {
            assertMatchesExact(RandomizedPca.fit(x, 4, 7, 0, pool, MATRIX), ExactPca.of(x), 4, "q = 0");
        }
    }

    private static void assertMatchesExact(PcaResult pca, ExactPca exact, int k, String what) {
        double[] variance = pca.explainedVariance();
        for (int c = 0; c < k; c++) {
            double cos = Math.abs(dot(pca.component(c), exact.vectors[c]));
            assertTrue(cos >= 0.999, what + ": |cos| of component " + c + " = " + cos);
            assertEquals(exact.values[c], variance[c], 1e-3 * exact.values[c], what + ": variance of component " + c);
        }
        assertEquals(exact.total(), pca.totalVariance(), 1e-9 * exact.total(), what + ": total variance");
    }

    @Test
    void componentsAreOrthonormalAndSignedByTheirLargestLoading() {
        Points x = lowRank(300, 25, 0.5, 3);
        try (RowBlocks pool = new RowBlocks(1)) {
            PcaResult pca = RandomizedPca.fit(x, 10, 5, pool, MATRIX);
            double[][] v = pca.components();
            for (int a = 0; a < v.length; a++) {
                int arg = 0;
                for (int t = 1; t < v[a].length; t++) {
                    if (Math.abs(v[a][t]) > Math.abs(v[a][arg])) {
                        arg = t;
                    }
                }
                assertTrue(v[a][arg] > 0, "component " + a + ": largest loading " + v[a][arg] + " should be positive");
                for (int b = 0; b <= a; b++) {
                    assertEquals(a == b ? 1 : 0, dot(v[a], v[b]), 1e-9, "v" + a + " · v" + b);
                }
            }
            double[] var = pca.explainedVariance();
            for (int c = 1; c < var.length; c++) {
                assertTrue(var[c] <= var[c - 1], "variances descending at " + c);
            }
        }
    }

    @Test
    void sameSeedSameBitsAndOtherSeedsAgree() {
        Points x = lowRank(400, 30, 0.2, 4);
        try (RowBlocks pool = new RowBlocks(1)) {
            PcaResult a = RandomizedPca.fit(x, 6, 11, pool, MATRIX);
            PcaResult b = RandomizedPca.fit(x, 6, 11, pool, MATRIX);
            PcaResult c = RandomizedPca.fit(x, 6, 12, pool, MATRIX);
            assertArrayEquals(flatten(a.components()), flatten(b.components()));
            assertArrayEquals(a.explainedVariance(), b.explainedVariance());
            assertArrayEquals(a.project(x).rowMajor(), b.project(x).rowMajor());
            for (int k = 0; k < 6; k++) {
                // the sign convention makes another seed's components point the same way
                assertTrue(dot(a.component(k), c.component(k)) > 0.999, "seeds 11 and 12 agree on component " + k);
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        // big enough that RowBlocks really runs in parallel (n·d·width / 8 above its threshold)
        // and that X̄ᵀQ has several row chunks
        Points x = lowRank(3 * RandomizedPca.CHUNK + 123, 100, 0.3, 5);
        assertTrue((long) x.size() * x.dim() * 32 / 8 >= RowBlocks.MIN_PARALLEL_WORK, "test too small to go parallel");
        PcaResult one, two;
        float[] p1, p2;
        try (RowBlocks pool = new RowBlocks(1)) {
            one = RandomizedPca.fit(x, 20, 9, pool, MATRIX);
            p1 = one.project(x, pool).rowMajor();
        }
        try (RowBlocks pool = new RowBlocks(2)) {
            two = RandomizedPca.fit(x, 20, 9, pool, MATRIX);
            p2 = two.project(x, pool).rowMajor();
        }
        assertArrayEquals(flatten(one.components()), flatten(two.components()));
        assertArrayEquals(one.explainedVariance(), two.explainedVariance());
        assertEquals(one.totalVariance(), two.totalVariance());
        assertArrayEquals(one.mean(), two.mean());
        assertArrayEquals(p1, p2);
    }

    @Test
    void projectionIsTheCentredDotProduct() {
        Points x = lowRank(150, 20, 0.5, 6);
        try (RowBlocks pool = new RowBlocks(1)) {
            PcaResult pca = RandomizedPca.fit(x, 5, 1, pool, MATRIX);
            Points y = pca.project(x, pool);
            assertEquals(150, y.size());
            assertEquals(5, y.dim());
            double[] mean = pca.mean();
            for (int i = 0; i < x.size(); i++) {
                for (int c = 0; c < 5; c++) {
                    double[] v = pca.component(c);
                    double s = 0, scale = 0;
                    for (int k = 0; k < x.dim(); k++) {
                        s += (x.get(i, k) - mean[k]) * v[k];
                        scale += Math.abs((x.get(i, k) - mean[k]) * v[k]);
                    }
                    assertEquals(s, y.get(i, c), 1e-5 * scale + 1e-6, "row " + i + " component " + c);
                }
            }
            // the projections' variances are the explained variances
            double[] var = pca.explainedVariance();
            for (int c = 0; c < 5; c++) {
                assertEquals(var[c], columnVariance(y, c), 1e-4 * var[c], "variance of projected column " + c);
            }
        }
    }

    @Test
    void digitsTopTenKeepsTheExactVariance() {
        Points x = Digits.load().points;
        ExactPca exact = ExactPca.of(x);
        double exactTop = 0;
        for (int c = 0; c < 10; c++) {
            exactTop += exact.values[c];
        }
        try (RowBlocks pool = new RowBlocks(2)) {
            PcaResult pca = RandomizedPca.fit(x, 10, 3, pool, MATRIX);
            Points y = pca.project(x, pool);
            double captured = 0;
            for (int c = 0; c < 10; c++) {
                captured += columnVariance(y, c);
            }
            assertTrue(captured >= 0.99 * exactTop, "projected variance " + captured + " vs exact top-10 " + exactTop);
            assertTrue(captured <= exactTop * (1 + 1e-5), "cannot beat the exact top-10: " + captured + " vs " + exactTop);
        }
    }

    @Test
    void rankDeficientDataGetsOrthonormalCompletion() {
        // rank 2 in R^8: components 3..5 have no variance but must still be orthonormal, finite
        SplittableRandom r = new SplittableRandom(8);
        double[][] rows = new double[60][8];
        for (double[] row : rows) {
            double a = r.nextGaussian() * 3, b = r.nextGaussian();
            for (int k = 0; k < 8; k++) {
                row[k] = a * (k + 1) + b * (k % 2 == 0 ? 1 : -1);
            }
        }
        try (RowBlocks pool = new RowBlocks(1)) {
            PcaResult pca = RandomizedPca.fit(Points.of(rows), 5, 1, pool, MATRIX);
            double[][] v = pca.components();
            for (int a = 0; a < 5; a++) {
                for (int b = 0; b <= a; b++) {
                    assertEquals(a == b ? 1 : 0, dot(v[a], v[b]), 1e-9, "v" + a + " · v" + b);
                }
            }
            double[] var = pca.explainedVariance();
            assertTrue(var[1] > 0.1, "second direction has variance " + var[1]);
            for (int c = 2; c < 5; c++) {
                assertTrue(var[c] <= 1e-9 * var[0], "component " + c + " should carry no variance, got " + var[c]);
            }
        }
        double[][] same = new double[10][4];
        for (double[] row : same) {
            java.util.Arrays.fill(row, 2.5);
        }
        try (RowBlocks pool = new RowBlocks(1)) {
            PcaResult pca = RandomizedPca.fit(Points.of(same), 2, 1, pool, MATRIX);
            assertArrayEquals(new double[] {0, 0}, pca.explainedVariance());
            assertArrayEquals(new double[] {0, 0}, pca.explainedVarianceRatio());
            assertArrayEquals(new double[] {1, 0, 0, 0}, pca.component(0));
            assertArrayEquals(new float[20], pca.project(Points.of(same)).rowMajor());
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        Points x = lowRank(30, 12, 0.1, 9);
        try (RowBlocks pool = new RowBlocks(1)) {
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> RandomizedPca.fit(x, 13, 1, pool, MATRIX));
            assertTrue(tooMany.getMessage().contains("= 12"), tooMany.getMessage());
            Points wide = lowRank(5, 12, 0.1, 9);
            IllegalArgumentException fewRows = assertThrows(IllegalArgumentException.class, () -> RandomizedPca.fit(wide, 6, 1, pool, MATRIX));
            assertTrue(fewRows.getMessage().contains("= 5"), fewRows.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RandomizedPca.fit(x, 0, 1, pool, MATRIX));
            assertThrows(IllegalArgumentException.class, () -> RandomizedPca.fit(x, 3, 1, -1, pool, MATRIX));
            PcaResult pca = RandomizedPca.fit(x, 3, 1, pool, MATRIX);
            IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> pca.project(lowRank(4, 11, 0.1, 1)));
            assertTrue(dim.getMessage().contains("11") && dim.getMessage().contains("12"), dim.getMessage());
            // full rank request, k = min(n, d), works
            assertEquals(12, RandomizedPca.fit(x, 12, 1, pool, MATRIX).componentCount());
        }
    }

    // ---------------------------------------------------------------- helpers

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += a[t] * b[t];
        }
        return s;
    }

    static double columnVariance(Points y, int c) {
        double m = 0;
        for (int i = 0; i < y.size(); i++) {
            m += y.get(i, c);
        }
        m /= y.size();
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            double t = y.get(i, c) - m;
            s += t * t;
        }
        return s / (y.size() - 1);
    }

    private static double[] flatten(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** Exact PCA: the covariance (n - 1 divisor) in double, eigendecomposed by cyclic Jacobi. */
    static final class ExactPca {
        final double[] values;    // descending
        final double[][] vectors; // unit, same order

        private ExactPca(double[] values, double[][] vectors) {
            this.values = values;
            this.vectors = vectors;
        }

        double total() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s;
        }

        static ExactPca of(Points x) {
            int n = x.size(), d = x.dim();
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += x.get(i, k);
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= n;
            }
            double[][] a = new double[d][d];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < d; p++) {
                    double xp = x.get(i, p) - mean[p];
                    for (int q = 0; q < d; q++) {
                        a[p][q] += xp * (x.get(i, q) - mean[q]);
                    }
                }
            }
            for (double[] row : a) {
                for (int q = 0; q < d; q++) {
                    row[q] /= n - 1;
                }
            }
            double[][] v = JacobiEigen.diagonalize(a);
            Integer[] order = new Integer[d];
            for (int k = 0; k < d; k++) {
                order[k] = k;
            }
            double[][] fa = a;
            java.util.Arrays.sort(order, (p, q) -> Double.compare(fa[q][q], fa[p][p]));
            double[] values = new double[d];
            double[][] vectors = new double[d][d];
            for (int r = 0; r < d; r++) {
                values[r] = a[order[r]][order[r]];
                for (int k = 0; k < d; k++) {
                    vectors[r][k] = v[k][order[r]];
                }
            }
            return new ExactPca(values, vectors);
        }
    }
}
