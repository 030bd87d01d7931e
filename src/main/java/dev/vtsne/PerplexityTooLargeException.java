package dev.vtsne;

import java.util.Locale;

/**
 * A perplexity too large for the number of points (n - 1 must be at least 3 x perplexity, as in
 * bhtsne): thrown by {@link TSne#validate} with both values and the largest perplexity the points
 * allow, so that a caller can offer it. The message states the values only.
 */
public final class PerplexityTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final double perplexity;
    private final int points;

    /** {@code perplexity} refused for {@code points} points. */
    public PerplexityTooLargeException(double perplexity, int points) {
        super(String.format(Locale.ROOT,
                "perplexity %s is too large for %d points: it needs at least %s points (3 x perplexity + 1); use a perplexity of at most %.2f",
                number(perplexity), points, number(TsneOptions.minPointsFor(perplexity)), largestAllowed(points)));
        this.perplexity = perplexity;
        this.points = points;
    }

    /** The perplexity refused. */
    public double perplexity() { return perplexity; }

    /** The points it was refused for. */
    public int points() { return points; }

    /** The fewest points this perplexity allows ({@link TsneOptions#minPointsFor}; a double, as it may pass a long). */
    public double minPoints() { return TsneOptions.minPointsFor(perplexity); }

    /**
     * The largest perplexity to offer for these points: {@link TsneOptions#maxPerplexityFor} rounded
     * down to two decimals, so that the value offered is accepted.
     */
    public double largestAllowed() { return largestAllowed(points); }

    private static double largestAllowed(int points) {
        return Math.floor(TsneOptions.maxPerplexityFor(points) * 100) / 100;
    }

    /** A whole number without ".0" while a long holds it exactly; others as Java prints them (1.0E300). */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
