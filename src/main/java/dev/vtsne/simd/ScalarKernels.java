package dev.vtsne.simd;

/**
 * The scalar twins: plain loops in double arithmetic. They define what every vector kernel must
 * compute and are the fallback when the Vector API module is absent. Kept obviously right rather
 * than fast.
 */
public final class ScalarKernels implements DistanceKernels, CalibrationKernels, GradientKernels, StepKernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public void squaredDistances(float[] points, int dim, int i, int from, int to, float[] out) {
        int bi = i * dim;
        for (int j = from; j < to; j++) {
            int bj = j * dim;
            double s = 0;
            for (int k = 0; k < dim; k++) {
                double t = (double) points[bi + k] - points[bj + k];
                s += t * t;
            }
            out[j] = (float) s;
        }
    }

    @Override
    public void squaredDistancesToRows(float[] points, int dim, int i, int[] js, int jsFrom, int count, float[] out) {
        int bi = i * dim;
        for (int c = 0; c < count; c++) {
            int bj = js[jsFrom + c] * dim;
            double s = 0;
            for (int k = 0; k < dim; k++) {
                double t = (double) points[bi + k] - points[bj + k];
                s += t * t;
            }
            out[c] = (float) s;
        }
    }

    @Override
    public void squaredDistanceTile(float[] points, int dim, int qFrom, int qTo, float[] refT, int refCount, float[] out) {
        for (int q = qFrom; q < qTo; q++) {
            int bq = q * dim, o = (q - qFrom) * refCount;
            for (int r = 0; r < refCount; r++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double t = (double) points[bq + k] - refT[k * refCount + r];
                    s += t * t;
                }
                out[o + r] = (float) s;
            }
        }
    }

    @Override
    public int firstBelow(float[] a, int from, int to, float threshold) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        for (int i = from; i < to; i++) {
            if (a[i] < threshold) {
                return i;
            }
        }
        return to;
    }

    @Override
    public int firstAtMost(float[] a, int from, int to, float limit, float[] limits, int limitsFrom) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        java.util.Objects.checkFromIndexSize(limitsFrom, to - from, limits.length);
        for (int i = from; i < to; i++) {
            if (a[i] <= Math.max(limit, limits[limitsFrom + i - from])) {
                return i;
            }
        }
        return to;
    }

    @Override
    public void gainsStep(float[] y, float[] update, float[] gains, float[] grad, int n, float momentum, float eta, float minGain) {
        gainsStep(y, update, gains, grad, 0, n, momentum, eta, minGain);
    }

    /** {@link #gainsStep} over points {@code from..to-1}: the vector kernel's tail. */
    public static void gainsStep(float[] y, float[] update, float[] gains, float[] grad, int from, int to, float momentum, float eta, float minGain) {
        for (int i = from; i < to; i++) {
            float d = grad[i], u0 = update[i];
            float g = GainRule.next(gains[i], d, u0, minGain);
            gains[i] = g;
            float u = momentum * u0 - eta * g * d;
            update[i] = u;
            y[i] += u;
        }
    }

    @Override
    public void gaussianSums(float[] d, int m, double beta, float dMin, float[] eOut, double[] sums) {
        double sum = 0, weighted = 0;
        for (int j = 0; j < m; j++) {
            double shifted = (double) d[j] - dMin;
            double e = Math.exp(-beta * shifted);
            if (eOut != null) {
                eOut[j] = (float) e;
            }
            sum += e;
            weighted += e * shifted;
        }
        sums[0] = sum;
        sums[1] = weighted;
    }

    @Override
    public void tsneRepulsionRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            int o = i * (dims + 1);
            double z = 0;
            for (int a = 0; a <= dims; a++) {
                out[o + a] = 0;
            }
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double w = 1.0 / (1.0 + squaredDistance(axes, i, j));
                for (int a = 0; a < dims; a++) {
                    out[o + a] += w * w * ((double) axes[a][i] - axes[a][j]);
                }
                z += w;
            }
            out[o + dims] = z;
        }
    }

    @Override
    public void tsneAttractionRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = 0;
            }
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int j = cols[k];
                double pw = vals[k] / (1.0 + squaredDistance(axes, i, j));
                for (int a = 0; a < dims; a++) {
                    out[i * dims + a] += pw * ((double) axes[a][i] - axes[a][j]);
                }
            }
        }
    }

    @Override
    public void tsneLogKernelRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += vals[k] * Math.log1p(squaredDistance(axes, i, cols[k]));
            }
            out[i] = s;
        }
    }

    @Override
    public void sneLogNormalizerRows(float[][] axes, int n, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    min = Math.min(min, squaredDistance(axes, i, j));
                }
            }
            double z = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    z += Math.exp(min - squaredDistance(axes, i, j));
                }
            }
            out[i] = Math.log(z) - min;
        }
    }

    @Override
    public void sneRepulsionRows(float[][] axes, float[] logZ, int n, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = 0;
            }
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d2 = squaredDistance(axes, i, j);
                double q = Math.exp(-d2 - logZ[i]) + Math.exp(-d2 - logZ[j]);
                for (int a = 0; a < dims; a++) {
                    out[i * dims + a] += q * ((double) axes[a][i] - axes[a][j]);
                }
            }
        }
    }

    @Override
    public void weightedDifferenceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        int dims = axes.length;
        for (int i = iFrom; i < iTo; i++) {
            for (int a = 0; a < dims; a++) {
                double s = 0;
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    s += vals[k] * ((double) axes[a][i] - axes[a][cols[k]]);
                }
                out[i * dims + a] = s;
            }
        }
    }

    @Override
    public void weightedSquaredDistanceRows(float[][] axes, int[] rowStart, int[] cols, float[] vals, int iFrom, int iTo, double[] out) {
        for (int i = iFrom; i < iTo; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += vals[k] * squaredDistance(axes, i, cols[k]);
            }
            out[i] = s;
        }
    }

    private static double squaredDistance(float[][] axes, int i, int j) {
        double d2 = 0;
        for (float[] axis : axes) {
            double t = (double) axis[i] - axis[j];
            d2 += t * t;
        }
        return d2;
    }
}
