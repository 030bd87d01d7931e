package dev.vtsne.repulsion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.RepulsionData.Kind;
import dev.vtsne.simd.KernelSet;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.stream.Stream;

/**
 * Barnes-Hut against the exact sums.
 *
 * <p>Bounds, from measurements on 2,000 points, 3 seeds per kind (largest value seen):
 * <ul>
 *   <li>θ = 0: relative difference from a double brute force at most 6e-12 for Z and the field
 *       F/Z (duplicate-laden data; 1e-13 otherwise), 8e-15 for the raw F: summation order only.
 *       Asserted: 1e-10.</li>
 *   <li>θ = 0.5, error of the field |F/Z − F_ex/Z_ex|₂ / |F_ex/Z_ex|₂ and of Z:
 *       <table>
 *         <caption>measured maxima, field / Z</caption>
 *         <tr><th></th><th>2-D</th><th>3-D</th></tr>
 *         <tr><td>uniform</td><td>1.5e-2 / 1.0e-2</td><td>7.1e-3 / 5.2e-3</td></tr>
 *         <tr><td>Gaussian</td><td>2.2e-2 / 1.1e-2</td><td>1.0e-2 / 5.1e-3</td></tr>
 *         <tr><td>clustered</td><td>5.8e-3 / 2.5e-3</td><td>5.4e-3 / 4.5e-4</td></tr>
 *         <tr><td>duplicates</td><td>2.7e-3 / 1.2e-3</td><td>2.2e-3 / 1.9e-4</td></tr>
 *       </table>
 *       Asserted for every kind and dimension: field error below 4e-2, Z error below 2e-2.</li>
 * </ul>
 */
class BarnesHutRepulsionTest {

    private static final int N = 2000;
    private static final double EXACT_TOL = 1e-10;
    private static final double FIELD_BOUND = 4e-2;
    private static final double Z_BOUND = 2e-2;

    private static final RowBlocks ONE = new RowBlocks(1);
    private static final RowBlocks TWO = new RowBlocks(2);

    @AfterAll
    static void close() {
        ONE.close();
        TWO.close();
    }

    static Stream<Arguments> kindsAndDims() {
        return Stream.of(2, 3).flatMap(d -> Arrays.stream(Kind.values()).map(k -> Arguments.of(k, d)));
    }

    @ParameterizedTest
    @MethodSource("kindsAndDims")
    void thetaZeroIsTheExactSum(Kind kind, int dims) {
        float[][] y = RepulsionData.make(kind, N, dims, 11);
        double[] ref = new double[N * dims], bh = new double[N * dims];
        double zRef = RepulsionData.bruteForce(y, ref);
        double z = new BarnesHutRepulsion(0, TWO).compute(y, bh);
        assertEquals(zRef, z, EXACT_TOL * zRef, "Z");
        double err = RepulsionData.rawError(bh, ref);
        assertTrue(err < EXACT_TOL, "F relative error " + err);
    }

    @ParameterizedTest
    @MethodSource("kindsAndDims")
    void tinyThetaMatchesExactRepulsion(Kind kind, int dims) {
        // the library's own exact path (double twins), at a θ that still summarizes far cells a little
        float[][] y = RepulsionData.make(kind, 700, dims, 12);
        double[] ref = new double[700 * dims], bh = new double[700 * dims];
        double zRef = new ExactRepulsion(KernelSet.scalar().gradient(), ONE).compute(y, ref);
        double z = new BarnesHutRepulsion(1e-6, ONE).compute(y, bh);
        assertEquals(zRef, z, EXACT_TOL * zRef, "Z");
        assertTrue(RepulsionData.rawError(bh, ref) < EXACT_TOL, "F");
    }

    @ParameterizedTest
    @MethodSource("kindsAndDims")
    void defaultThetaErrorIsBounded(Kind kind, int dims) {
        float[][] y = RepulsionData.make(kind, N, dims, 13);
        double[] ref = new double[N * dims], bh = new double[N * dims];
        double zRef = RepulsionData.bruteForce(y, ref);
        double z = new BarnesHutRepulsion(BarnesHutRepulsion.DEFAULT_THETA, TWO).compute(y, bh);
        double field = RepulsionData.fieldError(bh, z, ref, zRef);
        double zErr = Math.abs(z - zRef) / zRef;
        assertTrue(field < FIELD_BOUND, "field error " + field);
        assertTrue(zErr < Z_BOUND, "Z error " + zErr);
        // and the approximation really is one: the walk summarized something
        assertTrue(field > 1e-6, "θ = 0.5 gave the exact field: the tree summarized nothing");
    }

    @Test
    void identicalPointsGiveZOfNTimesNMinusOneAndNoForce() {
        for (int dims = 2; dims <= 3; dims++) {
            int n = 5000;
            float[][] y = new float[dims][n];
            for (float[] axis : y) {
                Arrays.fill(axis, 3.25f);
            }
            double[] out = new double[n * dims];
            Arrays.fill(out, Double.NaN);
            double z = new BarnesHutRepulsion(0.5, TWO).compute(y, out);
            assertEquals((double) n * (n - 1), z, 0.0, "every ordered pair at distance 0 has w = 1");
            for (double f : out) {
                assertEquals(0.0, f, 0.0);
            }
        }
    }

    @Test
    void coincidentGroupsAreCountedExactly() {
        // two groups of identical points: a closed form
        int n = 3000, half = n / 2;
        float[][] y = new float[2][n];
        for (int i = half; i < n; i++) {
            y[0][i] = 3;
            y[1][i] = 4; // distance 5 from the first group
        }
        double[] out = new double[2 * n];
        double z = new BarnesHutRepulsion(0.5, TWO).compute(y, out);
        double w = 1.0 / 26;
        double zExpected = 2.0 * half * (half - 1) + 2.0 * half * half * w;
        assertEquals(zExpected, z, 1e-12 * zExpected);
        assertEquals(half * w * w * -3, out[0], 1e-12);
        assertEquals(half * w * w * -4, out[1], 1e-12);
        assertEquals(half * w * w * 3, out[2 * (n - 1)], 1e-12);
    }

    /**
     * 2,000 distinct points within ~1e-6 of one spot (plus 2,000 spread out) share one finest
     * leaf, summarized with w = 1 instead of pair by pair. Measured: at θ = 0, Z off by 2e-11 and
     * the field by 6e-6 (the float centre of mass in m (y_i − c)); at θ = 0.5, 1e-3 / 4e-4.
     * Asserted: θ = 0 within 1e-9 (Z) and 1e-4 (field); θ = 0.5 within the default bounds.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void nearDuplicatesShareOneLeafAndStayAccurate(int dims) {
        int n = 4000;
        float[][] y = RepulsionData.nearDuplicates(n, dims, 5);
        SpaceTree tree = new SpaceTree();
        tree.build(y);
        boolean dense = false;
        for (int k = 0; k < tree.nodeCount; k++) {
            dense |= tree.nodeI[k * SpaceTree.I_STRIDE + 3] == SpaceTree.DENSE;
        }
        assertTrue(dense, "the near-duplicates should form a DENSE leaf");
        double[] ref = new double[n * dims], bh = new double[n * dims];
        double zRef = RepulsionData.bruteForce(y, ref);
        double z0 = new BarnesHutRepulsion(0, TWO).compute(y, bh);
        assertEquals(zRef, z0, 1e-9 * zRef, "θ = 0: Z");
        assertTrue(RepulsionData.fieldError(bh, z0, ref, zRef) < 1e-4, "θ = 0: field");
        double z = new BarnesHutRepulsion(0.5, TWO).compute(y, bh);
        assertTrue(Math.abs(z - zRef) / zRef < Z_BOUND, "θ = 0.5: Z");
        assertTrue(RepulsionData.fieldError(bh, z, ref, zRef) < FIELD_BOUND, "θ = 0.5: field");
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        for (int dims = 2; dims <= 3; dims++) {
            int n = 20_000; // large enough for the pool to really split the walks
            float[][] y = RepulsionData.make(Kind.CLUSTERED, n, dims, 14);
            double[] one = new double[n * dims], two = new double[n * dims];
            double z1 = new BarnesHutRepulsion(0.5, ONE).compute(y, one);
            double z2 = new BarnesHutRepulsion(0.5, TWO).compute(y, two);
            assertEquals(Double.doubleToLongBits(z1), Double.doubleToLongBits(z2), "Z");
            assertArrayEquals(one, two, "F");
        }
    }

    @Test
    void reusedInstanceGivesTheSameResultAsAFreshOne() {
        // the tree's arrays are kept across calls: a larger then a smaller map must not leak old nodes
        BarnesHutRepulsion bh = new BarnesHutRepulsion(0.5, ONE);
        float[][] big = RepulsionData.make(Kind.UNIFORM, 3000, 2, 15);
        float[][] small = RepulsionData.make(Kind.DUPLICATES, 1000, 2, 16);
        bh.compute(big, new double[6000]);
        double[] reused = new double[2000], fresh = new double[2000];
        double z1 = bh.compute(small, reused);
        double z2 = new BarnesHutRepulsion(0.5, ONE).compute(small, fresh);
        assertEquals(z2, z1, 0.0);
        assertArrayEquals(fresh, reused);
    }

    @Test
    void mortonSpreadPutsBitsWhereExpected() {
        for (long x : new long[] {0, 1, 5, 0x1FFFFF, 0x15555, 123456}) {
            long two = 0, three = 0;
            for (int b = 0; b < MortonOrder.BITS; b++) {
                long bit = (x >>> b) & 1;
                two |= bit << (2 * b);
                three |= bit << (3 * b);
            }
            assertEquals(two, MortonOrder.spread2(x));
            assertEquals(three, MortonOrder.spread3(x));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BarnesHutRepulsion(-0.1, ONE));
        assertThrows(IllegalArgumentException.class, () -> new BarnesHutRepulsion(Double.NaN, ONE));
        BarnesHutRepulsion bh = new BarnesHutRepulsion(0.5, ONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bh.compute(new float[][] {{1, 2}}, new double[2]));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bh.compute(new float[4][3], new double[12]));
        assertThrows(IllegalArgumentException.class, () -> bh.compute(new float[][] {{0, Float.NaN}, {0, 0}}, new double[4]));
        assertEquals("Barnes-Hut θ=0.5", bh.describe());
    }
}
