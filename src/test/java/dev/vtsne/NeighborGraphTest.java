package dev.vtsne;

import static dev.vtsne.SeamsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A given kNN graph: plain distances (squared inside, as the fit's search stores them), rows
 * sorted nearest first, and every malformed input refused with its values named.
 */
class NeighborGraphTest {

    /**
     * Points on a line at distinct integers below 2000: every squared distance is an integer
     * below 2^24, exact in float, so plain distances written here are exactly the square roots of
     * the search's squared ones, and the user's graph must give the fit's bits.
     */
    @Test
    void aGraphWithPlainDistancesGivesTheBitsOfTheComputedOne() {
        int n = 300;
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[n][1];
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = r.nextInt(2000);
            } while (!used.add(v));
            rows[i][0] = v;
        }
        Points x = Points.of(rows);
        TsneOptions o = TsneOptions.builder().method(Method.BARNES_HUT).perplexity(10).iterations(60)
                .initialization(Initialization.RANDOM).seed(3).threads(1).build();
        NeighborGraph computed = TSne.neighbors(x, o);
        int[][] idx = computed.indices();
        float[][] plain = new float[n][idx[0].length];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < plain[i].length; t++) {
                plain[i][t] = (float) Math.abs(rows[i][0] - rows[idx[i][t]][0]);
            }
        }
        NeighborGraph given = NeighborGraph.of(idx, plain);
        assertArrayEquals(plain, computed.distances(), "the computed graph reads back plain distances");
        assertArrayEquals(computed.distances(), given.distances());
        AffinityMatrix pc = TSne.affinities(computed, o), pg = TSne.affinities(given, o);
        assertArrayEquals(pc.values(), pg.values(), "same squared distances, same P");
        float[][] y0 = TSne.initialLayout(x, o);
        assertArrayEquals(TSne.fit(x, o, null).rowMajor(), TSne.embedding(pg, y0, o).optimize(o.iterations(), null).rowMajor());
    }

    /** Any data: plain distances read back from the fit's graph come back as the same floats. */
    @Test
    void plainDistancesRoundTrip() {
        TsneOptions o = TsneOptions.builder().perplexity(10).build();
        NeighborGraph g = TSne.neighbors(MethodAgreementTest.clustered(400, 6, 2), o);
        NeighborGraph again = NeighborGraph.of(g.indices(), g.distances());
        assertArrayEquals(g.distances(), again.distances());
        assertArrayEquals(g.indices(), again.indices());
    }

    @Test
    void rowMajorArraysGiveTheSameGraphAsRows() {
        int[][] idx = {{1, 2}, {0, 2}, {1, 0}};
        float[][] d = {{1, 2}, {1, 1.5f}, {1.5f, 2}};
        NeighborGraph rows = NeighborGraph.of(idx, d);
        NeighborGraph flat = NeighborGraph.ofRowMajor(3, 2, new int[] {1, 2, 0, 2, 1, 0}, new float[] {1, 2, 1, 1.5f, 1.5f, 2});
        assertArrayEquals(rows.indices(), flat.indices());
        assertArrayEquals(rows.distances(), flat.distances());
        assertEquals(3, flat.size());
        assertEquals(2, flat.neighbors());
    }

    @Test
    void unsortedRowsAreSortedNearestFirstTiesInTheirGivenOrder() {
        NeighborGraph g = NeighborGraph.of(new int[][] {{3, 1, 2}, {2, 3, 0}, {0, 1, 3}, {2, 1, 0}},
                new float[][] {{3, 1, 1}, {5, 4, 0.5f}, {2, 2, 2}, {1, 2, 3}});
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 3, 2}, {0, 1, 3}, {2, 1, 0}}, g.indices());
        assertArrayEquals(new float[] {0.5f, 4, 5}, g.distances()[1]);
    }

    @Test
    void malformedGraphsAreRefusedNamingTheValue() {
        assertMessage("at least 2 points, got 1", () -> NeighborGraph.of(new int[][] {{0}}, new float[][] {{0}}));
        assertMessage("indices has 3 rows and distances 2",
                () -> NeighborGraph.of(new int[][] {{1}, {0}, {0}}, new float[][] {{1}, {1}}));
        assertMessage("row 2 has 1 neighbours, row 0 has 2",
                () -> NeighborGraph.of(new int[][] {{1, 2}, {0, 2}, {0}}, new float[][] {{1, 1}, {1, 1}, {1}}));
        assertMessage("row 1 has 2 indices and 1 distances",
                () -> NeighborGraph.of(new int[][] {{1, 2}, {0, 2}, {0, 1}}, new float[][] {{1, 1}, {1}, {1, 1}}));
        assertMessage("between 1 and n - 1 = 2 neighbours, got k = 3",
                () -> NeighborGraph.of(new int[][] {{1, 2, 0}, {0, 2, 1}, {0, 1, 2}}, new float[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}));
        int[][] three = {{1, 2}, {0, 2}, {1, 0}};
        assertMessage("neighbour 1 of point 2 is 3, outside [0, 3)",
                () -> NeighborGraph.of(new int[][] {{1, 2}, {0, 2}, {1, 3}}, ones(3, 2)));
        assertMessage("neighbour 0 of point 1 is -1",
                () -> NeighborGraph.of(new int[][] {{1, 2}, {-1, 2}, {1, 0}}, ones(3, 2)));
        assertMessage("point 1 is listed as its own neighbour (position 1)",
                () -> NeighborGraph.of(new int[][] {{1, 2}, {0, 1}, {1, 0}}, ones(3, 2)));
        assertMessage("point 0 lists neighbour 2 twice",
                () -> NeighborGraph.of(new int[][] {{2, 2}, {0, 2}, {1, 0}}, ones(3, 2)));
        float[][] d = ones(3, 2);
        d[2][1] = -0.5f;
        assertMessage("distance 1 of point 2 (to 0) is -0.5", () -> NeighborGraph.of(three, d));
        d[2][1] = Float.NaN;
        assertMessage("distance 1 of point 2 (to 0) is NaN", () -> NeighborGraph.of(three, d));
        d[2][1] = Float.POSITIVE_INFINITY;
        assertMessage("is Infinity", () -> NeighborGraph.of(three, d));
        d[2][1] = 1e20f;
        assertMessage("whose square exceeds the float range", () -> NeighborGraph.of(three, d));
        assertMessage("need 6 indices and distances, got 5 and 6",
                () -> NeighborGraph.ofRowMajor(3, 2, new int[5], new float[6]));
        assertMessage("perplexity 5.0 needs at least as many neighbours per point; the graph has 2",
                () -> TSne.affinities(NeighborGraph.of(three, ones(3, 2)), TsneOptions.builder().perplexity(5).build()));
    }

    private static float[][] ones(int n, int k) {
        float[][] d = new float[n][k];
        for (float[] row : d) {
            java.util.Arrays.fill(row, 1f);
        }
        return d;
    }
}
