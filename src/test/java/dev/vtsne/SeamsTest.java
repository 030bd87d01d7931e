package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fit's steps entered one by one: its own graph, affinities and start fed back through the
 * public seams give the fit's bits; two {@link OptimizeStep} phases give the bits of the fit's
 * schedule (the optimizer state carries over between calls); a map started from affinities has
 * no points to transform against; its times say 0 for what it did not compute.
 */
class SeamsTest {

    private static final Points X = MethodAgreementTest.clustered(700, 8, 31);

    /** 300 iterations: through the exaggeration and past the momentum switch at 250. */
    private static TsneOptions.Builder options(Method method) {
        return TsneOptions.builder().method(method).perplexity(15).iterations(300).klEvery(50).seed(9).threads(2);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"BARNES_HUT", "FFT"})
    void graphAffinitiesAndLayoutFedBackGiveTheFitsBits(Method method) {
        TsneOptions o = options(method).build();
        float[] fit = TSne.fit(X, o, null).rowMajor();
        NeighborGraph g = TSne.neighbors(X, o);
        AffinityMatrix p = TSne.affinities(g, o);
        Embedding e = TSne.embedding(p, TSne.initialLayout(X, o), o).optimize(o.iterations(), null);
        assertArrayEquals(fit, e.rowMajor(), "neighbors → affinities → initialLayout → embedding → optimize");
        assertEquals(method, e.method());
    }

    @Test
    void theStepsApplyTheOptionsPcaAsTheFitDoes() {
        TsneOptions o = options(Method.BARNES_HUT).pcaComponents(4).iterations(260).build();
        float[] fit = TSne.fit(X, o, null).rowMajor();
        AffinityMatrix p = TSne.affinities(TSne.neighbors(X, o), o);
        assertArrayEquals(fit, TSne.embedding(p, TSne.initialLayout(X, o), o).optimize(o.iterations(), null).rowMajor());
    }

    /** The exact method and SNE calibrate over all pairs: their affinities are affinities(Points, options). */
    @ParameterizedTest
    @EnumSource(Objective.class)
    void allPairAffinitiesFedBackGiveTheExactFitsBits(Objective objective) {
        TsneOptions o = options(Method.EXACT).objective(objective).iterations(260).build();
        float[] fit = TSne.fit(X, o, null).rowMajor();
        AffinityMatrix p = TSne.affinities(X, o);
        assertEquals(objective, p.objective());
        assertArrayEquals(fit, TSne.embedding(p, TSne.initialLayout(X, o), o).optimize(o.iterations(), null).rowMajor());
    }

    /** The schedule as two phases: exaggerated with momentum 0.5, then the rest with 0.8. */
    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"EXACT", "BARNES_HUT", "FFT"})
    void twoOptimizeCallsEqualTheFitsSchedule(Method method) {
        TsneOptions o = options(method).build();
        float[] fit = TSne.fit(X, o, null).rowMajor();
        Embedding e = TSne.embedding(TSne.affinities(X, o), TSne.initialLayout(X, o), o);
        e.optimize(OptimizeStep.builder(o.exaggerationIterations()).exaggeration(o.exaggeration()).momentum(o.initialMomentum()).build(), null);
        e.optimize(OptimizeStep.builder(o.iterations() - o.exaggerationIterations()).momentum(o.finalMomentum()).build(), null);
        assertEquals(o.iterations(), e.iterations());
        assertArrayEquals(fit, e.rowMajor(), "the second call continues the first's gains and updates");
    }

    /** A step limit no step reaches changes no bit; one that steps reach changes the map. */
    @Test
    void aStepLimitThatBindsChangesTheMapAndOneThatDoesNotKeepsTheBits() {
        TsneOptions o = options(Method.BARNES_HUT).build();
        AffinityMatrix p = TSne.affinities(X, o);
        float[][] y0 = TSne.initialLayout(X, o);
        float[] free = run(p, y0, o, Double.POSITIVE_INFINITY);
        assertArrayEquals(free, run(p, y0, o, 1e6));
        assertFalse(Arrays.equals(free, run(p, y0, o, 0.05)), "a limit of 0.05 must bind in the exaggerated phase");
    }

    private static float[] run(AffinityMatrix p, float[][] y0, TsneOptions o, double maxStepNorm) {
        Embedding e = TSne.embedding(p, y0, o);
        e.optimize(OptimizeStep.builder(50).exaggeration(12).momentum(0.5).maxStepNorm(maxStepNorm).build(), null);
        return e.rowMajor();
    }

    @Test
    void aMapFromAffinitiesHasNoPointsToTransformAgainst() {
        TsneOptions o = options(Method.BARNES_HUT).iterations(10).build();
        Embedding e = TSne.embedding(TSne.affinities(X, o), TSne.initialLayout(X, o), o).optimize(o.iterations(), null);
        IllegalStateException ex = assertThrows(IllegalStateException.class, e::referenceMap);
        assertTrue(ex.getMessage().contains("no input points"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> e.transform(X));
    }

    @Test
    void timesCarryWhatEachStepComputedAndZeroForWhatWasGiven() {
        TsneOptions o = options(Method.BARNES_HUT).iterations(5).build();
        NeighborGraph computed = TSne.neighbors(X, o);
        PhaseTimes fromPoints = TSne.embedding(TSne.affinities(computed, o), TSne.initialLayout(X, o), o).phaseTimes();
        assertTrue(fromPoints.neighbours() > 0 && fromPoints.affinities() > 0, fromPoints.toString());
        assertEquals(0, fromPoints.pca(), "no PCA asked");

        NeighborGraph given = NeighborGraph.of(computed.indices(), computed.distances());
        PhaseTimes fromGraph = TSne.embedding(TSne.affinities(given, o), TSne.initialLayout(X, o), o).phaseTimes();
        assertEquals(0, fromGraph.neighbours(), "a given graph was not searched");
        assertTrue(fromGraph.affinities() > 0);
    }

    @Test
    void aLayoutOfTheWrongShapeOrWithNonFiniteValuesIsRefused() {
        TsneOptions o = options(Method.BARNES_HUT).build();
        AffinityMatrix p = TSne.affinities(X, o);
        float[][] good = TSne.initialLayout(X, o);
        assertMessage("3 axes", () -> TSne.embedding(p, new float[][] {good[0], good[1], good[1]}, o));
        assertMessage("699 values", () -> TSne.embedding(p, new float[][] {good[0], Arrays.copyOf(good[1], 699)}, o));
        float[][] nan = {good[0].clone(), good[1].clone()};
        nan[1][17] = Float.NaN;
        assertMessage("point 17 of the layout is NaN on axis 1", () -> TSne.embedding(p, nan, o));
        float[][] copy = {good[0].clone(), good[1].clone()};
        Embedding e = TSne.embedding(p, copy, o).optimize(3, null);
        assertArrayEquals(good[0], copy[0], "the given layout is copied, not moved");
        assertFalse(Arrays.equals(good[0], e.coordinates()[0]));
    }

    @Test
    void sneRefusesAffinitiesThatAreNotItsOwn() {
        TsneOptions tsne = options(Method.BARNES_HUT).build();
        TsneOptions sne = TsneOptions.builder().objective(Objective.SNE).perplexity(15).build();
        AffinityMatrix joint = TSne.affinities(X, tsne);
        float[][] y0 = TSne.initialLayout(X, tsne);
        assertMessage("SNE needs its own affinities", () -> TSne.embedding(joint, y0, sne));
        assertMessage("SNE calibrates its affinities over all pairs", () -> TSne.affinities(TSne.neighbors(X, tsne), sne));
        AffinityMatrix s = TSne.affinities(X, sne);
        assertMessage("these are SNE's affinities", () -> TSne.embedding(s, y0, tsne));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
    }
}
