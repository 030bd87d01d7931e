package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.IterationListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StringWriter text = new StringWriter();

    private Progress progress(boolean live) {
        return new Progress(new PrintWriter(text, true), live, 100, now::get, false);
    }

    private void advance(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void plainLinesForPhasesAndKlEvaluations() {
        Progress p = progress(false);
        p.onPhase(IterationListener.PHASE_KNN);
        advance(1.5);
        p.onPhase(IterationListener.PHASE_AFFINITIES);
        p.onPhase(IterationListener.PHASE_OPTIMIZE);
        for (int it = 1; it <= 100; it++) {
            p.onIteration(it, it % 50 == 0 ? 3.0 / it : Double.NaN, it * 10_000_000L);
        }
        p.finish();
        assertEquals(List.of(
                "phase knn  elapsed 0.00 s",
                "phase affinities  elapsed 1.50 s",
                "phase optimize  elapsed 1.50 s",
                "iteration 50/100  KL 0.060000  elapsed 0.50 s",
                "iteration 100/100  KL 0.030000  elapsed 1.00 s"), List.of(text.toString().split("\\R")));
        assertFalse(text.toString().contains("\r"), "no carriage returns in a log");
    }

    /** The kNN search's steps: a plain line when a stage starts or ends, else at most every 10 s; live, in the line. */
    @Test
    void stepsOfALongPhaseAreReportedWithoutFloodingALog() {
        Progress p = progress(false);
        p.onPhase(IterationListener.PHASE_KNN);
        p.onPhaseStep(IterationListener.PHASE_KNN, "trees", 1, 1);
        for (int round = 1; round <= 10; round++) {
            advance(4);
            p.onPhaseStep(IterationListener.PHASE_KNN, "nn-descent", round, 10);
        }
        assertEquals(List.of(
                "phase knn  elapsed 0.00 s",
                "phase knn: trees 1/1  elapsed 0.00 s",
                "phase knn: nn-descent 1/10  elapsed 4.00 s",
                "phase knn: nn-descent 4/10  elapsed 16.00 s",
                "phase knn: nn-descent 7/10  elapsed 28.00 s",
                "phase knn: nn-descent 10/10  elapsed 40.00 s"), List.of(text.toString().split("\\R")));
        Progress live = progress(true);
        live.onPhase(IterationListener.PHASE_KNN);
        live.onPhaseStep(IterationListener.PHASE_KNN, "exact", 3, 64);
        assertEquals("[knn exact 3/64]  elapsed 0.0 s", live.line());
        live.onPhase(IterationListener.PHASE_AFFINITIES);
        assertEquals("[affinities]  elapsed 0.0 s", live.line());
    }

    @Test
    void liveLineIsRewrittenInPlaceAndCleared() {
        Progress p = progress(true);
        p.onPhase(IterationListener.PHASE_KNN);
        assertEquals("[knn]  elapsed 0.0 s", p.line());
        advance(2);
        p.onPhase(IterationListener.PHASE_OPTIMIZE);
        p.onIteration(1, Double.NaN, 100_000_000L);
        assertEquals("[optimize] iteration 1/100  KL -  elapsed 2.0 s  ETA 9.9 s", p.line());
        advance(1);
        p.onIteration(50, 2.5, 5_000_000_000L);
        assertEquals("[optimize] iteration 50/100  KL 2.5000  elapsed 3.0 s  ETA 5.0 s", p.line());
        advance(70);
        p.onIteration(100, 1.25, 75_000_000_000L);
        assertEquals("[optimize] iteration 100/100  KL 1.2500  elapsed 1 min 13 s", p.line());
        p.finish();
        String out = text.toString();
        assertFalse(out.contains("\n"), "one line, never a newline: " + out);
        assertTrue(out.startsWith("\r[knn]"), out);
        assertTrue(out.contains("\r[optimize] iteration 100/100  KL 1.2500"), "the last iteration is always drawn: " + out);
        assertTrue(out.endsWith("\r"), "the line is cleared at the end");
        String[] frames = out.split("\r");
        String cleared = frames[frames.length - 1];
        assertTrue(cleared.isBlank(), "blanks over the last frame");
    }

    @Test
    void liveRedrawsAreThrottled() {
        Progress p = progress(true);
        p.onPhase(IterationListener.PHASE_OPTIMIZE);
        for (int it = 1; it < 100; it++) {
            p.onIteration(it, Double.NaN, it * 1_000_000L); // the clock does not move
        }
        assertEquals(1, text.toString().split("\r", -1).length - 1, "only the phase change was drawn: " + text);
    }

    @Test
    void durations() {
        assertEquals("0.0 s", Progress.duration(-5));
        assertEquals("59.9 s", Progress.duration(59_900_000_000L));
        assertEquals("2 min 05 s", Progress.duration(125_000_000_000L));
        assertEquals("1 h 01 min", Progress.duration(3_690_000_000_000L));
    }
}
