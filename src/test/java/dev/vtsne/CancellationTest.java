package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        Embedding e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> TSne.fit(X, options(method).iterations(750).build(), (it, kl, ns) -> {
            if (it == 12) {
                at12.countDown();
                try {
                    canceller.join(); // the cancel lands while the run would go on
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }, c));
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
     * 40,000 x 50 points: the exact kNN search alone takes several seconds on 2 cores. A cancel
     * 300 ms in must end the fit within a block's time, far sooner than the search would.
     */
    @Test
    void aCancellationDuringTheNeighbourSearchEndsItEarly() throws Exception {
        Points big = MethodAgreementTest.clustered(40_000, 50, 9);
        Cancellation c = new Cancellation();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            c.cancel();
        });
        long t0 = System.nanoTime();
        assertThrows(CancellationException.class, () -> TSne.fit(big, options(Method.BARNES_HUT).build(), null, c));
        double seconds = (System.nanoTime() - t0) / 1e9;
        canceller.join(TimeUnit.SECONDS.toMillis(5));
        assertTrue(seconds < 2.0, "the fit took " + seconds + " s to notice the cancel");
    }
}
