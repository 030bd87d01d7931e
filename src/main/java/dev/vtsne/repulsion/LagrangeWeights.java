package dev.vtsne.repulsion;

/**
 * Lagrange interpolation weights for p equispaced nodes at offsets k + ½ (k = 0..p-1) inside an
 * interval of width p, in units of the node spacing: L_k(t) = Π_{l≠k} (t − l − ½) / (k − l).
 */
final class LagrangeWeights {

    private final int p;
    private final double[] inverseDenominator;

    LagrangeWeights(int p) {
        this.p = p;
        inverseDenominator = new double[p];
        for (int k = 0; k < p; k++) {
            double d = 1;
            for (int l = 0; l < p; l++) {
                if (l != k) {
                    d *= k - l;
                }
            }
            inverseDenominator[k] = 1 / d;
        }
    }

    /** Writes L_0(t)..L_{p-1}(t) to {@code out[from..from+p-1]}, t in [0, p]. */
    void at(double t, double[] out, int from) {
        if (p == 3) {
            // the default, unrolled: the same products in the same order as the loop below
            double a0 = (t - 0) - 0.5, a1 = (t - 1) - 0.5, a2 = (t - 2) - 0.5;
            out[from] = inverseDenominator[0] * a1 * a2;
            out[from + 1] = inverseDenominator[1] * a0 * a2;
            out[from + 2] = inverseDenominator[2] * a0 * a1;
            return;
        }
        for (int k = 0; k < p; k++) {
            double v = inverseDenominator[k];
            for (int l = 0; l < p; l++) {
                if (l != k) {
                    v *= t - l - 0.5;
                }
            }
            out[from + k] = v;
        }
    }
}
