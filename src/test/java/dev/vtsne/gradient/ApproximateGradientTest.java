package dev.vtsne.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.affinity.SparseAffinities;
import dev.vtsne.data.CsrMatrix;
import dev.vtsne.Points;
import dev.vtsne.knn.KnnGraph;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.repulsion.BarnesHutRepulsion;
import dev.vtsne.repulsion.FftRepulsion;
import dev.vtsne.repulsion.Repulsion;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.testing.BruteForceKnn;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Barnes-Hut and FFT gradients at their defaults (θ = 0.5; 3 nodes, the grid for this n)
 * against the exact t-SNE gradient with the same P, computed here in double over all pairs:
 * 4 (α Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z), Z = Σ_{k≠l} w_kl. 2,000 points in
 * 10 clusters, P from their 90 nearest neighbours at perplexity 30, a 2-D map of the same clusters
 * (an early map 10 units wide and a late one 60 wide), without and with exaggeration. Each bound
 * is the 2-norm relative error measured at this commit × 1.3 (measured: Barnes-Hut 9.7e-3,
 * 1.5e-2, 5.3e-4; FFT 2.9e-3, 2.7e-2, 1.6e-4 in the order below), so the approximations cannot
 * drift: with the repulsion divided by 1.02 Z instead of Z the late map's Barnes-Hut error is
 * 3.4e-2 and the FFT's errors 1.9e-2, 3.8e-2 and 1.0e-3, all beyond their bounds.
 */
class ApproximateGradientTest {

    private static final int N = 2000;
    private static final KernelSet KERNELS = KernelSet.preferred();
    /** The input's 90 nearest neighbours, shared by the cases (the brute force is most of the time). */
    private static final KnnGraph GRAPH = BruteForceKnn.graph(clusteredInput(), 90);

    @ParameterizedTest(name = "{0}, map spread {1}, alpha {2}")
    @CsvSource({
        "bh, 10, 1, 1.3e-2",
        "bh, 60, 1, 2.0e-2",
        "bh, 10, 12, 6.9e-4",
        "fft, 10, 1, 3.9e-3",
        "fft, 60, 1, 3.5e-2",
        "fft, 10, 12, 2.1e-4"})
    void gradientIsTheExactOneWithinItsMeasuredError(String method, double spread, double alpha, double bound) {
        float[][] y = clusteredMap(spread);
        try (RowBlocks pool = new RowBlocks(2)) {
            SparseAffinities p = SparseAffinities.tsne(GRAPH, 30, KERNELS.calibration(), pool);
            assertEquals(1, p.blockCount());
            Repulsion repulsion = method.equals("bh")
                    ? new BarnesHutRepulsion(BarnesHutRepulsion.DEFAULT_THETA, pool)
                    : FftRepulsion.forPoints(pool, KERNELS.fft(), N);
            float[][] g = new float[2][N];
            new SparseTsneGradient(p, repulsion, KERNELS.gradient(), pool).gradient(y, alpha, g);
            double[][] want = exactGradient(p.block(0), y, alpha);
            double num = 0, den = 0;
            for (int a = 0; a < 2; a++) {
                for (int i = 0; i < N; i++) {
                    num += (g[a][i] - want[a][i]) * (g[a][i] - want[a][i]);
                    den += want[a][i] * want[a][i];
                }
            }
            double error = Math.sqrt(num / den);
            assertTrue(error < bound, method + " gradient's relative error " + error + ", bound " + bound);
        }
    }

    /** The t-SNE gradient with the stored affinities, in double over all pairs. */
    private static double[][] exactGradient(CsrMatrix p, float[][] y, double alpha) {
        double z = 0;
        double[][] rep = new double[2][N], att = new double[2][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (j != i) {
                    double dx = (double) y[0][i] - y[0][j], dy = (double) y[1][i] - y[1][j];
                    double w = 1 / (1 + dx * dx + dy * dy);
                    z += w;
                    rep[0][i] += w * w * dx;
                    rep[1][i] += w * w * dy;
                }
            }
            for (int k = p.rowStart()[i]; k < p.rowStart()[i + 1]; k++) {
                int j = p.cols()[k];
                double dx = (double) y[0][i] - y[0][j], dy = (double) y[1][i] - y[1][j];
                double pw = p.values()[k] / (1 + dx * dx + dy * dy);
                att[0][i] += pw * dx;
                att[1][i] += pw * dy;
            }
        }
        double[][] g = new double[2][N];
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < N; i++) {
                g[a][i] = 4 * (alpha * att[a][i] - rep[a][i] / z);
            }
        }
        return g;
    }

    /** 10 clusters of 10-d points (sd 1, centres sd 4); point i is in cluster i % 10. */
    private static Points clusteredInput() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] centres = new double[10][10];
        for (double[] c : centres) {
            for (int d = 0; d < 10; d++) {
                c[d] = 4 * r.nextGaussian();
            }
        }
        double[][] rows = new double[N][10];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < 10; d++) {
                rows[i][d] = centres[i % 10][d] + r.nextGaussian();
            }
        }
        return Points.of(rows);
    }

    /** The same 10 clusters in 2-D: centres spread × N(0, 1)/2, points sd spread/20 around them. */
    private static float[][] clusteredMap(double spread) {
        SplittableRandom r = new SplittableRandom(5);
        double[][] centres = new double[10][2];
        for (double[] c : centres) {
            c[0] = spread / 2 * r.nextGaussian();
            c[1] = spread / 2 * r.nextGaussian();
        }
        float[][] y = new float[2][N];
        for (int i = 0; i < N; i++) {
            y[0][i] = (float) (centres[i % 10][0] + spread / 20 * r.nextGaussian());
            y[1][i] = (float) (centres[i % 10][1] + spread / 20 * r.nextGaussian());
        }
        return y;
    }
}
