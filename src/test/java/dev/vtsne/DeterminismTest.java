package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.knn.KnnGraph;
import dev.vtsne.knn.KnnProgress;
import dev.vtsne.knn.NnDescent;
import dev.vtsne.pca.RandomizedPca;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.testing.Digits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same input, options and seed give the same bits: twice in one JVM (the second run meets
 * JIT-compiled kernels where the first met the interpreter, which is exactly what used to change
 * the bits of reduceLanes and lanewise EXP), and on 1, 2 and 4 threads: exact t-SNE and SNE, Barnes-Hut,
 * FFT, NN-descent and the randomized-PCA path.
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
        float[] fourThreads = TSne.fit(SUBSET, b.threads(4).build(), null).rowMajor();
        assertArrayEquals(once, twice, "same seed, same JVM, twice");
        assertArrayEquals(once, twoThreads, "1 thread vs 2 threads");
        assertArrayEquals(once, fourThreads, "1 thread vs 4 threads");
        float[] otherSeed = TSne.fit(SUBSET, b.threads(2).seed(4).initialization(Initialization.RANDOM).build(), null).rowMajor();
        assertFalse(Arrays.equals(once, otherSeed), "a different start must give a different map");
    }

    /**
     * NN-descent (the kNN search above NearestNeighbors.EXACT_MAX_POINTS = 400,000 points, too many
     * for a test run of TSne) called directly: the same graph on 1, 2 and 4 threads. Few trees and
     * small leaves, so NN-descent rounds do most of the work.
     */
    @Test
    void nnDescentGivesTheSameGraphOnOneTwoAndFourThreads() {
        Points x = MethodAgreementTest.clustered(4000, 20, 13);
        NnDescent.Settings s = new NnDescent.Settings(2, 30, 15, 10, 0.001);
        KnnGraph[] g = new KnnGraph[3];
        int[] threads = {1, 2, 4};
        for (int t = 0; t < 3; t++) {
            try (RowBlocks pool = new RowBlocks(threads[t])) {
                g[t] = NnDescent.search(x, 30, 9L, s, KernelSet.preferred().distances(), pool, KnnProgress.NONE);
            }
        }
        for (int t = 1; t < 3; t++) {
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(g[0].indices()[i], g[t].indices()[i], threads[t] + " threads, row " + i);
                assertArrayEquals(g[0].squaredDistances()[i], g[t].squaredDistances()[i], threads[t] + " threads, row " + i);
            }
        }
    }

    /** The --pca path: randomized PCA, then Barnes-Hut, on 1, 2 and 4 threads. */
    @Test
    void pcaPathGivesTheSameBitsOnOneTwoAndFourThreads() {
        // 20,000 x 50: enough work that the sketch products really run on the pool (RowBlocks.MIN_PARALLEL_WORK)
        Points big = MethodAgreementTest.clustered(20_000, 50, 17);
        try (RowBlocks p1 = new RowBlocks(1); RowBlocks p2 = new RowBlocks(2); RowBlocks p4 = new RowBlocks(4)) {
            float[] one = RandomizedPca.fit(big, 12, 3L, p1, KernelSet.preferred().matrix()).project(big, p1).rowMajor();
            assertArrayEquals(one, RandomizedPca.fit(big, 12, 3L, p2, KernelSet.preferred().matrix()).project(big, p2).rowMajor(), "PCA, 1 vs 2 threads");
            assertArrayEquals(one, RandomizedPca.fit(big, 12, 3L, p4, KernelSet.preferred().matrix()).project(big, p4).rowMajor(), "PCA, 1 vs 4 threads");
        }
        Points x = MethodAgreementTest.clustered(1500, 60, 17);
        TsneOptions.Builder b = TsneOptions.builder().method(Method.BARNES_HUT).pcaComponents(12).iterations(30).seed(8);
        float[] one = TSne.fit(x, b.threads(1).build(), null).rowMajor();
        assertArrayEquals(one, TSne.fit(x, b.threads(2).build(), null).rowMajor(), "pca + bh, 1 vs 2 threads");
        assertArrayEquals(one, TSne.fit(x, b.threads(4).build(), null).rowMajor(), "pca + bh, 1 vs 4 threads");
    }

    private static Points subset(int n) {
        Points all = Digits.load().points;
        return Points.ofRowMajor(Arrays.copyOf(all.rowMajor(), n * all.dim()), n, all.dim());
    }
}
