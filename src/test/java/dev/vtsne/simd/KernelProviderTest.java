package dev.vtsne.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Fails the build when the vector kernels silently fell back to the scalar twins. */
class KernelProviderTest {

    @Test
    void vectorKernelsAreInUseWhenRequired() {
        if (!Boolean.getBoolean("vtsne.requireVector")) {
            return; // only the build sets this; library users may run without the module
        }
        Kernels k = KernelProvider.kernels();
        assertNull(KernelProvider.fallbackReason(), "vector kernels fell back to scalar");
        assertNotEquals(0, k.vectorBits(), "kernels in use: " + k.name());
    }

    @Test
    void forcedWidthIsTheWidthInUse() {
        String forced = System.getProperty("vtsne.vectorBits");
        if (forced == null || forced.isBlank() || !Boolean.getBoolean("vtsne.requireVector")) {
            return;
        }
        assertEquals(Integer.parseInt(forced), KernelProvider.kernels().vectorBits());
    }

    @Test
    void scalarTwinIsAlwaysAvailable() {
        assertEquals("scalar", KernelProvider.scalar().name());
        assertEquals(0, KernelProvider.scalar().vectorBits());
    }
}
