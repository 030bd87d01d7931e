package dev.vtsne.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RowBlocksTest {

    /** Every row is visited exactly once, over many passes in a row, on 1 to 4 threads. */
    @Test
    void everyRowOnceOnAnyThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            try (RowBlocks pool = new RowBlocks(threads)) {
                for (int pass = 0; pass < 300; pass++) {
                    int n = 1 + (pass * 7919) % 5000, block = 1 + pass % 97;
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    pool.forEach(n, block, (from, to) -> {
                        assertEquals(0, from % block);
                        assertTrue(to - from <= block && to <= n);
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, seen.get(i), threads + " threads, pass " + pass + ", row " + i);
                    }
                }
            }
        }
    }

    /** With 2 or more threads a large pass really runs on more than one thread, the caller among them. */
    @Test
    void largePassesShareTheWork() {
        try (RowBlocks pool = new RowBlocks(2)) {
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            for (int pass = 0; pass < 200 && ran.size() < 2; pass++) {
                pool.forEach(64, 1, (from, to) -> {
                    ran.add(Thread.currentThread());
                    long until = System.nanoTime() + 200_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertEquals(2, ran.size());
            assertTrue(ran.contains(Thread.currentThread()));
        }
    }

    /** A failing block's exception reaches the caller as thrown; the pool keeps working afterwards. */
    @Test
    void rethrowsTheFailureAndRecovers() {
        try (RowBlocks pool = new RowBlocks(2)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException got = assertThrows(IllegalStateException.class, () -> pool.forEach(1000, 10, (from, to) -> {
                if (from == 500) {
                    throw boom;
                }
            }));
            assertSame(boom, got);
            AtomicInteger rows = new AtomicInteger();
            pool.forEach(1000, 10, (from, to) -> rows.addAndGet(to - from));
            assertEquals(1000, rows.get());
        }
    }

    /** A pass started from inside a pass's task runs (serially) instead of waiting on itself. */
    @Test
    void nestedPassesComplete() {
        try (RowBlocks pool = new RowBlocks(2)) {
            AtomicInteger inner = new AtomicInteger();
            pool.forEach(40, 1, (from, to) -> pool.forEach(100, 10, (a, b) -> inner.addAndGet(b - a)));
            assertEquals(40 * 100, inner.get());
        }
    }

    /** Once cancelled, blocks not started are skipped and the pass throws. */
    @Test
    void cancellationStopsThePass() {
        AtomicBoolean stop = new AtomicBoolean();
        try (RowBlocks pool = new RowBlocks(2, stop::get)) {
            AtomicInteger blocks = new AtomicInteger();
            assertThrows(CancellationException.class, () -> pool.forEach(10_000, 1, (from, to) -> {
                if (blocks.incrementAndGet() == 100) {
                    stop.set(true);
                }
            }));
            assertTrue(blocks.get() < 10_000, "ran " + blocks.get() + " blocks after cancelling");
        }
    }

    /** After close, passes still run (on the caller) and give the same result. */
    @Test
    void closedPoolRunsOnTheCaller() {
        RowBlocks pool = new RowBlocks(3);
        pool.close();
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        AtomicInteger rows = new AtomicInteger();
        pool.forEach(5000, 7, (from, to) -> {
            ran.add(Thread.currentThread());
            rows.addAndGet(to - from);
        });
        assertEquals(5000, rows.get());
        assertEquals(Set.of(Thread.currentThread()), ran);
    }
}
