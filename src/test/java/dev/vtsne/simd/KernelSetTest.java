package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.fft.ScalarFftButterflies;
import org.junit.jupiter.api.Test;

/**
 * The choice of kernel set: the build fails when the vector kernels silently fell back to the
 * scalar twins, and the fallback's reason is a library message (module and property named, no
 * launcher file or command-line flag).
 */
class KernelSetTest {

    @Test
    void vectorKernelsAreInUseWhenRequired() {
        if (!Boolean.getBoolean("vtsne.requireVector")) {
            return; // only the build sets this; library users may run without the module
        }
        KernelSet k = KernelSet.preferred();
        assertNull(k.fallbackReason(), "vector kernels fell back to scalar");
        assertNotEquals(0, k.vectorBits(), "kernels in use: " + k.name());
        assertEquals(k.name(), k.matrix().name(), "one width for every job");
        assertEquals(k.name(), k.fft().name(), "one width for every job");
    }

    @Test
    void forcedWidthIsTheWidthInUse() {
        String forced = System.getProperty("vtsne.vectorBits");
        if (forced == null || forced.isBlank() || !Boolean.getBoolean("vtsne.requireVector")) {
            return;
        }
        assertEquals(Integer.parseInt(forced), KernelSet.preferred().vectorBits());
    }

    @Test
    void scalarSetIsTheTwinsForEveryJob() {
        KernelSet s = KernelSet.scalar();
        assertEquals("scalar", s.name());
        assertEquals(0, s.vectorBits());
        assertNull(s.fallbackReason(), "asked for, not fallen back to");
        assertSame(ScalarKernels.INSTANCE, s.distances());
        assertSame(ScalarKernels.INSTANCE, s.calibration());
        assertSame(ScalarKernels.INSTANCE, s.gradient());
        assertSame(ScalarKernels.INSTANCE, s.step());
        assertSame(ScalarMatrixKernels.INSTANCE, s.matrix());
        assertSame(ScalarFftButterflies.INSTANCE, s.fft());
    }

    @Test
    void propertyForcesTheTwinsAndSaysSo() {
        KernelSet s = KernelSet.choose("scalar", true);
        assertEquals("scalar", s.name());
        assertEquals("system property vtsne.kernels is scalar", s.fallbackReason());
    }

    @Test
    void missingModuleIsNamedWithoutLauncherAdvice() {
        KernelSet s = KernelSet.choose(null, false);
        assertEquals("scalar", s.name());
        assertSame(ScalarFftButterflies.INSTANCE, s.fft());
        String reason = s.fallbackReason();
        assertTrue(reason.contains("module jdk.incubator.vector"), reason);
        assertFalse(reason.contains("jvm.config") || reason.contains("--") || reason.contains("-D"), reason);
    }

    @Test
    void moduleInTheBootLayerGivesTheVectorKernels() {
        if (!Boolean.getBoolean("vtsne.requireVector")) {
            return;
        }
        KernelSet v = KernelSet.choose(null, true);
        assertNull(v.fallbackReason());
        assertTrue(v.name().startsWith("vector-"), v.name());
        assertEquals(v.name(), v.matrix().name());
    }
}
