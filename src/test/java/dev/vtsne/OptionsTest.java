package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Options and inputs are refused with messages that name the value and what is allowed. */
class OptionsTest {

    @Test
    void badOptionsNameTheValue() {
        assertMessage(() -> TsneOptions.builder().perplexity(0).build(), "perplexity", "> 0", "0.0");
        assertMessage(() -> TsneOptions.builder().perplexity(-3).build(), "perplexity", "-3");
        assertMessage(() -> TsneOptions.builder().perplexity(Double.NaN).build(), "perplexity");
        assertMessage(() -> TsneOptions.builder().dimensions(4).build(), "dimensions", "2 or 3", "4");
        assertMessage(() -> TsneOptions.builder().iterations(-1).build(), "iterations", "-1");
        assertMessage(() -> TsneOptions.builder().learningRate(0).build(), "learning rate");
        assertMessage(() -> TsneOptions.builder().threads(0).build(), "threads", ">= 1");
        assertMessage(() -> TsneOptions.builder().exaggeration(0.5).build(), "exaggeration", ">= 1");
        assertMessage(() -> TsneOptions.builder().finalMomentum(1.0).build(), "momentum");
    }

    @Test
    void defaultsAreTheStandardSchedule() {
        TsneOptions o = TsneOptions.builder().build();
        assertEquals(30, o.perplexity());
        assertEquals(750, o.iterations());
        assertEquals(12, o.exaggeration());
        assertEquals(250, o.exaggerationIterations());
        assertEquals(0.5, o.initialMomentum());
        assertEquals(0.8, o.finalMomentum());
        assertEquals(250, o.momentumSwitchIteration());
        assertEquals(200, o.learningRateFor(1797));
        assertEquals(70_000 / 12.0, o.learningRateFor(70_000));
        assertEquals(123, TsneOptions.builder().learningRate(123).build().learningRateFor(5));
    }

    @Test
    void tooFewPointsForThePerplexityIsRefusedWithTheLargestAllowed() {
        Points x = Points.of(new double[50][3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TSne.fit(x, TsneOptions.builder().perplexity(30).build(), null));
        assertTrue(e.getMessage().contains("91 points") && e.getMessage().contains("16.33"), e.getMessage());
    }

    @Test
    void runsTooBigForTheExactMethodOrTheHeapAreRefusedBeforeAnyWork() {
        TsneOptions o = TsneOptions.builder().method(Method.EXACT).build();
        assertMessage(() -> TSne.validate(Points.ofRowMajor(new float[50_000], 50_000, 1), o), "at most 46340", "50000", "use method bh or fft");
        // 46,000 points need about 12 bytes per pair at the peak of affinity building: 23.7 GiB of
        // arrays, more than any heap on a 24 GiB machine
        assertMessage(() -> TSne.validate(Points.ofRowMajor(new float[46_000], 46_000, 1), o), "the exact method needs a heap of about",
                "heap allows");
    }

    @Test
    void methodsRefuseWhatTheyCannotDo() {
        assertMessage(() -> TsneOptions.builder().objective(Objective.SNE).method(Method.FFT).build(), "SNE has only the exact method");
        assertMessage(() -> TsneOptions.builder().dimensions(3).method(Method.FFT).build(), "2 dimensions only", "method bh");
        assertMessage(() -> TsneOptions.builder().theta(-0.1).build(), "theta", "-0.1");
        assertMessage(() -> TsneOptions.builder().pcaComponents(-1).build(), "PCA components");
        // the kNN methods need about 4 KB per point at 90 neighbours: 20 million points, 80 GB, exceed any heap here
        TsneOptions bh = TsneOptions.builder().method(Method.BARNES_HUT).build();
        assertMessage(() -> TSne.validate(Points.ofRowMajor(new float[20_000_000], 20_000_000, 1), bh), "the bh method needs a heap of about", "heap allows");
    }

    @Test
    void autoPicksExactForTinyBarnesHutForMidAndFftForLargeMaps() {
        TsneOptions o = TsneOptions.builder().build();
        assertEquals(Method.EXACT, o.methodFor(Method.AUTO_EXACT_MAX));
        assertEquals(Method.BARNES_HUT, o.methodFor(Method.AUTO_EXACT_MAX + 1));
        assertEquals(Method.BARNES_HUT, o.methodFor(Method.AUTO_FFT_MIN - 1));
        assertEquals(Method.FFT, o.methodFor(Method.AUTO_FFT_MIN));
        assertEquals(Method.BARNES_HUT, TsneOptions.builder().dimensions(3).build().methodFor(1_000_000));
        assertEquals(Method.EXACT, TsneOptions.builder().objective(Objective.SNE).build().methodFor(1_000_000));
        assertEquals(90, o.neighboursFor(70_000));
        assertEquals(40, o.neighboursFor(41));
    }

    @Test
    void badPointsAreRefused() {
        assertMessage(() -> Points.of(new double[][] {{1, 2}, {3}}), "row 2", "same length");
        assertMessage(() -> Points.of(new double[][] {{1, Double.NaN}}), "row 1", "column 2", "NaN");
        assertMessage(() -> Points.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 0}}), "Infinity");
        assertMessage(() -> Points.of(new double[0][]), "no points");
        assertMessage(() -> Points.of(new double[][] {{1e300}}), "float range");
        assertMessage(() -> TSne.fit(Points.of(new double[][] {{1, 2}}), TsneOptions.builder().perplexity(0.1).build(), null), "at least 2 points");
    }

    @Test
    void aHugePerplexityIsRefusedWithoutOverflow() {
        Points x = Points.of(new double[20][3]);
        assertMessage(() -> TSne.validate(x, TsneOptions.builder().perplexity(1e300).build()),
                "perplexity 1.0E300", "at least 3.0E300 points", "at most 6.33");
        assertMessage(() -> TSne.validate(x, TsneOptions.builder().perplexity(1e9).build()), "at least 3000000001 points");
        assertEquals(3e300 + 1, TsneOptions.minPointsFor(1e300));
        assertEquals(91, TsneOptions.minPointsFor(30));
        assertEquals(2, TsneOptions.minPointsFor(0.33));
    }

    @Test
    void everyPerplexityTheSizeAllowsHasANeighbour() {
        TsneOptions smallest = TsneOptions.builder().perplexity(TsneOptions.maxPerplexityFor(2)).build();
        assertEquals(1, smallest.neighboursFor(2));
        assertEquals(1, TsneOptions.builder().perplexity(0.01).build().neighboursFor(1000));
        assertEquals(2, TsneOptions.builder().perplexity(TsneOptions.maxPerplexityFor(3)).build().neighboursFor(3));
    }

    @Test
    void nullsAreRefusedByName() {
        assertNull(() -> Points.of(new double[][] {{1, 2}, null}), "rows[1]", "row 2");
        assertNull(() -> Points.of(new float[][] {null, {1, 2}}), "rows[0]", "row 1");
        Points x = Points.of(new double[][] {{1, 2}, {3, 4}, {5, 7}});
        TsneOptions o = TsneOptions.builder().perplexity(0.5).build();
        assertNull(() -> TSne.fit(null, o, null), "x (the points)");
        assertNull(() -> TSne.fit(x, null, null), "options");
        assertNull(() -> TSne.fit(x, o, null, null), "cancellation");
        assertNull(() -> TSne.validate(null, o), "x (the points)");
    }

    private static void assertNull(Runnable r, String... parts) {
        NullPointerException e = assertThrows(NullPointerException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }
}
