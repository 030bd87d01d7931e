package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.InsufficientHeapException;
import dev.vtsne.InsufficientHeapException.Dominant;
import dev.vtsne.TsneOptions;
import org.junit.jupiter.api.Test;

/** A refusal for lack of heap becomes one line: the values, then VTSNE_JAVA_OPTS, then what shrinks the dominant part. */
class MemoryAdviceTest {

    private static final long MIB = 1L << 20, GIB = 1L << 30;

    private static String line(Dominant dominant, int columns, String fitting, TsneOptions options) {
        InsufficientHeapException e = new InsufficientHeapException(fitting != null ? "exact" : "fft", 70_000, columns,
                fitting != null ? 0 : 90, 2 * GIB + 300 * MIB, 2 * GIB, dominant, fitting, 900 * MIB);
        String s = MemoryAdvice.line(e, options);
        assertFalse(s.contains("\n") || s.contains("jvm.config"), s);
        assertTrue(s.contains("VTSNE_JAVA_OPTS=-Xmx3g"), s);
        return s;
    }

    @Test
    void theAdviceShrinksWhatDominates() {
        TsneOptions plain = TsneOptions.builder().build();
        assertTrue(line(Dominant.NEIGHBOURS, 50, null, plain).endsWith("or lower --perplexity or embed fewer points"));
        assertTrue(line(Dominant.POINTS, 50, null, plain).endsWith("or embed fewer points"));
        String wide = line(Dominant.COLUMNS, 40_000, null, plain);
        assertTrue(wide.contains("mostly the 40000 columns") && wide.endsWith("project on fewer columns first with --pca 50"), wide);
        assertTrue(line(Dominant.COLUMNS, 40_000, null, TsneOptions.builder().pcaComponents(50).build()).endsWith("give fewer columns"));
        // the exact method holds only the input: PCA would not shrink it
        assertTrue(line(Dominant.COLUMNS, 40_000, "bh or fft", plain).endsWith("give fewer columns"));
        String exact = line(Dominant.POINTS, 50, "bh or fft", plain);
        assertTrue(exact.contains("use method bh or fft (t-SNE; about 900 MiB, which fits); or run with a larger heap"), exact);
        assertTrue(exact.contains("needs a heap of about 2.3 GiB") && exact.contains("heap allows 2.0 GiB"), exact);
    }

    @Test
    void theHeapOptionIsAboveTheNeedByATenth() {
        assertEquals("576m", MemoryAdvice.heapOption(500 * MIB)); // 550 MiB, up to a multiple of 64
        assertEquals("2g", MemoryAdvice.heapOption(GIB));
        assertEquals("3g", MemoryAdvice.heapOption(2 * GIB + 300 * MIB));
    }
}
