package dev.vtsne.fft;

/** Transform sizes that {@link ComplexFft} handles with its fast radix-2, 3, 4 and 5 stages. */
public final class FftSizes {

    private FftSizes() {}

    /** The smallest n' ≥ n whose only prime factors are 2, 3 and 5 ("5-smooth"). */
    public static int nextSmooth(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + n);
        }
        for (int c = n; ; c++) {
            if (isSmooth(c)) {
                return c;
            }
        }
    }

    /** True when n's only prime factors are 2, 3 and 5. */
    public static boolean isSmooth(int n) {
        if (n < 1) {
            return false;
        }
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }
}
