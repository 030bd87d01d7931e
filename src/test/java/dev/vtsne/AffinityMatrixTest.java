package dev.vtsne;

import static dev.vtsne.SeamsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A user's sparse affinity matrix: symmetrized and normalized, P = (A + Aᵀ) / (2 Σ a), worked
 * out by hand; a symmetric matrix that sums to 1 passes unchanged; malformed matrices refused;
 * the exact method on such a P (sparse attraction, all-pairs repulsion).
 */
class AffinityMatrixTest {

    /**
     * A = {(0,1) 1, (1,0) 3, (0,2) 2, (2,1) 2}, Σ a = 8, row 0's columns given out of order.
     * P = (A + Aᵀ)/16: p01 = p10 = 4/16, p02 = p20 = 2/16, p12 = p21 = 2/16.
     */
    @Test
    void aGivenMatrixIsSymmetrizedAndNormalizedToSumOne() {
        AffinityMatrix p = AffinityMatrix.of(3, new int[] {0, 2, 3, 4}, new int[] {2, 1, 0, 1}, new float[] {2, 1, 3, 2});
        assertArrayEquals(new int[] {0, 2, 4, 6}, p.rowStart());
        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1}, p.columns());
        assertArrayEquals(new float[] {0.25f, 0.125f, 0.25f, 0.125f, 0.125f, 0.125f}, p.values());
        assertEquals(0.125f, p.get(2, 1));
        assertEquals(0f, p.get(1, 1));
        assertEquals(6, p.nonZeros());
        assertEquals(Objective.TSNE, p.objective());
        p.values()[0] = 7;
        assertEquals(0.25f, p.get(0, 1), "accessors hand out copies");
    }

    /** The fit's own P (symmetric, summing to 1) given back as a matrix: the same values, to float rounding. */
    @Test
    void aSymmetricMatrixSummingToOnePassesUnchanged() {
        TsneOptions o = TsneOptions.builder().method(Method.BARNES_HUT).perplexity(10).build();
        AffinityMatrix own = TSne.affinities(MethodAgreementTest.clustered(300, 5, 8), o);
        AffinityMatrix again = AffinityMatrix.of(own.size(), own.rowStart(), own.columns(), own.values());
        assertArrayEquals(own.rowStart(), again.rowStart());
        assertArrayEquals(own.columns(), again.columns());
        float[] a = own.values(), b = again.values();
        for (int e = 0; e < a.length; e++) {
            assertEquals(a[e], b[e], 1e-6f * a[e], "entry " + e);
        }
    }

    /** The exact method on a graph's P: the attraction over P's entries, the repulsion over all pairs, as Barnes-Hut at θ = 0. */
    @Test
    void theExactMethodOnASparsePMatchesBarnesHutAtThetaZero() {
        Points x = MethodAgreementTest.clustered(400, 5, 6);
        TsneOptions bh = TsneOptions.builder().method(Method.BARNES_HUT).theta(0).perplexity(10).seed(2).threads(1).build();
        TsneOptions exact = TsneOptions.builder().method(Method.EXACT).perplexity(10).seed(2).threads(1).build();
        AffinityMatrix p = TSne.affinities(TSne.neighbors(x, bh), bh);
        float[][] y0 = TSne.initialLayout(x, bh);
        OptimizeStep step = OptimizeStep.builder(20).exaggeration(12).momentum(0.5).build();
        Embedding e = TSne.embedding(p, y0, exact).optimize(step, null);
        assertEquals(Method.EXACT, e.method());
        assertEquals("exact", e.methodDescription());
        float[] a = e.rowMajor(), b = TSne.embedding(p, y0, bh).optimize(step, null).rowMajor();
        double scale = 0;
        for (float v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < a.length; k++) {
            assertEquals(b[k], a[k], 1e-3 * scale, "coordinate " + k);
        }
        assertTrue(Double.isFinite(e.lastKl()));
    }

    @Test
    void malformedMatricesAreRefusedNamingTheValue() {
        int[] rs = {0, 1, 2, 3};
        int[] cols = {1, 2, 0};
        assertMessage("at least 2 points, got n = 1", () -> AffinityMatrix.of(1, new int[] {0, 0}, new int[0], new float[0]));
        assertMessage("rowStart has 3 entries; a matrix of 3 rows needs n + 1 = 4",
                () -> AffinityMatrix.of(3, new int[] {0, 1, 2}, cols, new float[] {1, 1, 1}));
        assertMessage("rowStart[0] is 1", () -> AffinityMatrix.of(3, new int[] {1, 1, 2, 3}, cols, new float[] {1, 1, 1}));
        assertMessage("rowStart decreases at row 1: 2 then 1",
                () -> AffinityMatrix.of(3, new int[] {0, 2, 1, 3}, cols, new float[] {1, 1, 1}));
        assertMessage("rowStart[n] = 3 entries, but 3 columns and 2 values",
                () -> AffinityMatrix.of(3, rs, cols, new float[] {1, 1}));
        assertMessage("has column 3, outside [0, 3)", () -> AffinityMatrix.of(3, rs, new int[] {1, 3, 0}, new float[] {1, 1, 1}));
        assertMessage("affinity (1, 2) is -0.5", () -> AffinityMatrix.of(3, rs, cols, new float[] {1, -0.5f, 1}));
        assertMessage("affinity (1, 2) is NaN", () -> AffinityMatrix.of(3, rs, cols, new float[] {1, Float.NaN, 1}));
        assertMessage("affinity (2, 0) is Infinity",
                () -> AffinityMatrix.of(3, rs, cols, new float[] {1, 1, Float.POSITIVE_INFINITY}));
        assertMessage("affinity (1, 1) is 0.5", () -> AffinityMatrix.of(3, rs, new int[] {1, 1, 0}, new float[] {1, 0.5f, 1}));
        assertMessage("row 0 holds column 2 twice",
                () -> AffinityMatrix.of(3, new int[] {0, 2, 2, 3}, new int[] {2, 2, 0}, new float[] {1, 1, 1}));
        assertMessage("the affinities sum to 0.0", () -> AffinityMatrix.of(3, rs, cols, new float[3]));
    }
}
