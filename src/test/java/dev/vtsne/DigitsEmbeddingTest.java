package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.testing.Digits;
import dev.vtsne.testing.MapQuality;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole runs on the bundled digits (1,797 points, 10 classes, chance accuracy 0.10) with the
 * default schedule. Figures seen: t-SNE KL 0.701, 10-NN accuracy 0.987 (quality.py's figure for
 * the same map); SNE 10-NN accuracy 0.962, about ten times chance.
 */
class DigitsEmbeddingTest {

    private static Digits digits;

    @BeforeAll
    static void load() {
        digits = Digits.load();
    }

    @Test
    void tsneSeparatesTheDigitsAndKlFalls() {
        Embedding e = TSne.fit(digits.points, TsneOptions.builder().threads(2).build(), null);
        List<KlRecord> kl = e.klHistory();
        assertEquals(15, kl.size(), "KL every 50 of 750 iterations");
        assertTrue(kl.get(kl.size() - 1).kl() < kl.get(0).kl(), "KL falls: " + kl);
        // after exaggeration ends (iteration 250) the true cost must not rise
        for (int k = 6; k < kl.size(); k++) {
            assertTrue(kl.get(k).kl() <= kl.get(k - 1).kl() + 1e-4, "KL rose at " + kl.get(k).iteration() + ": " + kl);
        }
        assertTrue(e.lastKl() < 1.0, "final KL " + e.lastKl());
        double acc = MapQuality.knnAccuracy(e.coordinates(), digits.labels, 10);
        assertTrue(acc >= 0.95, "10-NN accuracy " + acc);
    }

    @Test
    void sneSeparatesTheDigitsFarBetterThanChance() {
        Embedding e = TSne.fit(digits.points, TsneOptions.builder().objective(Objective.SNE).threads(2).build(), null);
        List<KlRecord> kl = e.klHistory();
        assertTrue(kl.get(kl.size() - 1).kl() < kl.get(0).kl(), "KL falls: " + kl);
        double acc = MapQuality.knnAccuracy(e.coordinates(), digits.labels, 10);
        assertTrue(acc >= 0.80, "10-NN accuracy " + acc + " (chance is 0.10)");
    }
}
