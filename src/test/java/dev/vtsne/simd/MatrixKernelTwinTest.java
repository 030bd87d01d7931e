package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector {@link MatrixKernels} against their scalar twins (double arithmetic), at row counts
 * around the 4-row blocks and the {@link MatrixKernels#ROW_TILE}, dimensions around the 4-wide k
 * groups, and widths of 1 to 5 vectors of 16 (so both the 4-vector and the 1-vector column paths
 * run at every forced width: surefire runs this class at 128, 256 and 512 bits).
 *
 * <p>Tolerance: {@link TwinTolerance#matrixProduct}, 1e-5 of the sum of the output's terms'
 * magnitudes, Σ |x̄ · w| (1e-5 leaves a margin over the float rounding while still catching any
 * wrong or missing term).
 */
class MatrixKernelTwinTest {

    private static final MatrixKernels VECTOR = KernelSet.preferred().matrix();
    private static final MatrixKernels TWIN = KernelSet.scalar().matrix();
    private static final int[] DIMS = {1, 2, 3, 4, 5, 17, 64, 103};
    private static final int[] WIDTHS = {16, 32, 48, 64, 80};

    static Stream<Integer> rows() {
        return IntStream.of(1, 2, 3, 4, 5, 7, 13, 127, 128, 129, 300).boxed();
    }

    @Test
    void vectorMatrixKernelsAreInUseWhenRequired() {
        if (!Boolean.getBoolean("vtsne.requireVector")) {
            return; // only the build sets this
        }
        assertNotEquals(0, VECTOR.vectorBits(), "matrix kernels in use: " + VECTOR.name());
        assertEquals(KernelSet.preferred().vectorBits(), VECTOR.vectorBits(), "both kernel sets at one width");
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("rows")
    void centeredTimesMatchesTwin(int n) {
        for (int d : DIMS) {
            for (int width : WIDTHS) {
                float[] x = random(n * d, 3.0, 1.5, n * 1000L + d);
                float[] mean = random(d, 1.0, 1.5, d);
                float[] w = random(d * width, 1.0, 0, width + 7L * d);
                float[] v = new float[n * width], s = new float[n * width];
                // two calls, to check rows are written at their absolute index
                int mid = n / 2;
                VECTOR.centeredTimes(x, d, mean, w, width, 0, mid, v);
                VECTOR.centeredTimes(x, d, mean, w, width, mid, n, v);
                TWIN.centeredTimes(x, d, mean, w, width, 0, n, s);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < width; c++) {
                        double scale = 0;
                        for (int k = 0; k < d; k++) {
                            scale += Math.abs(((double) x[i * d + k] - mean[k]) * w[k * width + c]);
                        }
                        assertEquals(s[i * width + c], v[i * width + c], TwinTolerance.matrixProduct(scale),
                                "d " + d + " width " + width + " row " + i + " col " + c);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("rows")
    void centeredTransposeTimesMatchesTwin(int n) {
        for (int d : DIMS) {
            for (int width : WIDTHS) {
                float[] x = random(n * d, 3.0, 1.5, n * 1000L + d);
                float[] mean = random(d, 1.0, 1.5, d);
                float[] q = random(n * width, 1.0, 0, width + 7L * n);
                int from = n / 3; // a range not starting at row 0
                double[] v = new double[d * width], s = new double[d * width];
                VECTOR.centeredTransposeTimes(x, d, mean, q, width, from, n, v);
                TWIN.centeredTransposeTimes(x, d, mean, q, width, from, n, s);
                for (int k = 0; k < d; k++) {
                    for (int c = 0; c < width; c++) {
                        double scale = 0;
                        for (int i = from; i < n; i++) {
                            scale += Math.abs(((double) x[i * d + k] - mean[k]) * q[i * width + c]);
                        }
                        assertEquals(s[k * width + c], v[k * width + c], TwinTolerance.matrixProduct(scale),
                                "d " + d + " width " + width + " k " + k + " col " + c);
                    }
                }
            }
        }
    }

    @Test
    void transposeTimesAddsToTheOutput() {
        int n = 9, d = 5, width = 16;
        float[] x = random(n * d, 1, 0, 1), mean = new float[d], q = random(n * width, 1, 0, 2);
        for (MatrixKernels k : new MatrixKernels[] {VECTOR, TWIN}) {
            double[] once = new double[d * width], twice = new double[d * width];
            k.centeredTransposeTimes(x, d, mean, q, width, 0, n, once);
            k.centeredTransposeTimes(x, d, mean, q, width, 0, n, twice);
            k.centeredTransposeTimes(x, d, mean, q, width, 0, n, twice);
            for (int t = 0; t < once.length; t++) {
                assertEquals(2 * once[t], twice[t], 1e-12 * Math.abs(once[t]), k.name() + " entry " + t);
            }
        }
    }

    @Test
    void rowsOutsideTheRangeAreNotTouched() {
        int n = 11, d = 7, width = 32;
        float[] x = random(n * d, 1, 0, 3), mean = new float[d], w = random(d * width, 1, 0, 4);
        for (MatrixKernels k : new MatrixKernels[] {VECTOR, TWIN}) {
            float[] out = new float[n * width];
            java.util.Arrays.fill(out, -7f);
            k.centeredTimes(x, d, mean, w, width, 3, 6, out);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < width; c++) {
                    boolean inside = i >= 3 && i < 6;
                    assertEquals(inside, out[i * width + c] != -7f, k.name() + " row " + i + " col " + c);
                }
            }
        }
    }

    @Test
    void blockShapeDoesNotChangeBits() {
        // a row computed in a 4-row group or alone, and a column in a 4-vector or 1-vector group,
        // must come out identical: that is what makes the thread count irrelevant
        int n = 23, d = 31, width = 80;
        float[] x = random(n * d, 2, 0.5, 5), mean = random(d, 1, 0, 6), w = random(d * width, 1, 0, 7);
        float[] all = new float[n * width], single = new float[n * width];
        VECTOR.centeredTimes(x, d, mean, w, width, 0, n, all);
        for (int i = 0; i < n; i++) {
            VECTOR.centeredTimes(x, d, mean, w, width, i, i + 1, single);
        }
        assertArrayEquals(all, single);
    }

    @Test
    void badShapesAreRefused() {
        float[] x = new float[12], mean = new float[3], w = new float[48];
        assertThrows(IllegalArgumentException.class, () -> VECTOR.centeredTimes(x, 3, mean, w, 12, 0, 4, new float[48]));
        assertThrows(IllegalArgumentException.class, () -> TWIN.centeredTimes(x, 3, mean, w, 16, 0, 5, new float[80]));
        assertTrue(VECTOR.name().startsWith(VECTOR.vectorBits() == 0 ? "scalar" : "vector-"));
    }

    private static float[] random(int size, double scale, double offset, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int t = 0; t < size; t++) {
            a[t] = (float) (offset + scale * r.nextGaussian());
        }
        return a;
    }
}
