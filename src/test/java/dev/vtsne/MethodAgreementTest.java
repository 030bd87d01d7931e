package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.gradient.SparseTsneGradient;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.ExactRepulsion;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.testing.BruteForceKnn;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of the three methods on the same 2,000 points with the standard schedule end at the
 * same cost: Barnes-Hut's and FFT's final maps, judged by one referee, are within 1 % of the exact
 * method's. The referee is the judge the benchmarks use for every engine (quality.py): exact KL
 * with P over the exact 90 nearest neighbours (perplexity 30) and Z over all pairs. Each method's
 * own reported KL is also checked against it.
 */
class MethodAgreementTest {

    private static final int N = 2000;

    /**
     * One run's final KL moves by about ±0.5 % with the order of float sums (another summation
     * order lands in another nearby minimum), so the methods are compared on three datasets and
     * the mean ratio to the exact method's KL must be within 1 %.
     */
    @Test
    void barnesHutAndFftEndWithinOnePercentOfTheExactKl() {
        long[] datasets = {9, 10, 11};
        for (Method m : new Method[] {Method.BARNES_HUT, Method.FFT}) {
            double meanRatio = 0;
            for (long d : datasets) {
                Points x = clustered(N, 20, d);
                TsneOptions.Builder b = TsneOptions.builder().seed(11).threads(2);
                double exact = refereeKl(x, TSne.fit(x, b.method(Method.EXACT).build(), null));
                Embedding e = TSne.fit(x, b.method(m).build(), null);
                assertEquals(m, e.method());
                double kl = refereeKl(x, e);
                System.out.printf("MethodAgreement: %s data %d referee KL %.5f (own %.5f), exact %.5f, ratio %.4f%n",
                        m, d, kl, e.lastKl(), exact, kl / exact);
                // the method's own estimate (kNN P, its own Z) is close to the referee's figure too
                assertEquals(kl, e.lastKl(), 0.05 * kl, m + " reported KL");
                meanRatio += kl / exact / datasets.length;
            }
            System.out.printf("MethodAgreement: %s mean ratio %.4f%n", m, meanRatio);
            assertTrue(Math.abs(meanRatio - 1) <= 0.01, m + ": mean KL ratio to exact " + meanRatio);
        }
    }

    /** KL(P || Q) of the map, P over the exact 90 nearest neighbours, Z exact over all pairs. */
    static double refereeKl(Points x, Embedding e) {
        KernelSet k = KernelSet.preferred();
        try (RowBlocks pool = new RowBlocks(2)) {
            SparseAffinities p = SparseAffinities.tsne(BruteForceKnn.graph(x, 90), 30, k.calibration(), pool);
            return new SparseTsneGradient(p, new ExactRepulsion(k.gradient(), pool), k.gradient(), pool).klDivergence(e.coordinates());
        }
    }

    /** 10 Gaussian clusters with centres ~ N(0, 4²) per coordinate, seeded. */
    static Points clustered(int n, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[10][dim];
        for (double[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = 4 * r.nextGaussian();
            }
        }
        double[][] rows = new double[n][dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                rows[i][d] = centres[i % 10][d] + r.nextGaussian();
            }
        }
        return Points.of(rows);
    }
}
