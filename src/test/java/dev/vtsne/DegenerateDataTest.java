package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Duplicate and identical points are valid data: both objectives embed them with finite coordinates. */
class DegenerateDataTest {

    @ParameterizedTest
    @EnumSource(Objective.class)
    void allIdenticalPointsEmbedFinitely(Objective objective) {
        double[][] rows = new double[120][4];
        for (double[] r : rows) {
            java.util.Arrays.fill(r, 3.5);
        }
        assertFinite(TSne.fit(Points.of(rows), options(objective), null));
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void manyExactDuplicatesEmbedFinitelyAndKeepGroupsTogether(Objective objective) {
        // 6 distinct points, each repeated 25 times
        SplittableRandom r = new SplittableRandom(2);
        double[][] distinct = new double[6][5];
        for (double[] d : distinct) {
            for (int k = 0; k < d.length; k++) {
                d[k] = 10 * r.nextGaussian();
            }
        }
        double[][] rows = new double[150][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = distinct[i % 6].clone();
        }
        Embedding e = TSne.fit(Points.of(rows), options(objective), null);
        assertFinite(e);
        // copies of one point must sit closer to each other than to the other points, on average
        float[][] y = e.coordinates();
        double within = 0, between = 0;
        int nw = 0, nb = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                double d = Math.hypot(y[0][i] - y[0][j], y[1][i] - y[1][j]);
                if (i % 6 == j % 6) {
                    within += d;
                    nw++;
                } else {
                    between += d;
                    nb++;
                }
            }
        }
        assertTrue(within / nw < 0.5 * (between / nb), "within " + within / nw + " between " + between / nb);
    }

    private static TsneOptions options(Objective objective) {
        return TsneOptions.builder().objective(objective).perplexity(10).iterations(300).threads(2).build();
    }

    private static void assertFinite(Embedding e) {
        for (float[] axis : e.coordinates()) {
            for (float v : axis) {
                assertTrue(Float.isFinite(v), "non-finite coordinate " + v);
            }
        }
        assertTrue(Double.isFinite(e.lastKl()), "KL " + e.lastKl());
    }
}
