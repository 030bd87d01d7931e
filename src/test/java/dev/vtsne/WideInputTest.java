package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Wide input (many more columns than points, as in gene expression): the PCA initialization
 * works on the n × n Gram matrix, so 60 points of 5,000 columns embed like any small input
 * (the d × d covariance it used to build took minutes here).
 */
class WideInputTest {

    @Test
    void sixtyPointsOfFiveThousandColumnsEmbedWithAFiniteMap() {
        int n = 60, d = 5000;
        SplittableRandom r = new SplittableRandom(11);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double cluster = i % 3; // three groups along the first columns, noise elsewhere
            for (int k = 0; k < d; k++) {
                v[i * d + k] = (float) ((k < 50 ? 4 * cluster : 0) + r.nextGaussian());
            }
        }
        Embedding e = TSne.fit(Points.ofRowMajor(v, n, d),
                TsneOptions.builder().perplexity(10).iterations(300).seed(3).threads(2).build(), null);
        float[][] y = e.coordinates();
        assertEquals(2, y.length);
        assertEquals(n, y[0].length);
        double spread = 0;
        for (float[] p : y) {
            for (float t : p) {
                assertTrue(Float.isFinite(t), "a coordinate is " + t);
                spread = Math.max(spread, Math.abs(t));
            }
        }
        assertTrue(spread > 0, "every point at the origin");
        assertTrue(Double.isFinite(e.lastKl()), "KL " + e.lastKl());
    }
}
