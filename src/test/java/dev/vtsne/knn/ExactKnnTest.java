package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExactKnnTest {

    private static final Kernels KERNELS = KernelProvider.kernels();

    /**
     * Same neighbour sets as the double-precision twin; position c may hold a different index only
     * when its distance ties the twin's c-th within float tolerance. Sizes cross query blocks (64)
     * and reference blocks (256) with ragged ends; dims cover the kernel's tails and 50.
     */
    @ParameterizedTest(name = "n = {0}, dim = {1}, k = {2}")
    @CsvSource({"2, 3, 1", "40, 1, 7", "300, 2, 10", "517, 17, 30", "700, 50, 90"})
    void equalsBruteForceTwin(int n, int dim, int k) {
        Points x = KnnTestData.uniform(n, dim, n * 7L + dim);
        double[][] twinDist = new double[n][];
        int[][] twin = KnnTestData.bruteForce(x, k, twinDist);
        KnnGraph g;
        try (RowBlocks pool = new RowBlocks(2)) {
            g = ExactKnn.search(x, k, KERNELS, pool);
        }
        assertEquals(n, g.n());
        assertEquals(k, g.k());
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                int j = g.indices()[i][c];
                double tol = 1e-5 * twinDist[i][c] + 1e-6;
                assertEquals(twinDist[i][c], g.squaredDistances()[i][c], tol, "distance " + c + " of point " + i);
                if (j != twin[i][c]) {
                    // a swap is allowed only between neighbours at tied distances
                    double dj = twinDistance(x, i, j);
                    assertEquals(twinDist[i][c], dj, tol, "point " + i + " lists " + j + " where the twin has " + twin[i][c]);
                }
                assertNotEquals(i, j, "a point is not its own neighbour");
            }
        }
    }

    @Test
    void sameResultOnOneAndTwoThreads() {
        Points x = KnnTestData.mixture(1500, 20, 5, 3);
        KnnGraph one, two;
        try (RowBlocks p1 = new RowBlocks(1); RowBlocks p2 = new RowBlocks(2)) {
            one = ExactKnn.search(x, 15, KERNELS, p1);
            two = ExactKnn.search(x, 15, KERNELS, p2);
        }
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(one.indices()[i], two.indices()[i]);
            assertArrayEquals(one.squaredDistances()[i], two.squaredDistances()[i]);
        }
    }

    /** Exact copies: every distance 0, ties to the smallest indices, never the point itself. */
    @Test
    void duplicatesTieToSmallerIndices() {
        int n = 300;
        float[] v = new float[n * 4];
        for (int i = 100; i < n; i++) {
            v[i * 4] = i < 200 ? 1 : 2; // three groups of 100 copies
        }
        KnnGraph g;
        try (RowBlocks pool = new RowBlocks(2)) {
            g = ExactKnn.search(Points.ofRowMajor(v, n, 4), 5, KERNELS, pool);
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, g.indices()[0]);
        assertArrayEquals(new int[] {101, 102, 103, 104, 105}, g.indices()[100]);
        assertArrayEquals(new int[] {100, 101, 102, 103, 104}, g.indices()[150]);
        assertArrayEquals(new int[] {200, 201, 202, 203, 204}, g.indices()[250]);
        assertArrayEquals(new float[5], g.squaredDistances()[299]);
    }

    @Test
    void refusesBadK() {
        Points x = KnnTestData.uniform(10, 2, 1);
        try (RowBlocks pool = new RowBlocks(1)) {
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> ExactKnn.search(x, 10, KERNELS, pool));
            assertTrue(big.getMessage().contains("k = 10"), big.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ExactKnn.search(x, 0, KERNELS, pool));
            assertThrows(IllegalArgumentException.class, () -> NnDescent.search(x, 10, 1, KERNELS, pool));
            assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.compute(x, -1, 1, KERNELS, pool));
        }
    }

    private static double twinDistance(Points x, int i, int j) {
        double s = 0;
        for (int q = 0; q < x.dim(); q++) {
            double t = (double) x.get(i, q) - x.get(j, q);
            s += t * t;
        }
        return s;
    }
}
