package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.testing.Digits;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same input, options and seed give the same bits: twice in one JVM (the second run meets
 * JIT-compiled kernels where the first met the interpreter, which is exactly what used to change
 * the bits of reduceLanes and lanewise EXP), and on 1 versus 2 threads.
 */
class DeterminismTest {

    /** Large enough that the gradient passes really run on the pool (see RowBlocks.MIN_PARALLEL_WORK). */
    private static final Points SUBSET = subset(1500);

    /** Barnes-Hut and FFT: 1, 2 and 4 threads on 5,000 points, enough for every pass to run on the pool. */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"BARNES_HUT", "FFT"})
    void approximateMethodsGiveTheSameBitsOnOneTwoAndFourThreads(Method method) {
        Points x = MethodAgreementTest.clustered(5000, 10, 21);
        TsneOptions.Builder b = TsneOptions.builder().method(method).iterations(260).seed(5);
        float[] one = TSne.fit(x, b.threads(1).build(), null).rowMajor();
        assertArrayEquals(one, TSne.fit(x, b.threads(1).build(), null).rowMajor(), "same seed, same JVM, twice");
        assertArrayEquals(one, TSne.fit(x, b.threads(2).build(), null).rowMajor(), "1 thread vs 2 threads");
        assertArrayEquals(one, TSne.fit(x, b.threads(4).build(), null).rowMajor(), "1 thread vs 4 threads");
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void sameSeedSameBitsWhateverTheThreadCount(Objective objective) {
        assertTrue((long) SUBSET.size() * SUBSET.size() >= RowBlocks.MIN_PARALLEL_WORK, "2 threads must really run in parallel");
        // 260 iterations: through early exaggeration and past the momentum switch
        TsneOptions.Builder b = TsneOptions.builder().objective(objective).method(Method.EXACT).perplexity(20).iterations(260).seed(3);
        float[] once = TSne.fit(SUBSET, b.threads(1).build(), null).rowMajor();
        float[] twice = TSne.fit(SUBSET, b.threads(1).build(), null).rowMajor();
        float[] twoThreads = TSne.fit(SUBSET, b.threads(2).build(), null).rowMajor();
        assertArrayEquals(once, twice, "same seed, same JVM, twice");
        assertArrayEquals(once, twoThreads, "1 thread vs 2 threads");
        float[] otherSeed = TSne.fit(SUBSET, b.threads(2).seed(4).initialization(Initialization.RANDOM).build(), null).rowMajor();
        assertFalse(Arrays.equals(once, otherSeed), "a different start must give a different map");
    }

    private static Points subset(int n) {
        Points all = Digits.load().points;
        return Points.ofRowMajor(Arrays.copyOf(all.rowMajor(), n * all.dim()), n, all.dim());
    }
}
