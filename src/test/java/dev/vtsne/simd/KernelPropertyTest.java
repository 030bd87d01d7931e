package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.simd.SelfCheck.Data;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property tests: every vector kernel equals its scalar twin, within the tolerances of
 * KernelTwinTest, on random shapes and random values: scales from 1e-35 (subnormal territory) to
 * 1e15 (distances), 1e6 (t-SNE maps) and 5 (SNE maps), with zeros, float subnormals and exact ties
 * mixed in. What fuzzing the kernels found is written into SelfCheck: the float domain of the
 * t-SNE log kernel on maps 1e-4 wide, of SNE's exp(-d² - log Z) on wide maps, and the float clamp of
 * the calibration's beta. Like KernelTwinTest this class runs
 * once per vector width (128, 256, 512 bits: see pom.xml). The comparisons are those of
 * {@link SelfCheck}, which {@code vtsne selftest} runs on fixed shapes.
 */
class KernelPropertyTest {

    private static final Kernels VECTOR = KernelProvider.kernels();
    private static final Kernels TWIN = KernelProvider.scalar();

    @Provide
    Arbitrary<Data> data() {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.of(1e-35, 1e-30, 1e-12, 1e-3, 1.0, 7.0, 1e3, 1e8, 1e15),
                Arbitraries.of(0.0, 0.05, 0.5, 1.0),
                Arbitraries.longs()).as(Data::new);
    }

    /** Map coordinates: the t-SNE and SNE kernels see maps from 1e-35 wide to 1e6 wide. */
    @Provide
    Arbitrary<Data> mapData() {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.of(1e-35, 1e-20, 1e-4, 0.5, 1.0, 5.0, 40.0, 1e3, 1e6),
                Arbitraries.of(0.0, 0.05, 0.5),
                Arbitraries.longs()).as(Data::new);
    }

    /** SNE maps: up to a few units wide (see SelfCheck.sne for the float domain of exp(-d² - log Z)). */
    @Provide
    Arbitrary<Data> sneMapData() {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.of(1e-35, 1e-20, 1e-4, 0.5, 1.0, 2.0, 5.0),
                Arbitraries.of(0.0, 0.05, 0.5),
                Arbitraries.longs()).as(Data::new);
    }

    @Property(tries = 100)
    void squaredDistances(@ForAll @IntRange(min = 1, max = 80) int n, @ForAll @IntRange(min = 1, max = 90) int dim,
                          @ForAll("data") Data data) {
        assertNull(SelfCheck.squaredDistances(VECTOR, TWIN, n, dim, data));
    }

    @Property(tries = 100)
    void squaredDistancesToRows(@ForAll @IntRange(min = 1, max = 80) int count, @ForAll @IntRange(min = 1, max = 90) int dim,
                                @ForAll("data") Data data) {
        assertNull(SelfCheck.squaredDistancesToRows(VECTOR, TWIN, count, dim, data));
    }

    @Property(tries = 100)
    void squaredDistanceTile(@ForAll @IntRange(min = 1, max = 80) int refs, @ForAll @IntRange(min = 1, max = 90) int dim,
                             @ForAll("data") Data data) {
        assertNull(SelfCheck.squaredDistanceTile(VECTOR, TWIN, refs, dim, data));
    }

    @Property(tries = 100)
    void gaussianSums(@ForAll @IntRange(min = 1, max = 300) int m, @ForAll("data") Data data) {
        assertNull(SelfCheck.gaussianSums(VECTOR, TWIN, m, data));
    }

    @Property(tries = 100)
    void tsneKernels(@ForAll @IntRange(min = 2, max = 90) int n, @ForAll @IntRange(min = 2, max = 3) int dims,
                     @ForAll("mapData") Data data) {
        assertNull(SelfCheck.tsne(VECTOR, TWIN, n, dims, data));
    }

    @Property(tries = 100)
    void sneKernels(@ForAll @IntRange(min = 2, max = 90) int n, @ForAll @IntRange(min = 2, max = 3) int dims,
                    @ForAll("sneMapData") Data data) {
        assertNull(SelfCheck.sne(VECTOR, TWIN, n, dims, data));
    }

    @Property(tries = 60)
    void pcaProducts(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 40) int d,
                     @ForAll @IntRange(min = 1, max = 4) int widthBlocks, @ForAll("data") Data data) {
        assertNull(SelfCheck.pcaProducts(KernelProvider.matrixKernels(), KernelProvider.scalarMatrixKernels(), n, d,
                16 * widthBlocks, data));
    }

    /** Rows longer than one j-tile (Kernels.TILE), where the vector kernels switch from float to double sums. */
    @Property(tries = 2)
    void pastOneTile(@ForAll @IntRange(min = Kernels.TILE - 3, max = Kernels.TILE + 40) int n, @ForAll("mapData") Data data) {
        assertNull(SelfCheck.tsne(VECTOR, TWIN, n, 2, data));
        assertNull(SelfCheck.gaussianSums(VECTOR, TWIN, n, data));
    }

    /** The self check of {@code vtsne selftest} passes, and would fail on a kernel that is off. */
    @Example
    void selfCheckPassesAndCatchesAWrongKernel() {
        for (SelfCheck.Result r : SelfCheck.runAll(VECTOR, TWIN, KernelProvider.matrixKernels(), KernelProvider.scalarMatrixKernels(), 1)) {
            assertTrue(r.passed(), r.name() + ": " + r.detail());
        }
        // the twins, with squaredDistances 0.1 % off in its first output
        Kernels off = (Kernels) java.lang.reflect.Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(TWIN, args);
                    if (method.getName().equals("squaredDistances")) {
                        float[] out = (float[]) args[5];
                        out[(int) args[3]] = out[(int) args[3]] * 1.001f + 1e-3f;
                    }
                    return result;
                });
        assertTrue(SelfCheck.squaredDistances(off, TWIN, 40, 5, new Data(1, 0, 3)) != null, "a kernel 0.1 % off must fail");
    }
}
