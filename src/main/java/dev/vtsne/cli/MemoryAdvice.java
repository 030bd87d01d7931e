package dev.vtsne.cli;

import dev.vtsne.InsufficientHeapException;
import dev.vtsne.TsneOptions;
import java.util.Locale;

/**
 * The one line a refusal for lack of heap becomes: the library's estimate, then what to do, the
 * heap first (bin/vtsne appends {@code VTSNE_JAVA_OPTS} to jvm.config's options), then the
 * change of input or options that shrinks what dominates the estimate.
 */
final class MemoryAdvice {

    /** Components suggested for wide input (the usual PCA before t-SNE). */
    private static final int SUGGESTED_PCA = 50;

    private MemoryAdvice() {}

    static String line(InsufficientHeapException e, TsneOptions options) {
        String reduce = switch (e.dominant()) {
            case POINTS -> "embed fewer points";
            case NEIGHBOURS -> "lower --perplexity or embed fewer points";
            // PCA spares the neighbour search's copies of the input, not the input itself (all the exact method holds)
            case COLUMNS -> !e.method().equals("exact") && options.pcaComponents() == 0 && e.columns() > SUGGESTED_PCA
                    ? "project on fewer columns first with --pca " + SUGGESTED_PCA : "give fewer columns";
        };
        return e.getMessage() + "; " + (e.fittingMethods() != null ? "or " : "") + "run with a larger heap, VTSNE_JAVA_OPTS=-Xmx"
                + heapOption(e.neededBytes()) + ", or " + reduce;
    }

    /** An -Xmx value above {@code bytes} by a tenth (the JVM reports a little less than -Xmx): "3g", or "640m" below a GiB. */
    static String heapOption(long bytes) {
        double want = bytes * 1.1;
        double gib = 1L << 30, mib = 1L << 20;
        if (want >= gib) {
            return String.format(Locale.ROOT, "%dg", (long) Math.ceil(want / gib));
        }
        return String.format(Locale.ROOT, "%dm", (long) Math.ceil(want / (64 * mib)) * 64);
    }
}
