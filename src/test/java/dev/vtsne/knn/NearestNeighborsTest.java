package dev.vtsne.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtsne.Points;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import org.junit.jupiter.api.Test;

class NearestNeighborsTest {

    @Test
    void smallInputsAreSearchedExactlyWithProgress() {
        Points x = KnnTestData.mixture(500, 10, 4, 8);
        int[] steps = new int[1];
        KnnGraph g, exact;
        try (RowBlocks pool = new RowBlocks(2)) {
            g = NearestNeighbors.compute(x, 12, 1L, KernelSet.preferred().distances(), pool, (stage, step, total) -> {
                assertEquals("exact", stage);
                steps[0] = step;
            });
            exact = ExactKnn.search(x, 12, KernelSet.preferred().distances(), pool);
        }
        assertEquals(1, steps[0] > 0 ? 1 : 0, "progress reported");
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(exact.indices()[i], g.indices()[i]);
        }
    }

    /**
     * Warming up (odd dimensions, k above the warm sample's size) leaves the search's result as
     * it was: the same graph as the query-block reference computed before warming.
     */
    @Test
    void warmUpDoesNotChangeResults() {
        Points x = KnnTestData.mixture(2500, 3, 5, 11);
        KnnGraph before;
        try (RowBlocks pool = new RowBlocks(2)) {
            before = ExactKnn.searchQueryBlocks(x, 40, KernelSet.preferred().distances(), pool, KnnProgress.NONE);
            NearestNeighbors.warmUp(KernelSet.preferred().distances(), 2500, 3, 5000);
            KnnGraph after = NearestNeighbors.compute(x, 40, 1L, KernelSet.preferred().distances(), pool);
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(before.indices()[i], after.indices()[i]);
                assertArrayEquals(before.squaredDistances()[i], after.squaredDistances()[i]);
            }
        }
    }
}
