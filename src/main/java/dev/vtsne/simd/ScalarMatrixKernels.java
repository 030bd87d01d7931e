package dev.vtsne.simd;

/** The reference {@link MatrixKernels}: plain loops, every sum in double. */
public final class ScalarMatrixKernels implements MatrixKernels {

    public static final ScalarMatrixKernels INSTANCE = new ScalarMatrixKernels();

    private ScalarMatrixKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public void centeredTimes(float[] x, int d, float[] mean, float[] w, int width, int rowFrom, int rowTo, float[] out) {
        MatrixKernels.checkShapes(x, d, mean, w, width, rowFrom, rowTo);
        double[] acc = new double[width];
        for (int i = rowFrom; i < rowTo; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < d; k++) {
                double xc = (double) x[i * d + k] - mean[k];
                int wk = k * width;
                for (int c = 0; c < width; c++) {
                    acc[c] += xc * w[wk + c];
                }
            }
            for (int c = 0; c < width; c++) {
                out[i * width + c] = (float) acc[c];
            }
        }
    }

    @Override
    public void centeredTransposeTimes(float[] x, int d, float[] mean, float[] q, int width, int rowFrom, int rowTo, double[] out) {
        MatrixKernels.checkShapes(x, d, mean, q, width, rowFrom, rowTo);
        for (int i = rowFrom; i < rowTo; i++) {
            int qi = i * width;
            for (int k = 0; k < d; k++) {
                double xc = (double) x[i * d + k] - mean[k];
                int ok = k * width;
                for (int c = 0; c < width; c++) {
                    out[ok + c] += xc * q[qi + c];
                }
            }
        }
    }
}
