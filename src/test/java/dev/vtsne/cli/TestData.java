package dev.vtsne.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small clustered inputs for the command-line tests. */
final class TestData {

    private TestData() {}

    /** {@code n} points in 4 Gaussian clusters of {@code dim} features; cluster i is labelled "c" + i. */
    static float[] clusters(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = (float) ((k % 4 == c ? 8 : 0) + r.nextGaussian());
            }
        }
        return x;
    }

    static String label(int i) {
        return "c" + (i % 4);
    }

    /** A CSV with a header f0..f{dim-1},cls and the cluster names in column "cls". */
    static Path csv(Path dir, String name, int n, int dim) throws IOException {
        float[] x = clusters(n, dim, 7);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < dim; k++) {
            b.append('f').append(k).append(',');
        }
        b.append("cls\n");
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                b.append(String.format(Locale.ROOT, "%.5f", x[i * dim + k])).append(',');
            }
            b.append(label(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }
}
