package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Degenerate data is either embedded soundly (finite coordinates and KL; exact copies of a point
 * land together) or refused with a message: never NaN, infinity or a hang. Every case runs with
 * every method: exact t-SNE, exact SNE, Barnes-Hut and FFT (each fit must do every iteration asked
 * for; the calibration's and the searches' loops are bounded in steps, not in time).
 */
class DegenerateDataTest {

    /** The four ways to run: t-SNE exact, SNE exact, t-SNE bh, t-SNE fft. */
    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of(Objective.TSNE, Method.EXACT), Arguments.of(Objective.SNE, Method.EXACT),
                Arguments.of(Objective.TSNE, Method.BARNES_HUT), Arguments.of(Objective.TSNE, Method.FFT));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void allIdenticalPointsEmbedFinitely(Objective objective, Method method) {
        double[][] rows = new double[300][4];
        for (double[] r : rows) {
            Arrays.fill(r, 3.5);
        }
        assertFinite(fit(Points.of(rows), options(objective, method)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void manyExactDuplicatesEmbedFinitelyAndKeepGroupsTogether(Objective objective, Method method) {
        // 6 distinct points, each repeated 50 times
        SplittableRandom r = new SplittableRandom(2);
        double[][] distinct = new double[6][5];
        for (double[] d : distinct) {
            for (int k = 0; k < d.length; k++) {
                d[k] = 10 * r.nextGaussian();
            }
        }
        double[][] rows = new double[300][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = distinct[i % 6].clone();
        }
        Embedding e = fit(Points.of(rows), options(objective, method));
        assertFinite(e);
        assertGroupsTogether(e, 6, 0.5);
    }

    /** Half the columns constant (one of them zero): the other half's clusters still separate. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void constantColumnsAreHarmless(Objective objective, Method method) {
        double[][] rows = clustered(300, 3, 6, 11);
        for (double[] row : rows) {
            row[1] = 7.25;
            row[3] = 0;
            row[5] = -1e3;
        }
        Embedding e = fit(Points.of(rows), options(objective, method));
        assertFinite(e);
        assertGroupsTogether(e, 3, 0.5);
    }

    /**
     * A column near 1e30 beside columns near 1e-30: squared distances of 1e60 are beyond float, so
     * the engine must not compute them naively. The clusters live in the large column.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void hugeAndTinyColumnsSideBySide(Objective objective, Method method) {
        double[][] rows = clustered(300, 3, 3, 5);
        for (double[] row : rows) {
            row[0] = 1e30 * (10 + row[0]); // the clusters, at scale 1e30
            row[1] *= 1e-30;
            row[2] *= 1e-30;
        }
        Embedding e = fit(Points.of(rows), options(objective, method));
        assertFinite(e);
        assertGroupsTogether(e, 3, 0.5);
    }

    /** Every coordinate tiny (1e-30): distances of 1e-60 are below float; the structure must survive. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void tinyDataKeepsItsStructure(Objective objective, Method method) {
        double[][] rows = clustered(300, 3, 4, 6);
        for (double[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= 1e-30;
            }
        }
        Embedding e = fit(Points.of(rows), options(objective, method));
        assertFinite(e);
        assertGroupsTogether(e, 3, 0.5);
    }

    /** Two points (the fewest allowed, perplexity at most 1/3). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void twoPoints(Objective objective, Method method) {
        Points x = Points.of(new double[][] {{0, 1, 2}, {3, 4, 5}});
        Embedding e = fit(x, TsneOptions.builder().objective(objective).method(method).perplexity(1.0 / 3).iterations(260)
                .threads(2).build());
        assertFinite(e);
        float[][] y = e.coordinates();
        assertTrue(Math.hypot(y[0][0] - y[0][1], y[1][0] - y[1][1]) > 0, "two distinct points must not coincide");
    }

    /** n just above 3 x perplexity: every point's neighbourhood is (nearly) the whole set. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void justEnoughPointsForThePerplexity(Objective objective, Method method) {
        Points x = Points.of(clustered(32, 3, 5, 8)); // 3 x 10 + 1 = 31 needed
        assertFinite(fit(x, TsneOptions.builder().objective(objective).method(method).perplexity(10).iterations(260)
                .threads(2).build()));
        Points exact = Points.of(clustered(31, 3, 5, 8));
        assertFinite(fit(exact, TsneOptions.builder().objective(objective).method(method).perplexity(10).iterations(260)
                .threads(2).build()));
    }

    /**
     * One input column. The map starts on a line (the second principal component is zero) and
     * exact sums keep it there: a line is a stationary state. Any rounding off the line grows
     * (the FFT's float convolution breaks it within the 260 iterations: KL 1.0 against 1.4 on
     * the line, measured), and the groups then unfold into 2-D shapes that are wide but do not
     * mix; so the check is on neighbours (5-NN in the map, all methods measured at 0.995 or
     * more), not on the ratio of mean distances.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void oneDimensionalInput(Objective objective, Method method) {
        Embedding e = fit(Points.of(clustered(300, 3, 1, 9)), options(objective, method));
        assertFinite(e);
        assertNeighboursShareGroup(e, 3, 5, 0.95);
    }

    /** Too large a perplexity: refused by validate, naming the largest allowed, which is then accepted. */
    @Test
    void perplexityTooLargeNamesTheLargestAllowed() {
        Points x = Points.of(clustered(40, 2, 3, 1));
        PerplexityTooLargeException e = assertThrows(PerplexityTooLargeException.class,
                () -> TSne.validate(x, TsneOptions.builder().perplexity(30).build()));
        assertTrue(e.getMessage().contains("perplexity 30 is too large for 40 points"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 13.00"), e.getMessage());
        assertEquals(30, e.perplexity());
        assertEquals(40, e.points());
        assertEquals(91, e.minPoints());
        assertEquals(13.0, e.largestAllowed());
        assertDoesNotThrow(() -> TSne.validate(x, TsneOptions.builder().perplexity(e.largestAllowed()).build()));
        assertThrows(PerplexityTooLargeException.class,
                () -> TSne.validate(x, TsneOptions.builder().perplexity(Math.nextUp(TsneOptions.maxPerplexityFor(40))).build()));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> TSne.validate(Points.of(new double[][] {{1, 2}}), TsneOptions.builder().build()));
        assertTrue(one.getMessage().contains("at least 2 points"), one.getMessage());
        for (Method m : new Method[] {Method.EXACT, Method.BARNES_HUT, Method.FFT}) {
            assertThrows(IllegalArgumentException.class,
                    () -> TSne.fit(x, TsneOptions.builder().method(m).perplexity(13.5).iterations(1).build(), null), m.label());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Fits, and checks that the run did every iteration asked for, each seen once by the listener. */
    private static Embedding fit(Points x, TsneOptions options) {
        AtomicInteger seen = new AtomicInteger();
        Embedding e = TSne.fit(x, options, (it, kl, ns) -> seen.incrementAndGet() == it);
        assertEquals(options.iterations(), e.iterations(), "a degenerate input must not stop the " + options.method().label() + " method early");
        assertEquals(options.iterations(), seen.get());
        return e;
    }

    private static TsneOptions options(Objective objective, Method method) {
        return TsneOptions.builder().objective(objective).method(method).perplexity(10).iterations(260).threads(2).build();
    }

    /** {@code n} points in {@code k} well-separated Gaussian clusters (point i in cluster i % k). */
    static double[][] clustered(int n, int k, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                rows[i][c] = (c == 0 ? 30.0 * (i % k) : c % k == i % k ? 20 : 0) + r.nextGaussian();
            }
        }
        return rows;
    }

    private static void assertFinite(Embedding e) {
        for (float[] axis : e.coordinates()) {
            for (float v : axis) {
                assertTrue(Float.isFinite(v), "non-finite coordinate " + v);
            }
        }
        assertTrue(Double.isFinite(e.lastKl()), "KL " + e.lastKl());
    }

    /** At least {@code share} of the points' {@code k} nearest map neighbours are of their group (i % groups). */
    private static void assertNeighboursShareGroup(Embedding e, int groups, int k, double share) {
        float[][] y = e.coordinates();
        int n = e.size(), agree = 0;
        for (int i = 0; i < n; i++) {
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (float[] axis : y) {
                    s += (axis[i] - axis[j]) * (double) (axis[i] - axis[j]);
                }
                d[j] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            int ii = i;
            agree += (int) java.util.stream.IntStream.range(0, n).boxed().sorted((p, q) -> Double.compare(d[p], d[q])).limit(k)
                    .filter(j -> j % groups == ii % groups).count();
        }
        double got = agree / ((double) k * n);
        assertTrue(got >= share, "share of " + k + "-NN in the same group " + got);
    }

    /** Points of one group (i % groups) sit closer to each other than to the others, on average. */
    private static void assertGroupsTogether(Embedding e, int groups, double ratio) {
        float[][] y = e.coordinates();
        int n = e.size();
        double within = 0, between = 0;
        int nw = 0, nb = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = Math.hypot(y[0][i] - y[0][j], y[1][i] - y[1][j]);
                if (i % groups == j % groups) {
                    within += d;
                    nw++;
                } else {
                    between += d;
                    nb++;
                }
            }
        }
        assertTrue(within / nw < ratio * (between / nb), "within " + within / nw + " between " + between / nb);
    }
}
