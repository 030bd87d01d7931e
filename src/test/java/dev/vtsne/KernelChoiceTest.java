package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.simd.KernelSet;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which kernels a fit runs on. A plain fit runs on the set the JVM chose, and the build's scalar
 * end-to-end run (surefire execution kernels-scalar, {@code -Dvtsne.kernels=scalar}) fails here if
 * it silently ran the vector kernels. A fit handed {@link KernelSet#scalar()} runs the twins
 * whatever the JVM chose: the same bits as the preferred set when that is the twins, other bits
 * when it is the vector kernels (float sums in tiles against double sums).
 */
class KernelChoiceTest {

    private static final Points X = MethodAgreementTest.clustered(300, 8, 3);

    /** Every method's kernels: t-SNE exact, Barnes-Hut and FFT, and SNE (exact only). */
    static Stream<TsneOptions> runs() {
        TsneOptions.Builder b = TsneOptions.builder().perplexity(15).iterations(60).seed(3).threads(2);
        return Stream.of(b.method(Method.EXACT).build(), b.method(Method.BARNES_HUT).build(), b.method(Method.FFT).build(),
                b.method(Method.EXACT).objective(Objective.SNE).build());
    }

    @ParameterizedTest
    @MethodSource("runs")
    void aFitRunsOnTheKernelsThePropertyAsksFor(TsneOptions options) {
        Embedding e = TSne.fit(X, options, null);
        if ("scalar".equals(System.getProperty("vtsne.kernels"))) {
            assertEquals("scalar", e.kernels(), "-Dvtsne.kernels=scalar, yet the fit ran on other kernels");
        } else if (Boolean.getBoolean("vtsne.requireVector")) {
            assertTrue(e.kernels().startsWith("vector-"), e.kernels());
        }
        assertEquals(KernelSet.preferred().name(), e.kernels());
    }

    @ParameterizedTest
    @MethodSource("runs")
    void aFitOnTheScalarSetRunsTheTwins(TsneOptions options) {
        Embedding twins = TSne.fit(X, options, null, new Cancellation(), KernelSet.scalar());
        assertEquals("scalar", twins.kernels());
        float[] preferred = TSne.fit(X, options, null).rowMajor();
        if (KernelSet.preferred().vectorBits() == 0) {
            assertArrayEquals(preferred, twins.rowMajor(), "both fits ran the twins");
        } else {
            assertFalse(Arrays.equals(preferred, twins.rowMajor()), "the scalar set's fit gave the vector kernels' bits");
        }
    }
}
