package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.CsrMatrix;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel against its scalar twin (double arithmetic), at every size that exercises a
 * different path: 1, 2, 3, lanes - 1, lanes, lanes + 1, primes, and sizes past one j-tile
 * (KernelImplementation.TILE = 1024). Surefire runs this class once per vector width (128, 256, 512 bits,
 * forced with -Dvtsne.vectorBits), so narrow paths are tested on a wide machine too. The
 * tolerances are {@link TwinTolerance}'s, the same that {@code vtsne selftest} applies.
 */
class KernelTwinTest {

    private static final KernelSet VECTOR = KernelSet.preferred();
    private static final KernelSet TWIN = KernelSet.scalar();

    static Stream<Integer> sizes() {
        int lanes = Math.max(1, VECTOR.vectorBits() / 32);
        return IntStream.of(1, 2, 3, lanes - 1, lanes, lanes + 1, 7, 13, 31, 97, 1031, 2053)
                .filter(n -> n >= 1).distinct().boxed();
    }

    static Stream<Integer> pairSizes() {
        return sizes().filter(n -> n >= 2);
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void squaredDistancesMatchTwin(int n) {
        for (int dim : new int[] {1, 3, 16, 17, 64, 100}) {
            float[] pts = randomPoints(n, dim, 5.0, n * 31L + dim);
            float[] v = new float[n];
            float[] s = new float[n];
            for (int i = 0; i < n; i += Math.max(1, n / 7)) {
                VECTOR.distances().squaredDistances(pts, dim, i, 0, n, v);
                TWIN.distances().squaredDistances(pts, dim, i, 0, n, s);
                for (int j = 0; j < n; j++) {
                    assertEquals(s[j], v[j], TwinTolerance.squaredDistance(s[j]), "dim " + dim + " i " + i + " j " + j);
                }
            }
        }
    }

    /** Row lengths for the kNN distance kernels: the tail paths at every width, 50 (PCA) and 784 (MNIST). */
    static int[] knnDims() {
        int lanes = Math.max(1, VECTOR.vectorBits() / 32);
        return IntStream.of(1, 2, 3, lanes - 1, lanes, lanes + 1, 50, 784).filter(d -> d >= 1).distinct().toArray();
    }

    @ParameterizedTest(name = "count = {0}")
    @MethodSource("sizes")
    void squaredDistancesToRowsMatchTwin(int count) {
        for (int dim : knnDims()) {
            int n = count + 5;
            float[] pts = randomPoints(n, dim, 5.0, n * 17L + dim);
            SplittableRandom r = new SplittableRandom(count + 3L * dim);
            int[] js = new int[count + 2];
            for (int c = 0; c < js.length; c++) {
                js[c] = r.nextInt(n);
            }
            js[1] = 0; // the row itself: distance exactly 0 in both
            float[] v = new float[count], s = new float[count];
            for (int i : new int[] {0, n / 2, n - 1}) {
                VECTOR.distances().squaredDistancesToRows(pts, dim, i, js, 1, count, v);
                TWIN.distances().squaredDistancesToRows(pts, dim, i, js, 1, count, s);
                for (int c = 0; c < count; c++) {
                    assertEquals(s[c], v[c], TwinTolerance.squaredDistance(s[c]), "dim " + dim + " i " + i + " j " + js[1 + c]);
                }
                if (js[1] == i) {
                    assertEquals(0f, v[0], "distance of a row to itself");
                }
            }
        }
    }

    @ParameterizedTest(name = "refs = {0}")
    @MethodSource("sizes")
    void squaredDistanceTileMatchesTwin(int refs) {
        for (int dim : knnDims()) {
            int n = refs + 9;
            float[] pts = randomPoints(n, dim, 5.0, refs * 13L + dim);
            // references: the first `refs` rows, transposed; rows 0..8 are also queries, so each
            // query block meets itself (distance exactly 0)
            float[] refT = new float[dim * refs];
            for (int r = 0; r < refs; r++) {
                for (int k = 0; k < dim; k++) {
                    refT[k * refs + r] = pts[r * dim + k];
                }
            }
            // 9 queries: two passes of four and one single, from an offset row
            int qFrom = 0, qTo = 9;
            float[] v = new float[9 * refs], s = new float[9 * refs];
            java.util.Arrays.fill(v, Float.NaN);
            VECTOR.distances().squaredDistanceTile(pts, dim, qFrom, qTo, refT, refs, v);
            TWIN.distances().squaredDistanceTile(pts, dim, qFrom, qTo, refT, refs, s);
            for (int q = 0; q < 9; q++) {
                for (int r = 0; r < refs; r++) {
                    float e = s[q * refs + r];
                    assertEquals(e, v[q * refs + r], TwinTolerance.squaredDistance(e), "dim " + dim + " query " + q + " ref " + r);
                    if (q == r) {
                        assertEquals(0f, v[q * refs + r], "a query against itself");
                    }
                }
            }
            // a shifted query range writes rows relative to qFrom
            float[] v2 = new float[3 * refs];
            VECTOR.distances().squaredDistanceTile(pts, dim, n - 3, n, refT, refs, v2);
            float[] s2 = new float[3 * refs];
            TWIN.distances().squaredDistanceTile(pts, dim, n - 3, n, refT, refs, s2);
            for (int c = 0; c < v2.length; c++) {
                assertEquals(s2[c], v2[c], TwinTolerance.squaredDistance(s2[c]), "shifted queries, dim " + dim + " entry " + c);
            }
        }
    }

    /** firstBelow is a search, so vector and twin must give the same index exactly. */
    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void firstBelowMatchesTwin(int n) {
        SplittableRandom r = new SplittableRandom(n * 7L + 1);
        float[] a = new float[n + 5];
        for (int i = 0; i < a.length; i++) {
            int kind = r.nextInt(20);
            a[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.POSITIVE_INFINITY : kind == 2 ? 0f : (float) r.nextDouble(0, 100);
        }
        float[] thresholds = {Float.NEGATIVE_INFINITY, 0f, 1e-30f, 5f, 50f, 99.9f, Float.POSITIVE_INFINITY, Float.NaN};
        for (float t : thresholds) {
            for (int from = 0; from <= Math.min(2, n); from++) {
                for (int to = from; to <= n; to += Math.max(1, n / 7)) {
                    assertEquals(TWIN.distances().firstBelow(a, from, to, t), VECTOR.distances().firstBelow(a, from, to, t),
                            "from " + from + " to " + to + " threshold " + t);
                }
                assertEquals(TWIN.distances().firstBelow(a, from, n, t), VECTOR.distances().firstBelow(a, from, n, t));
            }
        }
        // a tail whose masked-off lanes would read as 0: they must not be reported
        float[] big = new float[n + 40];
        java.util.Arrays.fill(big, 10f);
        assertEquals(n, VECTOR.distances().firstBelow(big, 0, n, 5f));
        big[n - 1] = 1f;
        assertEquals(n - 1, VECTOR.distances().firstBelow(big, 0, n, 5f));
    }

    /**
     * gainsStep is element-wise multiplications and additions in one order: the same bits as the
     * twin, over signs that agree, differ and are zero (of either sign), gains at and below the
     * floor, and a tail shorter than a vector; several steps in a row, as the optimizer runs it.
     */
    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void gainsStepMatchesTwinBitForBit(int n) {
        SplittableRandom r = new SplittableRandom(n * 17L + 5);
        float[][] state = new float[6][n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(8);
            state[0][i] = (float) r.nextGaussian() * 30; // y
            state[1][i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) r.nextGaussian() * 1e-2f; // update
            state[2][i] = kind == 2 ? 0.01f : kind == 3 ? 0.005f : (float) r.nextDouble(0.01, 5); // gains
        }
        for (int a = 0; a < 3; a++) {
            state[3 + a] = state[a].clone(); // the vector kernel's copy
        }
        for (int step = 0; step < 4; step++) {
            float[] grad = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(8);
                grad[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) r.nextGaussian() * 1e-3f;
            }
            TWIN.step().gainsStep(state[0], state[1], state[2], grad, n, 0.8f, 1458.3f, 0.01f);
            VECTOR.step().gainsStep(state[3], state[4], state[5], grad, n, 0.8f, 1458.3f, 0.01f);
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToIntBits(state[a][i]), Float.floatToIntBits(state[3 + a][i]),
                            "step " + step + " array " + a + " point " + i + ": " + state[a][i] + " vs " + state[3 + a][i]);
                }
            }
        }
        // the gain rule itself, on the twin: same sign shrinks, different or zero-vs-nonzero grows
        float[] y = {0, 0, 0, 0}, u = {1, 1, 0, -0f}, g = {1, 1, 1, 1}, d = {2, -2, 3, 0};
        TWIN.step().gainsStep(y, u, g, d, 4, 0f, 1f, 0.01f);
        assertEquals(0.8f, g[0]);
        assertEquals(1.2f, g[1]);
        assertEquals(1.2f, g[2]);
        assertEquals(0.8f, g[3], "a zero gradient after a (negative) zero update: same sign");
    }

    /** firstAtMost is a search too: the same index exactly, for scalar and per-lane limits at, between and beyond the values. */
    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void firstAtMostMatchesTwin(int n) {
        SplittableRandom r = new SplittableRandom(n * 11L + 3);
        float[] a = new float[n + 5], limits = new float[n + 9];
        for (int i = 0; i < a.length; i++) {
            int kind = r.nextInt(20);
            a[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.POSITIVE_INFINITY : kind == 2 ? 0f : (float) r.nextDouble(0, 100);
        }
        for (int i = 0; i < limits.length; i++) {
            int kind = r.nextInt(10);
            limits[i] = kind == 0 ? Float.NEGATIVE_INFINITY : kind == 1 ? Float.POSITIVE_INFINITY : kind < 5 ? a[r.nextInt(a.length)] : (float) r.nextDouble(0, 20);
        }
        float[] scalars = {Float.NEGATIVE_INFINITY, 0f, 5f, 50f, 99.9f, Float.POSITIVE_INFINITY};
        for (float t : scalars) {
            for (int lFrom = 0; lFrom <= 4; lFrom += 4) {
                for (int from = 0; from <= Math.min(2, n); from++) {
                    for (int to = from; to <= n; to += Math.max(1, n / 7)) {
                        assertEquals(TWIN.distances().firstAtMost(a, from, to, t, limits, lFrom), VECTOR.distances().firstAtMost(a, from, to, t, limits, lFrom),
                                "from " + from + " to " + to + " limit " + t + " limits from " + lFrom);
                    }
                    assertEquals(TWIN.distances().firstAtMost(a, from, n, t, limits, lFrom), VECTOR.distances().firstAtMost(a, from, n, t, limits, lFrom));
                }
            }
        }
        // a tail whose masked-off lanes would read as 0: they must not be reported
        float[] big = new float[n + 40], low = new float[n + 40];
        java.util.Arrays.fill(big, 10f);
        java.util.Arrays.fill(low, 5f);
        assertEquals(n, VECTOR.distances().firstAtMost(big, 0, n, 5f, low, 0));
        big[n - 1] = 5f;
        assertEquals(n - 1, VECTOR.distances().firstAtMost(big, 0, n, 5f, low, 0));
        big[n - 1] = 10f;
        low[n - 1] = 10f;
        assertEquals(n - 1, VECTOR.distances().firstAtMost(big, 0, n, Float.NEGATIVE_INFINITY, low, 0));
    }

    /**
     * The symmetric exact kNN computes d(i, j) once and uses it for j's list too, which must equal
     * what the query-block search computed for query j and reference i: the tile of block A against
     * block B, transposed, is the tile of B against A bit for bit (each entry sums (r - q)² over
     * the coordinates in one order), on every path of the kernel (4 x 4, 4 x 1, masked tails, one
     * query), vector and twin.
     */
    @ParameterizedTest(name = "n = {0}")
    @MethodSource("sizes")
    void squaredDistanceTileIsSymmetric(int n) {
        for (int dim : new int[] {1, 3, 16, 17, 50}) {
            int m = 1 + n % 37 + 4 * (n % 3); // the other block: 1 to 45 rows, tails of every kind
            float[] a = randomPoints(n, dim, 5.0, n * 17L + dim), b = randomPoints(m, dim, 5.0, n * 19L + dim);
            for (int q = 0; q < Math.min(n, m); q += 3) {
                System.arraycopy(a, q * dim, b, q * dim, dim); // some coincident points: distance 0 both ways
            }
            for (KernelSet kernels : new KernelSet[] {VECTOR, TWIN}) {
                float[] ab = new float[n * m], ba = new float[m * n];
                kernels.distances().squaredDistanceTile(a, dim, 0, n, transpose(b, m, dim), m, ab);
                kernels.distances().squaredDistanceTile(b, dim, 0, m, transpose(a, n, dim), n, ba);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        assertEquals(Float.floatToRawIntBits(ab[i * m + j]), Float.floatToRawIntBits(ba[j * n + i]),
                                kernels.name() + " dim " + dim + " a" + i + " b" + j + ": " + ab[i * m + j] + " vs " + ba[j * n + i]);
                    }
                }
            }
        }
    }

    private static float[] transpose(float[] pts, int n, int dim) {
        float[] t = new float[n * dim];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < dim; k++) {
                t[k * n + r] = pts[r * dim + k];
            }
        }
        return t;
    }

    @ParameterizedTest(name = "m = {0}")
    @MethodSource("sizes")
    void gaussianSumsMatchTwin(int m) {
        SplittableRandom r = new SplittableRandom(m);
        float[] d = new float[m];
        for (int j = 0; j < m; j++) {
            d[j] = (float) (r.nextDouble() * 50);
        }
        float dMin = Float.POSITIVE_INFINITY;
        for (float t : d) {
            dMin = Math.min(dMin, t);
        }
        for (double beta : new double[] {1e-3, 0.1, 1, 10, 1e6, 1e300}) {
            float[] ev = new float[m], es = new float[m];
            double[] sv = new double[2], ss = new double[2];
            VECTOR.calibration().gaussianSums(d, m, beta, dMin, ev, sv);
            TWIN.calibration().gaussianSums(d, m, beta, dMin, es, ss);
            assertEquals(ss[0], sv[0], TwinTolerance.gaussianSum(ss[0]), "sum, beta " + beta);
            assertEquals(ss[1], sv[1], TwinTolerance.gaussianWeightedSum(ss[1]), "weighted sum, beta " + beta);
            for (int j = 0; j < m; j++) {
                assertEquals(es[j], ev[j], TwinTolerance.GAUSSIAN_TERM, "e_" + j + ", beta " + beta);
            }
            assertTrue(Double.isFinite(sv[0]) && Double.isFinite(sv[1]), "finite at beta " + beta);
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("pairSizes")
    void tsneKernelsMatchTwin(int n) {
        for (int dims = 2; dims <= 3; dims++) {
            float[][] y = randomAxes(n, dims, 3.0, n + 7L * dims);
            CsrMatrix p = SelfCheck.randomCsr(n, n + 11L);
            double[] v = new double[n * (dims + 1)], s = new double[n * (dims + 1)];
            // two blocks, to check rows are written at their absolute index
            int mid = n / 2;
            VECTOR.gradient().tsneRepulsionRows(y, n, 0, mid, v);
            VECTOR.gradient().tsneRepulsionRows(y, n, mid, n, v);
            TWIN.gradient().tsneRepulsionRows(y, n, 0, n, s);
            assertColumnsClose(s, v, n, dims + 1, "tsneRepulsionRows dims " + dims);
            double[] av = new double[n * dims], as = new double[n * dims];
            VECTOR.gradient().tsneAttractionRows(y, p.rowStart(), p.cols(), p.values(), 0, mid, av);
            VECTOR.gradient().tsneAttractionRows(y, p.rowStart(), p.cols(), p.values(), mid, n, av);
            TWIN.gradient().tsneAttractionRows(y, p.rowStart(), p.cols(), p.values(), 0, n, as);
            assertColumnsClose(as, av, n, dims, "tsneAttractionRows dims " + dims);
            double[] lv = new double[n], ls = new double[n];
            VECTOR.gradient().tsneLogKernelRows(y, p.rowStart(), p.cols(), p.values(), 0, n, lv);
            TWIN.gradient().tsneLogKernelRows(y, p.rowStart(), p.cols(), p.values(), 0, n, ls);
            for (int i = 0; i < n; i++) {
                double rowP = 0;
                for (int k = p.rowStart()[i]; k < p.rowStart()[i + 1]; k++) {
                    rowP += p.values()[k];
                }
                assertEquals(ls[i], lv[i], TwinTolerance.logKernel(ls[i], rowP), "tsneLogKernelRows row " + i);
            }
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("pairSizes")
    void sneKernelsMatchTwin(int n) {
        for (int dims = 2; dims <= 3; dims++) {
            // spread wide enough that some points are far from all others: exp(-d²) underflows
            float[][] y = randomAxes(n, dims, 6.0, 3L * n + dims);
            CsrMatrix s = SelfCheck.randomCsr(n, n + 5L);
            double[] zv = new double[n], zs = new double[n];
            VECTOR.gradient().sneLogNormalizerRows(y, n, 0, n, zv);
            TWIN.gradient().sneLogNormalizerRows(y, n, 0, n, zs);
            float[] logZ = new float[n];
            for (int i = 0; i < n; i++) {
                assertEquals(zs[i], zv[i], TwinTolerance.logNormalizer(zs[i]), "log Z row " + i);
                assertTrue(Double.isFinite(zv[i]), "finite log Z row " + i);
                logZ[i] = (float) zs[i];
            }
            double[] gv = new double[n * dims], gs = new double[n * dims];
            VECTOR.gradient().sneRepulsionRows(y, logZ, n, 0, n, gv);
            TWIN.gradient().sneRepulsionRows(y, logZ, n, 0, n, gs);
            assertColumnsClose(gs, gv, n, dims, "sneRepulsionRows dims " + dims);
            VECTOR.gradient().weightedDifferenceRows(y, s.rowStart(), s.cols(), s.values(), 0, n, gv);
            TWIN.gradient().weightedDifferenceRows(y, s.rowStart(), s.cols(), s.values(), 0, n, gs);
            assertColumnsClose(gs, gv, n, dims, "weightedDifferenceRows dims " + dims);
            double[] wv = new double[n], ws = new double[n];
            VECTOR.gradient().weightedSquaredDistanceRows(y, s.rowStart(), s.cols(), s.values(), 0, n, wv);
            TWIN.gradient().weightedSquaredDistanceRows(y, s.rowStart(), s.cols(), s.values(), 0, n, ws);
            for (int i = 0; i < n; i++) {
                assertEquals(ws[i], wv[i], TwinTolerance.weightedSquaredDistance(ws[i]), "weighted distances row " + i);
            }
        }
    }

    private static void assertColumnsClose(double[] expected, double[] actual, int n, int stride, String what) {
        for (int c = 0; c < stride; c++) {
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(expected[i * stride + c]));
            }
            for (int i = 0; i < n; i++) {
                double e = expected[i * stride + c], a = actual[i * stride + c];
                assertTrue(Math.abs(e - a) <= TwinTolerance.forceColumn(scale),
                        what + ": row " + i + " column " + c + " expected " + e + " got " + a + " (column scale " + scale + ")");
            }
        }
    }

    static float[] randomPoints(int n, int dim, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * dim];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (r.nextGaussian() * spread);
        }
        return p;
    }

    static float[][] randomAxes(int n, int dims, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[dims][n];
        for (int i = 0; i < n; i++) {
            double center = (i % 3) * spread; // three loose clusters
            for (int a = 0; a < dims; a++) {
                y[a][i] = (float) (center + r.nextGaussian() * spread);
            }
        }
        return y;
    }
}
