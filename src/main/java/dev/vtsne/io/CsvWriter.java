package dev.vtsne.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an embedding as delimited text: a header {@code x,y[,z][,label]}, then one row per point.
 * Files are written atomically (see {@link AtomicFiles}).
 */
public final class CsvWriter {

    private static final String[] AXES = {"x", "y", "z"};

    private CsvWriter() {}

    /**
     * Writes {@code n x dims} row-major coordinates with optional labels; comma-separated, or
     * tab-separated when the name ends in .tsv (.gz: compressed).
     */
    public static void write(Path path, float[] rowMajor, int n, int dims, Labels labels) throws IOException {
        char delimiter;
        try {
            delimiter = FileFormat.of(path, "output").delimiter();
        } catch (InputFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (delimiter == 0) {
            throw new IllegalArgumentException(path + " is not a text file name");
        }
        AtomicFiles.write(path, out -> write(out, delimiter, rowMajor, n, dims, labels));
    }

    /** Writes delimited text to {@code out} (not closed). */
    public static void write(OutputStream out, char delimiter, float[] rowMajor, int n, int dims, Labels labels) throws IOException {
        if (dims < 1 || (long) n * dims != rowMajor.length) {
            throw new IllegalArgumentException("shape " + n + " x " + dims + " does not fit " + rowMajor.length + " values");
        }
        if (labels != null && labels.size() != n) {
            throw new IllegalArgumentException(labels.size() + " labels for " + n + " points");
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (int a = 0; a < dims; a++) {
            if (a > 0) {
                w.write(delimiter);
            }
            w.write(a < AXES.length ? AXES[a] : "y" + a);
        }
        if (labels != null) {
            w.write(delimiter);
            w.write("label");
        }
        w.write('\n');
        String[] names = labels == null ? null : labels.names().stream().map(s -> quote(s, delimiter)).toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                if (a > 0) {
                    w.write(delimiter);
                }
                w.write(Float.toString(rowMajor[i * dims + a]));
            }
            if (labels != null) {
                w.write(delimiter);
                w.write(names[labels.codes()[i]]);
            }
            w.write('\n');
        }
        w.flush();
    }

    static String quote(String s, char delimiter) {
        if (s.indexOf(delimiter) < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
