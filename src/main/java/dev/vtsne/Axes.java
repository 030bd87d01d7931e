package dev.vtsne;

/** Copies of SoA coordinates (one array per axis), shared by the result types that hand them out. */
final class Axes {

    private Axes() {}

    /** A deep copy, one array per axis. */
    static float[][] copy(float[][] y) {
        float[][] copy = new float[y.length][];
        for (int a = 0; a < y.length; a++) {
            copy[a] = y[a].clone();
        }
        return copy;
    }

    /** The coordinates as row-major n × axes (what files and plots want). */
    static float[] rowMajor(float[][] y) {
        int n = y[0].length, dims = y.length;
        float[] out = new float[n * dims];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = y[a][i];
            }
        }
        return out;
    }
}
