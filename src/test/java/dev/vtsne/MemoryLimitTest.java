package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.InsufficientHeapException.Dominant;
import org.junit.jupiter.api.Test;

/**
 * TSne.validate estimates a run's heap before any work ({@link HeapEstimate}) and refuses what
 * the heap cannot hold, with the values in an {@link InsufficientHeapException}. The heap limit
 * is injected and the sizes are given as numbers, so nothing large is allocated.
 */
class MemoryLimitTest {

    private static final long MIB = 1L << 20, GIB = 1L << 30;

    private static InsufficientHeapException refusal(int n, int d, TsneOptions o, long heap) {
        return assertThrows(InsufficientHeapException.class, () -> TSne.validate(n, d, o, heap));
    }

    private static void assertNoCommandLineWords(String m) {
        for (String word : new String[] {"-Xmx", "jvm.config", "--", "VTSNE_JAVA_OPTS"}) {
            assertFalse(m.contains(word), "library message names " + word + ": " + m);
        }
    }

    /**
     * The smallest -Xmx of jvm.config's ParallelGC that completed a run, with the
     * {@link Runtime#maxMemory()} it gives, measured on the measurement build without the
     * refusal (2 threads, 750 iterations, seed 1; AVX-512): the estimate must be at least the
     * heap that succeeded (no accepted run runs out) and at most 1.35 times it.
     */
    @Test
    void theEstimateCoversTheMeasuredThresholdsWithAMarginOfAtMostAThird() {
        // fashion-mnist-pca50, all 70,000 points: failed at -Xmx362m (maxMemory 347 MiB), completed at -Xmx370m (355 MiB)
        assertCovers(HeapEstimate.knn(70_000, 50, 0, 90, 2).bytes(), 355 * MIB);
        // its first 20,000 points: failed at -Xmx98m (94 MiB), completed at -Xmx101m (98 MiB)
        assertCovers(HeapEstimate.knn(20_000, 50, 0, 90, 2).bytes(), 98 * MIB);
        // 3,000 Gaussian points of 6,000 columns (bh, warm-up and search copies dominate): failed at -Xmx265m (255 MiB);
        // at -Xmx280m (268.5 MiB) the collector ran all the time and the run had not ended after 13 min (5 min at -Xmx530m)
        assertCovers(HeapEstimate.knn(3_000, 6_000, 0, 90, 2).bytes(), (long) (268.5 * MIB));
        // exact, 60 iterations: 3,000 Gaussian points at perplexity 900 (dense P) failed at -Xmx102m (98 MiB), completed
        // at -Xmx107m (103.5 MiB); 6,000 Gaussian points (perplexity 30) failed at -Xmx429m (382.5 MiB), completed at
        // -Xmx440m (391.5 MiB)
        assertCovers(HeapEstimate.exact(3_000, 50, 0, 2).bytes(), (long) (103.5 * MIB));
        assertCovers(HeapEstimate.exact(6_000, 50, 0, 2).bytes(), (long) (391.5 * MIB));
        // and the run is refused below the estimate, accepted at it
        assertThrows(InsufficientHeapException.class, () -> TSne.validate(70_000, 50, TsneOptions.builder().build(), 355 * MIB));
        assertDoesNotThrow(() -> TSne.validate(70_000, 50, TsneOptions.builder().build(), HeapEstimate.knn(70_000, 50, 0, 90, 2).bytes()));
    }

    private static void assertCovers(long estimate, long measured) {
        assertTrue(estimate >= measured && estimate <= 1.35 * measured,
                "estimate " + estimate / MIB + " MiB against a measured need of " + measured / MIB + " MiB");
    }

    @Test
    void exactAtTwoHundredThousandPointsIsRefusedNamingTheMethodsThatFit() {
        TsneOptions exact = TsneOptions.builder().method(Method.EXACT).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TSne.validate(200_000, 1, exact, 8 * GIB));
        String m = e.getMessage();
        assertTrue(m.contains("exact method supports at most 46340") && m.contains("200000"), m);
        assertTrue(m.contains("use method bh or fft"), m);
        // in 3-D only Barnes-Hut is an alternative
        String m3 = assertThrows(IllegalArgumentException.class,
                () -> TSne.validate(200_000, 1, TsneOptions.builder().method(Method.EXACT).dimensions(3).build(), 8 * GIB)).getMessage();
        assertTrue(m3.contains("use method bh (") && !m3.contains("fft"), m3);
        // and the methods it names are accepted
        assertDoesNotThrow(() -> TSne.validate(200_000, 1, TsneOptions.builder().method(Method.BARNES_HUT).build(), 8 * GIB));
        assertDoesNotThrow(() -> TSne.validate(200_000, 1, TsneOptions.builder().method(Method.FFT).build(), 8 * GIB));
    }

    @Test
    void whenNoMethodFitsTheRefusalIsTheKnnMethodsWithTheirValues() {
        InsufficientHeapException e = refusal(200_000, 1, TsneOptions.builder().method(Method.EXACT).build(), 256 * MIB);
        assertEquals("bh or fft", e.method());
        assertEquals(Dominant.NEIGHBOURS, e.dominant());
        assertEquals(90, e.neighbours());
        assertTrue(e.neededBytes() > e.maxHeapBytes());
        assertTrue(e.getMessage().contains("heap allows 256 MiB"), e.getMessage());
        assertNoCommandLineWords(e.getMessage());
        InsufficientHeapException sne = refusal(10_000, 1, TsneOptions.builder().objective(Objective.SNE).build(), 256 * MIB);
        assertEquals("exact", sne.method());
        assertEquals(Dominant.POINTS, sne.dominant());
        assertNull(sne.fittingMethods());
        assertNoCommandLineWords(sne.getMessage());
    }

    @Test
    void exactWithinItsPointLimitIsRefusedWhenTheHeapIsSmall() {
        // 20,000 points: 12 bytes per pair at the peak of affinity building, 4.5 GiB of arrays
        TsneOptions exact = TsneOptions.builder().method(Method.EXACT).build();
        InsufficientHeapException e = refusal(20_000, 1, exact, 2 * GIB);
        assertTrue(e.getMessage().startsWith("the exact method needs a heap of about ") && e.getMessage().contains("for 20000 points"),
                e.getMessage());
        assertEquals("bh or fft", e.fittingMethods());
        assertTrue(e.getMessage().contains("use method bh or fft"), e.getMessage());
        assertTrue(e.neededBytes() > 12L * 20_000 * 20_000, "below the n x n arrays alone: " + e.neededBytes());
        assertDoesNotThrow(() -> TSne.validate(20_000, 1, exact, e.neededBytes()));
        // the kNN methods' need, which the message offers, fits this heap and is what they are held to
        assertTrue(e.fittingBytes() > 0 && e.fittingBytes() <= 2 * GIB, "fitting bytes " + e.fittingBytes());
        TsneOptions bh = TsneOptions.builder().method(Method.BARNES_HUT).build();
        assertDoesNotThrow(() -> TSne.validate(20_000, 1, bh, e.fittingBytes()));
        assertThrows(InsufficientHeapException.class, () -> TSne.validate(20_000, 1, bh, e.fittingBytes() - 1));
        assertEquals(0, refusal(10_000, 1, TsneOptions.builder().objective(Objective.SNE).build(), 256 * MIB).fittingBytes());
    }

    @Test
    void knnMethodsAreRefusedWhenTheHeapIsSmall() {
        for (Method method : new Method[] {Method.BARNES_HUT, Method.FFT, Method.AUTO}) {
            InsufficientHeapException e = refusal(1_000_000, 1, TsneOptions.builder().method(method).build(), GIB);
            assertTrue(e.getMessage().contains("method needs a heap of about") && e.getMessage().contains("1000000 points of 1 columns with 90 neighbours")
                    && e.getMessage().contains("heap allows 1.0 GiB"), e.getMessage());
            assertEquals(Dominant.NEIGHBOURS, e.dominant());
        }
        assertDoesNotThrow(() -> TSne.validate(1_000_000, 1, TsneOptions.builder().method(Method.FFT).build(), 16 * GIB));
    }

    @Test
    void wideInputIsEstimatedByItsColumnsAndRefusedNamingThem() {
        TsneOptions o = TsneOptions.builder().perplexity(2).build();
        // 10 x 40,000 floats: 1.6 MB, accepted in a small heap (it once ran out building a 40,000 x 40,000 covariance)
        assertDoesNotThrow(() -> TSne.validate(10, 40_000, o, 64 * MIB));
        // 200 x 2,000,000 floats: 1.6 GB of input, refused in 2 GiB for its columns, accepted in 4 GiB
        InsufficientHeapException e = refusal(200, 2_000_000, TsneOptions.builder().perplexity(30).build(), 2 * GIB);
        assertEquals(Dominant.COLUMNS, e.dominant());
        assertEquals(2_000_000, e.columns());
        assertTrue(e.getMessage().contains("mostly the 2000000 columns"), e.getMessage());
        assertNoCommandLineWords(e.getMessage());
        assertDoesNotThrow(() -> TSne.validate(200, 2_000_000, TsneOptions.builder().perplexity(30).build(), 4 * GIB));
        // the input and the neighbour search's two reordered copies of it: 12 bytes a value for a kNN method
        TsneOptions bh = TsneOptions.builder().method(Method.BARNES_HUT).build();
        long knn = HeapEstimate.knn(500, 200_000, 0, 90, 2).bytes();
        long half = HeapEstimate.knn(500, 100_000, 0, 90, 2).bytes();
        long copies = (long) (12L * 500 * 100_000 / HeapEstimate.USABLE);
        assertEquals(copies, knn - half, 0.01 * copies, "the kNN method's heap per 100,000 columns");
        assertEquals(Dominant.COLUMNS, refusal(500, 200_000, bh, knn - 1).dominant());
        // PCA first shrinks the columns the search works on (its own d x 64 blocks are smaller than two copies of the input)
        assertTrue(HeapEstimate.knn(500, 200_000, 50, 90, 2).bytes() < knn - copies / 3);
    }

    @Test
    void sizesInMessagesReadDifferentlyWhenTheyDiffer() {
        String[] s = InsufficientHeapException.sizes(300 * MIB + 300_000, 300 * MIB);
        assertEquals("300.3 MiB", s[0]);
        assertEquals("300.0 MiB", s[1]);
        assertEquals("612 MiB", InsufficientHeapException.sizes(612 * MIB, 2 * GIB)[0]);
        assertEquals("2.0 GiB", InsufficientHeapException.sizes(612 * MIB, 2 * GIB)[1]);
        String[] g = InsufficientHeapException.sizes(GIB + 20 * MIB, GIB);
        assertEquals("1.02 GiB", g[0]);
        assertEquals("1.00 GiB", g[1]);
    }
}
