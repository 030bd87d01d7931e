package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NnDescentTest {

    private static final DistanceKernels KERNELS = KernelSet.preferred().distances();

    /**
     * The bar: recall >= 0.98 at k = 90, here on a 20,000-point anisotropic 50-d mixture,
     * against exact neighbours (scalar twin) of 1,000 seeded random points.
     */
    @Test
    void recallAtNinetyOnAGaussianMixture() {
        Points x = KnnTestData.mixture(20_000, 50, 12, 2024);
        int k = 90;
        KnnGraph approx;
        try (RowBlocks pool = new RowBlocks(2)) {
            approx = NnDescent.search(x, k, 5L, KERNELS, pool);
        }
        assertValid(approx);
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        float[] d = new float[x.size()];
        long hits = 0;
        int queries = 1000;
        for (int q = 0; q < queries; q++) {
            int i = r.nextInt(x.size());
            KernelSet.scalar().distances().squaredDistances(x.rowMajor(), x.dim(), i, 0, x.size(), d);
            d[i] = Float.POSITIVE_INFINITY;
            float[] sorted = d.clone();
            java.util.Arrays.sort(sorted);
            float kth = sorted[k - 1];
            for (int j : approx.indices()[i]) {
                hits += d[j] <= kth ? 1 : 0; // within the k-th true distance (ties count either way)
            }
        }
        double recall = hits / (double) (queries * k);
        assertTrue(recall >= 0.98, "recall " + recall);
    }

    /** Bit-identical on 1 and 2 threads, and across two runs with one seed; another seed differs. */
    @Test
    void deterministicAcrossThreadCountsAndRuns() {
        Points x = KnnTestData.mixture(6_000, 30, 8, 77);
        // few trees and small leaves, so NN-descent does most of the work and several rounds run
        NnDescent.Settings s = new NnDescent.Settings(2, 40, 15, 10, 0.001);
        KnnGraph one, two, again, other;
        try (RowBlocks p1 = new RowBlocks(1); RowBlocks p2 = new RowBlocks(2)) {
            one = NnDescent.search(x, 20, 9L, s, KERNELS, p1, KnnProgress.NONE);
            two = NnDescent.search(x, 20, 9L, s, KERNELS, p2, KnnProgress.NONE);
            again = NnDescent.search(x, 20, 9L, s, KERNELS, p2, KnnProgress.NONE);
            other = NnDescent.search(x, 20, 10L, s, KERNELS, p2, KnnProgress.NONE);
        }
        boolean differs = false;
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(one.indices()[i], two.indices()[i], "row " + i);
            assertArrayEquals(one.squaredDistances()[i], two.squaredDistances()[i], "row " + i);
            assertArrayEquals(two.indices()[i], again.indices()[i], "row " + i);
            differs |= !java.util.Arrays.equals(two.indices()[i], other.indices()[i]);
        }
        assertTrue(differs, "a different seed should change some approximate list");
    }

    /**
     * Many exact copies: terminates within its round limit (counted through the progress it
     * reports), lists are full of valid, distinct indices, never the point.
     */
    @Test
    void duplicatePointsTerminateWithValidLists() {
        int n = 3000, dim = 8;
        float[] v = new float[n * dim];
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            // 2,000 copies of one point, 500 of another, 500 distinct points
            for (int q = 0; q < dim; q++) {
                v[i * dim + q] = i < 2000 ? 1f : i < 2500 ? -1f : (float) r.nextGaussian();
            }
        }
        Points x = Points.ofRowMajor(v, n, dim);
        KnnGraph g;
        List<String> rounds = new ArrayList<>();
        try (RowBlocks pool = new RowBlocks(2)) {
            g = NnDescent.search(x, 30, 1L, new NnDescent.Settings(3, 40, 20, 10, 0.001), KERNELS, pool,
                    (stage, step, steps) -> rounds.add(stage + " " + step + "/" + steps));
        }
        assertTrue(rounds.size() >= 2 && rounds.size() <= 11, "trees, then at most 10 rounds: " + rounds);
        assertEquals("trees 1/1", rounds.get(0));
        assertValid(g);
        // a copy's neighbours are copies, at distance 0
        for (int i : new int[] {0, 1999, 2000, 2499}) {
            assertEquals(0f, g.squaredDistances()[i][29], "point " + i);
        }
    }

    /** All points identical, and k = n - 1: every other point is a neighbour. */
    @Test
    void allIdenticalAndLargestK() {
        Points x = Points.ofRowMajor(new float[200 * 3], 200, 3);
        KnnGraph g;
        try (RowBlocks pool = new RowBlocks(2)) {
            g = NnDescent.search(x, 199, 3L, KERNELS, pool);
        }
        assertValid(g);
    }

    static void assertValid(KnnGraph g) {
        for (int i = 0; i < g.n(); i++) {
            int[] row = g.indices()[i];
            float[] d = g.squaredDistances()[i];
            assertEquals(g.k(), row.length);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int c = 0; c < row.length; c++) {
                assertTrue(row[c] >= 0 && row[c] < g.n() && row[c] != i, "row " + i + " lists " + row[c]);
                assertTrue(seen.add(row[c]), "row " + i + " lists " + row[c] + " twice");
                assertTrue(c == 0 || d[c - 1] <= d[c], "row " + i + " is sorted");
            }
        }
    }
}
