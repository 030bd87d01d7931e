package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import dev.vtsne.testing.BruteForceKnn;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The locality order is a permutation that keeps the graph the same graph, puts neighbours near
 * each other (measured against the input's shuffled order), and is the same for a seed.
 */
class LocalityOrderTest {

    @Test
    void aPermutationThatBringsNeighboursTogetherAndRelabelsTheGraphFaithfully() {
        int n = 3000;
        Points x = shuffledClusters(n, 10, 20, 4);
        int[] order = LocalityOrder.compute(x, 7);
        boolean[] seen = new boolean[n];
        for (int i : order) {
            assertTrue(!seen[i], "row " + i + " placed twice");
            seen[i] = true;
        }
        KnnGraph g = BruteForceKnn.graph(x, 15);
        KnnGraph local = LocalityOrder.relabel(g, order);
        Points px = LocalityOrder.permute(x, order);
        int[] rank = LocalityOrder.rank(order);
        for (int i = 0; i < n; i += 37) {
            int r = rank[i];
            assertArrayEquals(g.squaredDistances()[i], local.squaredDistances()[r]);
            for (int t = 0; t < 15; t++) {
                assertEquals(rank[g.indices()[i][t]], local.indices()[r][t]);
            }
            for (int c = 0; c < x.dim(); c++) {
                assertEquals(x.get(i, c), px.get(r, c), 0f);
            }
        }
        // mean index distance to the neighbours: about n/3 in a shuffled order, a cluster's span here
        assertTrue(meanGap(g) > n / 4.0, "the input order must be scattered for this test: " + meanGap(g));
        assertTrue(meanGap(local) < n / 8.0, "neighbours still far apart: " + meanGap(local)); // seen: 283 of 3000
        assertArrayEquals(order, LocalityOrder.compute(x, 7), "same seed, same order");
    }

    @Test
    void identicalPointsKeepTheirOrder() {
        Points x = Points.of(new double[500][3]);
        int[] order = LocalityOrder.compute(x, 1);
        for (int r = 0; r < 500; r++) {
            assertEquals(r, order[r]);
        }
    }

    private static double meanGap(KnnGraph g) {
        double s = 0;
        for (int i = 0; i < g.n(); i++) {
            for (int j : g.indices()[i]) {
                s += Math.abs(i - j);
            }
        }
        return s / ((double) g.n() * g.k());
    }

    /** Clusters of equal size in random row order. */
    private static Points shuffledClusters(int n, int clusters, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = 10 * r.nextGaussian();
            }
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[dim];
            for (int d = 0; d < dim; d++) {
                rows[i][d] = centres[i % clusters][d] + r.nextGaussian();
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return Points.of(rows);
    }
}
