package dev.vtsne;

import static dev.vtsne.SeamsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The defaults of an optimization phase, and each value it refuses. */
class OptimizeStepTest {

    @Test
    void theDefaultsAreTheStandardSchedulesSecondPhaseWithoutALimit() {
        OptimizeStep s = OptimizeStep.builder(500).build();
        assertEquals(new OptimizeStep(500, 1, 0.8, Double.NaN, Double.POSITIVE_INFINITY, 0.01), s);
        TsneOptions o = TsneOptions.builder().build();
        assertEquals(Math.max(200, 24_000 / 12.0), s.learningRateFor(o, 24_000), "auto: the options' rule");
        assertEquals(50, OptimizeStep.builder(1).learningRate(50).build().learningRateFor(o, 24_000));
    }

    @Test
    void eachBadValueIsRefusedNamingIt() {
        assertMessage("iterations must be >= 0, got -1", () -> OptimizeStep.builder(-1).build());
        assertMessage("exaggeration must be a finite number > 0 (1 = none), got 0.0", () -> OptimizeStep.builder(1).exaggeration(0).build());
        assertMessage("got Infinity", () -> OptimizeStep.builder(1).exaggeration(Double.POSITIVE_INFINITY).build());
        assertMessage("momentum must be in [0, 1), got 1.0", () -> OptimizeStep.builder(1).momentum(1).build());
        assertMessage("learning rate must be a finite number > 0 (or NaN for auto), got -3.0",
                () -> OptimizeStep.builder(1).learningRate(-3).build());
        assertMessage("max step norm must be > 0 (+Infinity for no limit), got 0.0", () -> OptimizeStep.builder(1).maxStepNorm(0).build());
        assertMessage("got NaN", () -> OptimizeStep.builder(1).maxStepNorm(Double.NaN).build());
        assertMessage("minimum gain must be in (0, 1], got 2.0", () -> OptimizeStep.builder(1).minGain(2).build());
    }
}
