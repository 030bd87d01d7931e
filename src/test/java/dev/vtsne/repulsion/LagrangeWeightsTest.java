package dev.vtsne.repulsion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpolation weights of the FFT repulsion, above all the 3-node ones every default run
 * uses (written out by hand in {@link LagrangeWeights}): against the Lagrange basis polynomials
 * computed here from their definition, and the interpolated kernel against K itself within the
 * interpolation remainder bound, which a weight 1 % off breaks.
 */
class LagrangeWeightsTest {

    /** Node k of p sits at k + ½ in units of the node spacing. */
    private static double node(int k) {
        return k + 0.5;
    }

    /** L_k(t) = Π_{l≠k} (t − x_l) / (x_k − x_l), straight from the definition. */
    private static double basis(int p, int k, double t) {
        double v = 1;
        for (int l = 0; l < p; l++) {
            if (l != k) {
                v *= (t - node(l)) / (node(k) - node(l));
            }
        }
        return v;
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 2, 5, 8})
    void weightsAreTheLagrangeBasisPolynomials(int p) {
        LagrangeWeights weights = new LagrangeWeights(p);
        double[] w = new double[p + 2];
        for (int s = 0; s <= 600; s++) {
            double t = p * s / 600.0;
            weights.at(t, w, 1); // at an offset, as spreading writes a row's slots
            double sum = 0;
            for (int k = 0; k < p; k++) {
                double want = basis(p, k, t);
                assertEquals(want, w[1 + k], 1e-13 * Math.max(1, Math.abs(want)), "L_" + k + "(" + t + ")");
                sum += w[1 + k];
            }
            assertEquals(1, sum, 1e-12, "weights sum to 1 at t = " + t);
        }
    }

    /** The weights interpolate polynomials of degree < p exactly: with 3 nodes, 1, t and t². */
    @Test
    void threeNodesReproduceQuadraticsExactly() {
        LagrangeWeights weights = new LagrangeWeights(3);
        double[] w = new double[3];
        for (int s = 0; s <= 300; s++) {
            double t = s / 100.0;
            weights.at(t, w, 0);
            for (int degree = 0; degree <= 2; degree++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    v += w[k] * Math.pow(node(k), degree);
                }
                assertEquals(Math.pow(t, degree), v, 1e-13, "t^" + degree + " at " + t);
            }
        }
    }

    /**
     * K(d) = 1 / (1 + d²)², interpolated from the 3 nodes of an interval, against K at the point,
     * at the node spacings of the default grids (h = 1/3: FIt-SNE's 1 interval per unit; h = 1/6:
     * 2 per unit), for sources across the kernel's peak and tail. The error must stay within the
     * remainder bound of quadratic interpolation, |e(x)| ≤ max|K'''| / 6 · |Π_k (x − x_k)|
     * (max over the interval), which shrinks to 0 at the nodes and is small where K is flat: a
     * middle weight 1 % too large breaks it (measured: the worst ratio of error to bound is 0.963
     * at the correct weights; with the middle weight × 1.01 a point far out in K's tail is 9.6
     * times its bound).
     */
    @Test
    void interpolatedKernelStaysWithinTheRemainderBound() {
        LagrangeWeights weights = new LagrangeWeights(3);
        double[] w = new double[3];
        double worstRatio = 0;
        for (double h : new double[] {1.0 / 3, 1.0 / 6}) {
            for (int si = -40; si <= 40; si++) {
                double source = si * 0.0737; // not on the grid's lattice
                for (int interval = -15; interval < 15; interval++) {
                    double lo = interval * 3 * h;
                    double third = maxThirdDerivative(lo - source, lo + 3 * h - source);
                    for (int s = 0; s <= 60; s++) {
                        double t = s / 20.0, x = lo + t * h;
                        weights.at(t, w, 0);
                        double v = 0, omega = 1;
                        for (int k = 0; k < 3; k++) {
                            double xk = lo + node(k) * h;
                            v += w[k] * kernel(xk - source);
                            omega *= x - xk;
                        }
                        double error = Math.abs(v - kernel(x - source));
                        double bound = third / 6 * Math.abs(omega) * 1.02 + 1e-15;
                        worstRatio = Math.max(worstRatio, error / bound);
                        assertTrue(error <= bound, "h " + h + ", source " + source + ", x " + x + ": error " + error + " above the remainder bound " + bound);
                    }
                }
            }
        }
        assertTrue(worstRatio > 0.5, "the bound is tight (worst error / bound " + worstRatio + ")");
    }

    private static double kernel(double d) {
        double q = 1 + d * d;
        return 1 / (q * q);
    }

    /** K'''(d) = 72 d / (1 + d²)⁴ − 192 d³ / (1 + d²)⁵. */
    private static double thirdDerivative(double d) {
        double q = 1 + d * d;
        return 72 * d / Math.pow(q, 4) - 192 * d * d * d / Math.pow(q, 5);
    }

    /** max |K'''| over [a, b], sampled finely (K'''' is bounded, so 2,000 samples miss little; the caller adds 2 %). */
    private static double maxThirdDerivative(double a, double b) {
        double m = 0;
        for (int s = 0; s <= 2000; s++) {
            m = Math.max(m, Math.abs(thirdDerivative(a + (b - a) * s / 2000)));
        }
        return m;
    }

    @Test
    void thirdDerivativeIsK() {
        // the analytic K''' above against central differences of K, so the bound rests on the right function
        for (double d = -3; d <= 3; d += 0.173) {
            double e = 1e-3;
            double fd = (kernel(d + 2 * e) - 2 * kernel(d + e) + 2 * kernel(d - e) - kernel(d - 2 * e)) / (2 * e * e * e);
            assertEquals(fd, thirdDerivative(d), 1e-4 * Math.max(1, Math.abs(fd)), "K''' at " + d);
        }
    }
}
