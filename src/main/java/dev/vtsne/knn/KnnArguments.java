package dev.vtsne.knn;

import dev.vtsne.Points;
import java.util.Objects;

/** The argument checks every search shares, with messages that say what to change. */
final class KnnArguments {

    private KnnArguments() {}

    static void check(Points x, int k) {
        Objects.requireNonNull(x, "points");
        int n = x.size();
        if (k < 1) {
            throw new IllegalArgumentException("the number of neighbours k must be at least 1, got " + k);
        }
        if (k >= n) {
            throw new IllegalArgumentException("k = " + k + " neighbours need more than k points, got n = " + n
                    + "; use k <= " + (n - 1) + " (a lower perplexity) or more points");
        }
    }
}
