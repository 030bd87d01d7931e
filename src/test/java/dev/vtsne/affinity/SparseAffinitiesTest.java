package dev.vtsne.affinity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.data.CsrMatrix;
import dev.vtsne.Points;
import dev.vtsne.gradient.ExactTsneGradient;
import dev.vtsne.gradient.SparseTsneGradient;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.ExactRepulsion;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.testing.BruteForceKnn;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * kNN affinities: symmetric, summing to 1, equal to the exact affinities when every point is a
 * neighbour, the same whatever the block size, and feeding a gradient that equals the exact one.
 */
class SparseAffinitiesTest {

    private static final KernelSet KERNELS = KernelSet.preferred();

    @Test
    void symmetricAndNormalizedOverTheUnionOfNeighbourLists() {
        Points x = clustered(300, 5, 11);
        try (RowBlocks pool = new RowBlocks(2)) {
            SparseAffinities p = SparseAffinities.tsne(bruteForce(x, 30), 10, KERNELS.calibration(), pool);
            double sum = 0;
            for (int i = 0; i < 300; i++) {
                CsrMatrix m = p.block(0);
                for (int e = m.rowStart()[i]; e < m.rowStart()[i + 1]; e++) {
                    int j = m.cols()[e];
                    assertTrue(j != i, "diagonal stored in row " + i);
                    assertEquals(m.values()[e], p.get(j, i), 0f, "p(" + i + "," + j + ") != p(" + j + "," + i + ")");
                    sum += m.values()[e];
                }
            }
            assertEquals(1.0, sum, 1e-5);
            assertTrue(p.nonZeros() >= 300 * 30 && p.nonZeros() <= 2 * 300 * 30, "nnz " + p.nonZeros());
        }
    }

    @Test
    void withEveryPointAsNeighbourTheyEqualTheExactAffinities() {
        Points x = clustered(120, 3, 5);
        try (RowBlocks pool = new RowBlocks(1)) {
            SparseAffinities sparse = SparseAffinities.tsne(bruteForce(x, 119), 20, KERNELS.calibration(), pool);
            ExactAffinities exact = ExactAffinities.tsne(x, 20, KERNELS.distances(), KERNELS.calibration(), pool);
            for (int i = 0; i < 120; i++) {
                for (int j = 0; j < 120; j++) {
                    // candidates come in another order (by distance, not index), so the float sums of
                    // the calibration differ in rounding and bisection may stop at a slightly different
                    // β within its entropy tolerance 1e-5: allow 1e-4 relative (measured: 2.5e-5)
                    assertEquals(exact.matrix().get(i, j), sparse.get(i, j), 1e-4f * exact.matrix().get(i, j) + 1e-12f, i + "," + j);
                }
            }
            assertEquals(exact.pLogP(), sparse.pLogP(), 1e-4 * Math.abs(exact.pLogP()));
        }
    }

    @Test
    void manySmallBlocksHoldTheSameEntriesAndGiveTheSameGradient() {
        Points x = clustered(400, 4, 3);
        KnnGraph g = bruteForce(x, 24);
        try (RowBlocks pool = new RowBlocks(2)) {
            SparseAffinities one = SparseAffinities.tsne(g, 8, KERNELS.calibration(), pool);
            SparseAffinities many = SparseAffinities.tsne(g, 8, KERNELS.calibration(), pool, 1000);
            assertEquals(1, one.blockCount());
            assertTrue(many.blockCount() >= 10, "blocks " + many.blockCount());
            assertEquals(one.nonZeros(), many.nonZeros());
            for (int i = 0; i < 400; i += 7) {
                for (int j = 0; j < 400; j++) {
                    assertEquals(one.get(i, j), many.get(i, j), 0f);
                }
            }
            float[][] y = map(400, 9);
            float[][] g1 = new float[2][400], g2 = new float[2][400];
            SparseTsneGradient f1 = new SparseTsneGradient(one, new ExactRepulsion(KERNELS.gradient(), pool), KERNELS.gradient(), pool);
            SparseTsneGradient f2 = new SparseTsneGradient(many, new ExactRepulsion(KERNELS.gradient(), pool), KERNELS.gradient(), pool);
            f1.gradient(y, 12, g1);
            f2.gradient(y, 12, g2);
            // one block is renumbered into LocalityOrder (each row sums its entries in another
            // order), many blocks are not: the same gradient up to float rounding
            assertClose(g2, g1, 1e-5);
            assertEquals(f2.klDivergence(y), f1.klDivergence(y), 1e-6);
        }
    }

    @Test
    void localityOrderIsAPermutationAndThePermutedAffinitiesAreTheSameEntriesRenamed() {
        Points x = clustered(500, 5, 12);
        try (RowBlocks pool = new RowBlocks(2)) {
            SparseAffinities p = SparseAffinities.tsne(bruteForce(x, 30), 10, KERNELS.calibration(), pool);
            int[] order = LocalityOrder.breadthFirst(p.block(0));
            boolean[] seen = new boolean[500];
            for (int u : order) {
                assertTrue(!seen[u], "point " + u + " twice");
                seen[u] = true;
            }
            int[] position = LocalityOrder.positions(order);
            // breadth-first: a point with no neighbour placed before it starts a component, and
            // is then the lowest point not yet placed
            boolean[] placed = new boolean[500];
            int lowest = 0, components = 0;
            for (int k = 0; k < 500; k++) {
                int u = order[k];
                boolean earlier = false;
                for (int e = p.block(0).rowStart()[u]; e < p.block(0).rowStart()[u + 1]; e++) {
                    earlier |= position[p.block(0).cols()[e]] < k;
                }
                while (placed[lowest]) {
                    lowest++;
                }
                if (!earlier) {
                    assertEquals(lowest, u, "point at " + k + " has no neighbour before it and is not the lowest unplaced");
                    components++;
                }
                placed[u] = true;
            }
            assertTrue(components < 10, components + " components");
            SparseAffinities q = p.permuted(order, pool);
            assertEquals(p.nonZeros(), q.nonZeros());
            assertEquals(p.pLogP(), q.pLogP(), 0);
            CsrMatrix m = q.block(0);
            for (int k = 0; k < 500; k++) {
                for (int e = m.rowStart()[k]; e < m.rowStart()[k + 1]; e++) {
                    if (e > m.rowStart()[k]) {
                        assertTrue(m.cols()[e - 1] < m.cols()[e], "columns ascending in row " + k);
                    }
                    assertEquals(p.get(order[k], order[m.cols()[e]]), m.values()[e], 0f);
                }
            }
            for (int i = 0; i < 500; i += 11) {
                for (int j = 0; j < 500; j++) {
                    assertEquals(p.get(i, j), q.get(position[i], position[j]), 0f);
                }
            }
            SparseAffinities many = SparseAffinities.tsne(bruteForce(x, 30), 10, KERNELS.calibration(), pool, 1000);
            assertThrows(IllegalStateException.class, () -> many.permuted(order, pool));
        }
    }

    @Test
    void sparseGradientAndKlWithExactRepulsionEqualTheExactMethodWhenAllPointsAreNeighbours() {
        Points x = clustered(150, 3, 8);
        try (RowBlocks pool = new RowBlocks(2)) {
            ExactTsneGradient exact = new ExactTsneGradient(ExactAffinities.tsne(x, 15, KERNELS.distances(), KERNELS.calibration(), pool), KERNELS.gradient(), pool);
            SparseTsneGradient sparse = new SparseTsneGradient(SparseAffinities.tsne(bruteForce(x, 149), 15, KERNELS.calibration(), pool),
                    new ExactRepulsion(KERNELS.gradient(), pool), KERNELS.gradient(), pool);
            float[][] y = map(150, 4);
            float[][] ge = new float[2][150], gs = new float[2][150];
            exact.gradient(y, 4, ge);
            sparse.gradient(y, 4, gs);
            assertClose(ge, gs, 1e-4);
            assertEquals(exact.klDivergence(y), sparse.klDivergence(y), 1e-5);
        }
    }

    /** Every coordinate of {@code got} within {@code relative} × the largest |want| of want's. */
    private static void assertClose(float[][] want, float[][] got, double relative) {
        double scale = 0;
        for (float[] a : want) {
            for (float v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int a = 0; a < want.length; a++) {
            for (int i = 0; i < want[a].length; i++) {
                assertEquals(want[a][i], got[a][i], relative * scale, "axis " + a + " point " + i);
            }
        }
    }

    static KnnGraph bruteForce(Points x, int k) {
        return BruteForceKnn.graph(x, k);
    }

    static Points clustered(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][dim];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            for (int d = 0; d < dim; d++) {
                rows[i][d] = 6 * ((c >> (d % 2)) & 1) + r.nextGaussian();
            }
        }
        return Points.of(rows);
    }

    static float[][] map(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[2][n];
        for (int i = 0; i < n; i++) {
            y[0][i] = (float) (3 * r.nextGaussian());
            y[1][i] = (float) (3 * r.nextGaussian());
        }
        return y;
    }
}
