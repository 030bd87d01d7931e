package dev.vtsne.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The index arithmetic of large sparse matrices: 19 million points with 180 symmetrized entries
 * each hold 3.42 billion entries, past 2³¹, where FIt-SNE's int indices overflowed. The plan must
 * cut them into blocks that each fit a Java array, cover every row once, and count in long.
 */
class RowBlockPlanTest {

    @Test
    void nineteenMillionPointsOfOneHundredEightyEntriesSplitIntoBlocksBelowTheArrayLimit() {
        int n = 19_000_000;
        int[] counts = new int[n];
        Arrays.fill(counts, 180);
        long total = RowBlockPlan.total(counts);
        assertEquals(3_420_000_000L, total);
        assertTrue(total > Integer.MAX_VALUE, "the case must overflow an int");
        int[] bounds = RowBlockPlan.bounds(counts, RowBlockPlan.DEFAULT_MAX_ENTRIES);
        assertEquals(0, bounds[0]);
        assertEquals(n, bounds[bounds.length - 1]);
        long covered = 0;
        for (int b = 0; b + 1 < bounds.length; b++) {
            assertTrue(bounds[b] < bounds[b + 1], "empty block " + b);
            long entries = 180L * (bounds[b + 1] - bounds[b]);
            assertTrue(entries <= RowBlockPlan.DEFAULT_MAX_ENTRIES, "block " + b + " holds " + entries);
            assertTrue(entries + 16 < Integer.MAX_VALUE - 8, "block " + b + " does not fit one array");
            covered += entries;
        }
        assertEquals(total, covered);
        // 2^30 / 180 = 5,965,232 rows per full block: 4 blocks
        assertEquals(4, bounds.length - 1);
        assertEquals(5_965_232, bounds[1]);
    }

    @Test
    void smallBlocksCutExactlyAtTheLimit() {
        int[] counts = {3, 3, 3, 1, 4, 2};
        assertEquals("[0, 2, 4, 6]", Arrays.toString(RowBlockPlan.bounds(counts, 6)));
        assertEquals("[0, 6]", Arrays.toString(RowBlockPlan.bounds(counts, 100)));
    }

    @Test
    void aRowLargerThanABlockIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowBlockPlan.bounds(new int[] {2, 9}, 8));
        assertTrue(e.getMessage().contains("row 1 has 9 entries"), e.getMessage());
    }
}
