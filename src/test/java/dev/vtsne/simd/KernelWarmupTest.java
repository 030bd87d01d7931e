package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's bookkeeping: what it skips, when it stops, and that it is done once. */
class KernelWarmupTest {

    @Test
    void skipsScalarKernelsAndSmallRuns() {
        assertFalse(KernelWarmup.pending(KernelSet.scalar(), 1_000_000, true, false, 2, true), "scalar twins need no JIT warm-up");
        KernelSet vector = KernelSet.preferred();
        if (vector.vectorBits() > 0) {
            assertFalse(KernelWarmup.pending(vector, KernelWarmup.MIN_POINTS - 1, true, false, 2, true), "small runs are not warmed");
        }
    }

    @Test
    void stopsAsSoonAsEveryCallIsFast() {
        AtomicInteger calls = new AtomicInteger();
        // a call far under its compiled time: three fast rounds of 64 and done
        KernelWarmup.untilCompiled(new KernelWarmup.Call(calls::incrementAndGet, 1_000_000));
        assertEquals(3 * 64, calls.get());
    }

    @Test
    void keepsCallingASlowKernel() {
        AtomicInteger calls = new AtomicInteger();
        long[] sink = new long[1];
        // never under 1 ns per call: runs until its drive quota, then polls until the budget ends;
        // here the test stops it through the thread's interrupt flag once the quota is passed
        KernelWarmup.Call slow = new KernelWarmup.Call(() -> {
            if (calls.incrementAndGet() > 20_000) {
                Thread.currentThread().interrupt();
            }
            for (int k = 0; k < 50; k++) {
                sink[0] += k * calls.get();
            }
        }, 0);
        KernelWarmup.untilCompiled(slow);
        assertTrue(Thread.interrupted(), "stopped by the interrupt while polling");
        assertTrue(calls.get() > 20_000, "driven past the quota before polling: " + calls.get());
    }

    @Test
    void warmsOncePerMapDimension() {
        KernelSet vector = KernelSet.preferred();
        if (vector.vectorBits() == 0) {
            return; // scalar platform: nothing is ever pending
        }
        KernelWarmup.prepareOptimize(vector, 100_000, 2, true);
        assertFalse(KernelWarmup.pending(vector, 100_000, true, false, 2, true), "done for 2-D maps and the FFT");
        assertFalse(KernelWarmup.pending(vector, 100_000, true, false, 2, false));
    }
}
