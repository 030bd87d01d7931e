package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.DistanceKernels;
import dev.vtsne.simd.KernelSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExactKnnTest {

    private static final DistanceKernels KERNELS = KernelSet.preferred().distances();

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

    /**
     * The symmetric search (each distance computed once, offered to both points, block pairs in
     * any order) gives the query-block search's arrays bit for bit, on 1, 2 and 3 threads:
     * Gaussian clusters; integer grids, where most distances tie exactly and ties must go to the
     * smaller index although candidates arrive out of index order; coordinates whose squared
     * differences overflow to infinity (ties at infinity); sizes that are not multiples of the
     * block or the strip, odd and even block counts (a bye per round, or a round of diagonals),
     * and k = n - 1. Blocks of 1024 make rounds big enough to run in parallel at these sizes.
     * A block of 0 means the default.
     */
    @ParameterizedTest(name = "{0}, n = {1}, dim = {2}, k = {3}, block {4}/{5}")
    @CsvSource({
        "gauss, 5000, 20, 30, 1024, 64",
        "gauss, 6000, 20, 30, 1024, 64",
        "gauss, 3000, 50, 90, 0, 0",
        "gauss, 40, 5, 39, 16, 8",
        "gauss, 2, 3, 1, 0, 0",
        "grid, 4500, 3, 40, 1024, 100",
        "grid, 3000, 2, 60, 0, 0",
        "grid, 517, 2, 25, 64, 16",
        "grid, 600, 4, 60, 64, 64",
        "grid, 5, 2, 4, 0, 0",
        "overflow, 300, 3, 50, 64, 32",
        "overflow, 700, 2, 120, 0, 0",
    })
    void symmetricEqualsQueryBlocks(String data, int n, int dim, int k, int block, int strip) {
        Points x = switch (data) {
            case "gauss" -> KnnTestData.mixture(n, dim, 6, n + dim);
            case "grid" -> grid(n, dim, dim <= 2 ? 7 : 4, n);
            default -> overflowing(n, dim, n);
        };
        KnnGraph want;
        try (RowBlocks p1 = new RowBlocks(1)) {
            want = ExactKnn.searchQueryBlocks(x, k, KERNELS, p1, KnnProgress.NONE);
        }
        for (int threads = 1; threads <= 3; threads++) {
            try (RowBlocks pool = new RowBlocks(threads)) {
                KnnGraph got = block == 0 ? ExactKnn.search(x, k, KERNELS, pool)
                        : ExactKnn.searchSymmetric(x, k, KERNELS, pool, KnnProgress.NONE, block, strip);
                assertSame(want, got, threads + " threads");
            }
        }
    }

    /** The same with the scalar twin kernels, whose distances are rounded from double sums. */
    @Test
    void symmetricEqualsQueryBlocksWithTwinKernels() {
        DistanceKernels twin = KernelSet.scalar().distances();
        for (Points x : new Points[] {KnnTestData.mixture(700, 9, 4, 2), grid(700, 3, 4, 2), overflowing(300, 2, 2)}) {
            try (RowBlocks pool = new RowBlocks(2)) {
                assertSame(ExactKnn.searchQueryBlocks(x, 33, twin, pool, KnnProgress.NONE),
                        ExactKnn.searchSymmetric(x, 33, twin, pool, KnnProgress.NONE, 96, 40), "twin");
            }
        }
    }

    /** Progress counts up to its last step; a cancelled pool stops the search between rounds. */
    @Test
    void symmetricReportsProgressAndStopsWhenCancelled() {
        Points x = KnnTestData.uniform(3000, 4, 9);
        java.util.List<Integer> steps = new java.util.ArrayList<>();
        int[] total = new int[1];
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactKnn.search(x, 10, KERNELS, pool, (stage, step, of) -> {
                assertEquals("exact", stage);
                steps.add(step);
                total[0] = of;
            });
        }
        assertEquals(total[0], steps.size(), "one report per step");
        for (int s = 0; s < steps.size(); s++) {
            assertEquals(s + 1, steps.get(s));
        }
        boolean[] cancel = new boolean[1];
        try (RowBlocks pool = new RowBlocks(2, () -> cancel[0])) {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> ExactKnn.search(x, 10, KERNELS, pool, (stage, step, of) -> cancel[0] = true));
        }
    }

    private static void assertSame(KnnGraph want, KnnGraph got, String what) {
        for (int i = 0; i < want.n(); i++) {
            assertArrayEquals(want.indices()[i], got.indices()[i], what + ": indices of point " + i);
            assertArrayEquals(want.squaredDistances()[i], got.squaredDistances()[i], what + ": distances of point " + i);
        }
    }

    /** Integer coordinates in [0, side): many exact duplicates and exactly tied distances. */
    private static Points grid(int n, int dim, int side, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[n * dim];
        for (int c = 0; c < v.length; c++) {
            v[c] = r.nextInt(side);
        }
        return Points.ofRowMajor(v, n, dim);
    }

    /** A third of the coordinates at ±2e19, whose squared differences overflow to infinity. */
    private static Points overflowing(int n, int dim, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[n * dim];
        for (int c = 0; c < v.length; c++) {
            v[c] = r.nextInt(3) == 0 ? (r.nextBoolean() ? 2e19f : -2e19f) : (float) r.nextGaussian();
        }
        return Points.ofRowMajor(v, n, dim);
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
