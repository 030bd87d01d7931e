package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Stopping a run: a listener that says stop, or a {@link Cancellation} cancelled from another
 * thread, ends the run within one iteration with the embedding as of the last whole iteration
 * (bit-identical to a run asked for exactly that many iterations); a cancellation during the
 * phases before the iterations (kNN, affinities) ends the fit with a CancellationException within
 * a row block, not at the end of the phase.
 */
class CancellationTest {

    private static final Points X = MethodAgreementTest.clustered(600, 10, 4);

    private static TsneOptions.Builder options(Method method) {
        return TsneOptions.builder().method(method).perplexity(20).seed(6).threads(2);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"EXACT", "BARNES_HUT", "FFT"})
    void aListenerStopsTheRunAfterTheIterationItSaw(Method method) {
        Embedding stopped = TSne.fit(X, options(method).iterations(750).build(), (it, kl, ns) -> it < 7);
        assertEquals(7, stopped.iterations());
        float[] seven = TSne.fit(X, options(method).iterations(7).build(), null).rowMajor();
        assertArrayEquals(seven, stopped.rowMajor(), "the embedding as of iteration 7");
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"EXACT", "BARNES_HUT", "FFT"})
    void aCancellationStopsWithinOneIteration(Method method) {
        Cancellation c = new Cancellation();
        // cancelled from another thread while iteration 13 runs: the run stops at 12 or 13
        CountDownLatch at12 = new CountDownLatch(1);
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                at12.await();
            } catch (InterruptedException e) {
                return;
            }
            c.cancel();
        });
        Embedding e = TSne.fit(X, options(method).iterations(750).build(), (it, kl, ns) -> {
            if (it == 12) {
                at12.countDown();
                try {
                    canceller.join(); // the cancel lands while the run would go on
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }, c);
        assertEquals(12, e.iterations(), "cancelled after iteration 12");
        assertArrayEquals(TSne.fit(X, options(method).iterations(12).build(), null).rowMajor(), e.rowMajor());
        assertEquals(12, e.optimize(10, null).iterations(), "a cancelled embedding does no more steps");
    }

    @Test
    void cancelledBeforeTheStartThrows() {
        Cancellation c = new Cancellation();
        c.cancel();
        CancellationException e = assertThrows(CancellationException.class,
                () -> TSne.fit(X, options(Method.BARNES_HUT).build(), null, c));
        assertTrue(e.getMessage().startsWith("cancelled"), e.getMessage());
    }

    /**
     * A cancel while the kNN search runs (here: when it reports the first of its steps) ends the
     * fit at the search's next pass, not at the end of the search: no further step is reported, no
     * later phase starts, and the fit throws. Counted in steps, not seconds, so a busy machine
     * cannot make it fail.
     */
    @Test
    void aCancellationDuringTheNeighbourSearchEndsItEarly() {
        Points big = MethodAgreementTest.clustered(20_000, 20, 9);
        Cancellation c = new Cancellation();
        List<String> seen = new ArrayList<>();
        IterationListener listener = new IterationListener() {
            @Override
            public void onPhase(Phase phase) {
                seen.add(phase.label());
            }

            @Override
            public void onPhaseStep(Phase phase, String stage, int step, int steps) {
                seen.add(stage + " " + step + "/" + steps);
                if (step == 1) {
                    c.cancel();
                }
            }

            @Override
            public boolean onIteration(int iteration, double kl, long elapsedNanos) {
                seen.add("iteration " + iteration);
                return true;
            }
        };
        CancellationException e = assertThrows(CancellationException.class,
                () -> TSne.fit(big, options(Method.BARNES_HUT).build(), listener, c));
        assertTrue(e.getMessage().startsWith("cancelled"), e.getMessage());
        assertTrue(seen.get(seen.size() - 1).matches("exact 1/\\d+"), "the search stopped at its next pass: " + seen);
        assertTrue(!seen.contains(Phase.AFFINITIES.label()), "no phase after the search: " + seen);
    }
}
