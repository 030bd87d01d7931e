package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.simd.SelfCheck.Data;
import dev.vtsne.testing.Fuzz;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: every vector kernel equals its scalar twin, within the tolerances of
 * KernelTwinTest, on random shapes and random values: scales from 1e-35 (subnormal territory) to
 * 1e15 (distances), 1e6 (t-SNE maps) and 5 (SNE maps), with zeros, float subnormals and exact ties
 * mixed in (fractions 0 to 1, {@link SelfCheck#values}). Case k takes the k-th scale and fraction
 * in turn, so every pair of them is run; shapes and the values' seed are drawn by {@link Fuzz},
 * edges included. What fuzzing the kernels found is written into SelfCheck: the float domain of the
 * t-SNE log kernel on maps 1e-4 wide, of SNE's exp(-d² - log Z) on wide maps, and the float clamp of
 * the calibration's beta. Like KernelTwinTest this class runs once per vector width (128, 256, 512
 * bits: see pom.xml). The comparisons are those of {@link SelfCheck}, which {@code vtsne selftest}
 * runs on fixed shapes.
 */
class KernelPropertyTest {

    private static final KernelSet VECTOR = KernelSet.preferred();
    private static final KernelSet TWIN = KernelSet.scalar();

    private static final double[] SPECIALS = {0.0, 0.05, 0.5, 1.0};
    /** Input values and distances. */
    private static final double[] SCALES = {1e-35, 1e-30, 1e-12, 1e-3, 1.0, 7.0, 1e3, 1e8, 1e15};
    /** Map coordinates: the t-SNE kernels see maps from 1e-35 wide to 1e6 wide. */
    private static final double[] MAP_SCALES = {1e-35, 1e-20, 1e-4, 0.5, 1.0, 5.0, 40.0, 1e3, 1e6};
    /** SNE maps: up to a few units wide (see SelfCheck.sne for the float domain of exp(-d² - log Z)). */
    private static final double[] SNE_MAP_SCALES = {1e-35, 1e-20, 1e-4, 0.5, 1.0, 2.0, 5.0};
    private static final double[] MAP_SPECIALS = {0.0, 0.05, 0.5};

    static IntStream hundred() {
        return Fuzz.cases(100);
    }

    static IntStream sixty() {
        return Fuzz.cases(60);
    }

    static IntStream three() {
        return Fuzz.cases(3);
    }

    /** Case k's scale and fraction of special values (every pair within |scales| · |specials| cases), any seed. */
    private static Data data(int k, Fuzz f, double[] scales, double[] specials) {
        return new Data(scales[k % scales.length], specials[(k / scales.length) % specials.length], f.anyLong());
    }

    private static Data data(int k, Fuzz f) {
        return data(k, f, SCALES, SPECIALS);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void squaredDistances(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.squaredDistances(VECTOR.distances(), TWIN.distances(), f.between(1, 80), f.between(1, 90), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void squaredDistancesToRows(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.squaredDistancesToRows(VECTOR.distances(), TWIN.distances(), f.between(1, 80), f.between(1, 90), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void squaredDistanceTile(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.squaredDistanceTile(VECTOR.distances(), TWIN.distances(), f.between(1, 80), f.between(1, 90), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void gaussianSums(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.gaussianSums(VECTOR.calibration(), TWIN.calibration(), f.between(1, 300), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void tsneKernels(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.tsne(VECTOR.gradient(), TWIN.gradient(), f.between(2, 90), f.between(2, 3), data(k, f, MAP_SCALES, MAP_SPECIALS)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void sneKernels(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.sne(VECTOR.gradient(), TWIN.gradient(), f.between(2, 90), f.between(2, 3), data(k, f, SNE_MAP_SCALES, MAP_SPECIALS)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void firstBelow(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.firstBelow(VECTOR.distances(), TWIN.distances(), f.between(1, 300), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void firstAtMost(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.firstAtMost(VECTOR.distances(), TWIN.distances(), f.between(1, 300), data(k, f)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundred")
    void gainsStep(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.gainsStep(VECTOR.step(), TWIN.step(), f.between(1, 300), data(k, f, MAP_SCALES, SPECIALS)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("sixty")
    void pcaProducts(int k) {
        Fuzz f = Fuzz.of(k);
        assertNull(SelfCheck.pcaProducts(VECTOR.matrix(), TWIN.matrix(),
                f.between(1, 300), f.between(1, 40), 16 * f.between(1, 4), data(k, f)));
    }

    /**
     * Rows longer than one j-tile (KernelImplementation.TILE), where the vector kernels switch from float to
     * double sums: the shortest and longest rows of the range, and one between.
     */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("three")
    void pastOneTile(int k) {
        Fuzz f = Fuzz.of(k);
        int min = KernelImplementation.TILE - 3, max = KernelImplementation.TILE + 40;
        int n = k == 0 ? min : k == 1 ? max : f.between(min, max);
        Data data = data(k, f, MAP_SCALES, MAP_SPECIALS);
        assertNull(SelfCheck.tsne(VECTOR.gradient(), TWIN.gradient(), n, 2, data));
        assertNull(SelfCheck.gaussianSums(VECTOR.calibration(), TWIN.calibration(), n, data));
    }

    /** The self check of {@code vtsne selftest} passes, and would fail on a kernel that is off. */
    @Test
    void selfCheckPassesAndCatchesAWrongKernel() {
        for (SelfCheck.Result r : SelfCheck.runAll(VECTOR, TWIN, 1)) {
            assertTrue(r.passed(), r.name() + ": " + r.detail());
        }
        // the twins, with squaredDistances 0.1 % off in its first output
        DistanceKernels off = (DistanceKernels) java.lang.reflect.Proxy.newProxyInstance(DistanceKernels.class.getClassLoader(),
                new Class<?>[] {DistanceKernels.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(TWIN.distances(), args);
                    if (method.getName().equals("squaredDistances")) {
                        float[] out = (float[]) args[5];
                        out[(int) args[3]] = out[(int) args[3]] * 1.001f + 1e-3f;
                    }
                    return result;
                });
        assertTrue(SelfCheck.squaredDistances(off, TWIN.distances(), 40, 5, new Data(1, 0, 3)) != null, "a kernel 0.1 % off must fail");
    }
}
