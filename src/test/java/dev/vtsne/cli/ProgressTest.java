package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StringWriter text = new StringWriter();

    private Progress progress(boolean live) {
        return progress(live, 0);
    }

    /** 100 iterations, the first {@code exaggerated} of them with early exaggeration. */
    private Progress progress(boolean live, int exaggerated) {
        return new Progress(new PrintWriter(text, true), live, 100, exaggerated, now::get, false);
    }

    private void advance(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    /**
     * Every line's "elapsed" runs on one clock, from the start of the run (the phase lines' clock);
     * iteration lines add the optimizer's own time, and label a KL measured under early exaggeration.
     */
    @Test
    void plainLinesForPhasesAndKlEvaluations() {
        Progress p = progress(false, 50);
        p.onPhase(Phase.KNN);
        advance(1.5);
        p.onPhase(Phase.AFFINITIES);
        advance(0.25);
        p.onPhase(Phase.OPTIMIZE);
        advance(0.25); // initialization, before the optimizer's clock starts
        for (int it = 1; it <= 100; it++) {
            advance(0.01);
            p.onIteration(it, it % 50 == 0 || it == 51 ? 3.0 / it : Double.NaN, it * 10_000_000L);
        }
        p.finish();
        assertEquals(List.of(
                "phase knn  elapsed 0.00 s",
                "phase affinities  elapsed 1.50 s",
                "phase optimize  elapsed 1.75 s",
                "iteration 50/100  KL (exaggerated) 0.060000  elapsed 2.50 s (optimizing 0.50 s)",
                "iteration 51/100  KL 0.058824  elapsed 2.51 s (optimizing 0.51 s)",
                "iteration 100/100  KL 0.030000  elapsed 3.00 s (optimizing 1.00 s)"), List.of(text.toString().split("\\R")));
        assertFalse(text.toString().contains("\r"), "no carriage returns in a log");
    }

    /** Live, the KL keeps the label of the iteration it was measured at until the next one replaces it. */
    @Test
    void liveLineLabelsAKlMeasuredUnderExaggeration() {
        Progress p = progress(true, 50);
        p.onPhase(Phase.OPTIMIZE);
        p.onIteration(50, 2.5, 5_000_000_000L);
        p.onIteration(60, Double.NaN, 6_000_000_000L);
        assertEquals("[optimize] iteration 60/100  KL (exaggerated) 2.5000  elapsed 0.0 s  ETA 4.0 s", p.line());
        p.onIteration(70, 1.5, 7_000_000_000L);
        assertEquals("[optimize] iteration 70/100  KL 1.5000  elapsed 0.0 s  ETA 3.0 s", p.line());
    }

    /** The kNN search's steps: a plain line when a stage starts or ends, else at most every 10 s; live, in the line. */
    @Test
    void stepsOfALongPhaseAreReportedWithoutFloodingALog() {
        Progress p = progress(false);
        p.onPhase(Phase.KNN);
        p.onPhaseStep(Phase.KNN, "trees", 1, 1);
        for (int round = 1; round <= 10; round++) {
            advance(4);
            p.onPhaseStep(Phase.KNN, "nn-descent", round, 10);
        }
        assertEquals(List.of(
                "phase knn  elapsed 0.00 s",
                "phase knn: trees 1/1  elapsed 0.00 s",
                "phase knn: nn-descent 1/10  elapsed 4.00 s",
                "phase knn: nn-descent 4/10  elapsed 16.00 s",
                "phase knn: nn-descent 7/10  elapsed 28.00 s",
                "phase knn: nn-descent 10/10  elapsed 40.00 s"), List.of(text.toString().split("\\R")));
        Progress live = progress(true);
        live.onPhase(Phase.KNN);
        live.onPhaseStep(Phase.KNN, "exact", 3, 64);
        assertEquals("[knn exact 3/64]  elapsed 0.0 s", live.line());
        live.onPhase(Phase.AFFINITIES);
        assertEquals("[affinities]  elapsed 0.0 s", live.line());
    }

    @Test
    void liveLineIsRewrittenInPlaceAndCleared() {
        Progress p = progress(true);
        p.onPhase(Phase.KNN);
        assertEquals("[knn]  elapsed 0.0 s", p.line());
        advance(2);
        p.onPhase(Phase.OPTIMIZE);
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
        p.onPhase(Phase.OPTIMIZE);
        for (int it = 1; it < 100; it++) {
            p.onIteration(it, Double.NaN, it * 1_000_000L); // the clock does not move
        }
        assertEquals(1, text.toString().split("\r", -1).length - 1, "only the phase change was drawn: " + text);
    }

    /**
     * A real run's plain lines: KL lines up to iteration 250 (the default early exaggeration) are
     * labelled, the later ones not; the iteration lines' "elapsed" continues the phase lines' clock
     * (never below the optimize phase's start) and includes the optimizer's own time.
     */
    @Test
    void aRunsLinesShareOneClockAndLabelTheExaggeratedKl(@TempDir Path dir) throws Exception {
        Path in = TestData.csv(dir, "in.csv", 120, 4);
        CliRun r = CliRun.of("embed", in.toString(), "-o", dir.resolve("map.npy").toString(), "--labels", "col:cls",
                "--perplexity=10", "--iterations=300", "--threads=2");
        assertEquals(0, r.code(), r.err());
        Pattern phaseLine = Pattern.compile("phase optimize  elapsed (\\d+\\.\\d{2}) s");
        Pattern iterationLine = Pattern.compile(
                "iteration (\\d+)/300  (KL|KL \\(exaggerated\\)) \\d+\\.\\d{6}  elapsed (\\d+\\.\\d{2}) s \\(optimizing (\\d+\\.\\d{2}) s\\)");
        double optimizeStarted = Double.NaN;
        List<Integer> labelled = new ArrayList<>(), plain = new ArrayList<>();
        for (String l : r.errLines()) {
            Matcher m = phaseLine.matcher(l);
            if (m.matches()) {
                optimizeStarted = Double.parseDouble(m.group(1));
            }
            m = iterationLine.matcher(l);
            if (l.startsWith("iteration")) {
                assertTrue(m.matches(), l);
                double elapsed = Double.parseDouble(m.group(3)), optimizing = Double.parseDouble(m.group(4));
                assertTrue(elapsed >= optimizeStarted, "elapsed counts from the run's start, as the phase lines: " + r.err());
                assertTrue(elapsed >= optimizing, l);
                (m.group(2).equals("KL") ? plain : labelled).add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(List.of(50, 100, 150, 200, 250), labelled, r.err());
        assertEquals(List.of(300), plain, r.err());
    }

    @Test
    void durations() {
        assertEquals("0.0 s", Progress.duration(-5));
        assertEquals("59.9 s", Progress.duration(59_900_000_000L));
        assertEquals("2 min 05 s", Progress.duration(125_000_000_000L));
        assertEquals("1 h 01 min", Progress.duration(3_690_000_000_000L));
    }
}
