package dev.vtsne;

import java.util.Locale;

/**
 * A run would need more heap than the JVM may use: thrown by {@link TSne#validate} before any
 * work, with the estimate, the limit and what dominates the estimate, so that a caller can say
 * what to change. The message states the values only.
 */
public final class InsufficientHeapException extends IllegalArgumentException {

    /** The part of the data that takes most of the estimated heap. */
    public enum Dominant {
        /** Per-point state: the n × n matrix of the exact method, or the optimizer's arrays. */
        POINTS,
        /** The input's columns: the input and its copies for the neighbour search, or PCA's work. */
        COLUMNS,
        /** The neighbour lists and the sparse affinities built from them (grow with the perplexity). */
        NEIGHBOURS
    }

    private final String method;
    private final int points, columns, neighbours;
    private final long neededBytes, maxHeapBytes, fittingBytes;
    private final Dominant dominant;
    private final String fittingMethods;

    /**
     * @param method         the method refused, as named by {@link Method#label()} ("exact", "bh", "bh or fft")
     * @param neighbours     neighbours per point, 0 for the exact method
     * @param neededBytes    the heap the run needs (an estimate with the GC's headroom)
     * @param maxHeapBytes   the heap the JVM may use ({@link Runtime#maxMemory()})
     * @param fittingMethods the methods that would fit instead ("bh or fft"), or null
     * @param fittingBytes   the heap those methods need (ignored when there are none)
     */
    public InsufficientHeapException(String method, int points, int columns, int neighbours, long neededBytes, long maxHeapBytes,
            Dominant dominant, String fittingMethods, long fittingBytes) {
        super(message(method, points, columns, neighbours, neededBytes, maxHeapBytes, dominant, fittingMethods, fittingBytes));
        this.method = method;
        this.points = points;
        this.columns = columns;
        this.neighbours = neighbours;
        this.neededBytes = neededBytes;
        this.maxHeapBytes = maxHeapBytes;
        this.dominant = dominant;
        this.fittingMethods = fittingMethods;
        this.fittingBytes = fittingMethods != null ? fittingBytes : 0;
    }

    /** The method refused ("exact", "bh", "fft", or "bh or fft" when neither kNN method fits). */
    public String method() { return method; }

    /** Points of the input. */
    public int points() { return points; }

    /** Columns of the input (before any PCA). */
    public int columns() { return columns; }

    /** Neighbours per point; 0 for the exact method. */
    public int neighbours() { return neighbours; }

    /** The heap the run needs, in bytes: always more than {@link #maxHeapBytes()}. */
    public long neededBytes() { return neededBytes; }

    /** The heap the JVM may use, in bytes. */
    public long maxHeapBytes() { return maxHeapBytes; }

    /** What takes most of {@link #neededBytes()}. */
    public Dominant dominant() { return dominant; }

    /** Methods that would fit in this heap ("bh or fft"), or null when none would. */
    public String fittingMethods() { return fittingMethods; }

    /** The heap {@link #fittingMethods()} need, in bytes; 0 when none would fit. */
    public long fittingBytes() { return fittingBytes; }

    private static String message(String method, int points, int columns, int neighbours, long needed, long max, Dominant dominant,
            String fitting, long fittingBytes) {
        String[] sizes = sizes(needed, max);
        String what = switch (dominant) {
            case POINTS -> "mostly per-point state";
            case COLUMNS -> "mostly the " + columns + " columns";
            case NEIGHBOURS -> "mostly the neighbour lists and affinities";
        };
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "the %s method needs a heap of about %s for %d points of %d columns",
                method, sizes[0], points, columns));
        if (neighbours > 0) {
            b.append(" with ").append(neighbours).append(" neighbours each");
        }
        b.append(String.format(Locale.ROOT, " (%s) but the heap allows %s", what, sizes[1]));
        if (fitting != null) {
            b.append(String.format(Locale.ROOT, "; use method %s (t-SNE; about %s, which fits)", fitting, sizes(fittingBytes, max)[0]));
        }
        return b.toString();
    }

    /**
     * Both sizes, each in MiB below 1 GiB (whole) and in GiB above (one decimal), with more
     * decimals (up to 3) while two different values would read the same.
     */
    static String[] sizes(long a, long b) {
        for (int extra = 0; ; extra++) {
            String sa = size(a, extra), sb = size(b, extra);
            if (!sa.equals(sb) || a == b || extra == 3) {
                return new String[] {sa, sb};
            }
        }
    }

    private static String size(long bytes, int extra) {
        return bytes >= 1L << 30
                ? String.format(Locale.ROOT, "%." + (1 + extra) + "f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%." + extra + "f MiB", bytes / (double) (1L << 20));
    }
}
