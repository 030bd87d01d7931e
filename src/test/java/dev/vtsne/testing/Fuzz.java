package dev.vtsne.testing;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded random inputs for the property and fuzzing tests, with edge values mixed in: one draw
 * in {@link #EDGE_ODDS} is a bound of its range (the smallest, the largest, one inside either,
 * an empty array, a byte of 0, ±1 or ±128, a long of 0, ±1 or ±2⁶³), the values where off-by-one
 * and overflow bugs live. Case k of a test draws from the stream {@link #of(int)} gives it, so a
 * failing case is replayed by its number alone; {@code -Dvtsne.fuzzSeed=...} explores other streams.
 */
public final class Fuzz {

    /** One draw in this many is an edge value. */
    public static final int EDGE_ODDS = 8;

    private static final long BASE = Long.getLong("vtsne.fuzzSeed", 0x76747365L);

    private final SplittableRandom r;

    private Fuzz(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /** The draws of case {@code k}. */
    public static Fuzz of(int k) {
        return new Fuzz(BASE * 0x9E3779B97F4A7C15L + k);
    }

    /** Case numbers 0 .. count - 1, for a {@code @MethodSource}. */
    public static IntStream cases(int count) {
        return IntStream.range(0, count);
    }

    private boolean edge() {
        return r.nextInt(EDGE_ODDS) == 0;
    }

    /** An int in [min, max]; edges are min, min + 1, max - 1 and max. */
    public int between(int min, int max) {
        if (edge()) {
            int e = switch (r.nextInt(4)) {
                case 0 -> min;
                case 1 -> min + 1;
                case 2 -> max - 1;
                default -> max;
            };
            return Math.max(min, Math.min(max, e));
        }
        return min + r.nextInt(max - min + 1);
    }

    /** A long in [min, max] (max below Long.MAX_VALUE); edges are min and max. */
    public long between(long min, long max) {
        if (edge()) {
            return r.nextBoolean() ? min : max;
        }
        return r.nextLong(min, max + 1);
    }

    /** Any long; edges are 0, ±1, Long.MIN_VALUE and Long.MAX_VALUE. */
    public long anyLong() {
        if (edge()) {
            return new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}[r.nextInt(5)];
        }
        return r.nextLong();
    }

    public boolean bool() {
        return r.nextBoolean();
    }

    /** Any byte; edges are 0, ±1, 127 and -128. */
    public byte anyByte() {
        if (edge()) {
            return new byte[] {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE}[r.nextInt(5)];
        }
        return (byte) r.nextInt(256);
    }

    /** Any int; edges are 0, ±1, Integer.MIN_VALUE and Integer.MAX_VALUE. */
    public int anyInt() {
        if (edge()) {
            return new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}[r.nextInt(5)];
        }
        return r.nextInt();
    }

    /**
     * A length in [min, max]: an edge, or half the time a short one (at most min + 8), otherwise
     * uniform, so small inputs, where parsers meet their ends, come often.
     */
    public int length(int min, int max) {
        if (edge()) {
            return r.nextBoolean() ? min : max;
        }
        return r.nextBoolean() ? between(min, Math.min(max, min + 8)) : min + r.nextInt(max - min + 1);
    }

    public byte[] bytes(int minLength, int maxLength) {
        byte[] b = new byte[length(minLength, maxLength)];
        for (int k = 0; k < b.length; k++) {
            b[k] = anyByte();
        }
        return b;
    }

    /** A string of at most {@code maxLength} characters taken from {@code alphabet}. */
    public String string(String alphabet, int maxLength) {
        int n = length(0, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * A string of at most {@code maxLength} characters of any kind: printable ASCII, control
     * characters, and any UTF-16 unit (lone surrogates included).
     */
    public String anyString(int maxLength) {
        int n = length(0, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            s.append((char) switch (r.nextInt(4)) {
                case 0, 1 -> 0x20 + r.nextInt(0x5f);
                case 2 -> r.nextInt(0x20);
                default -> r.nextInt(0x10000);
            });
        }
        return s.toString();
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
