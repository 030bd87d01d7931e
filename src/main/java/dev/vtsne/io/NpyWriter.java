package dev.vtsne.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes NumPy {@code .npy} files: format 1.0, little-endian, C order. */
public final class NpyWriter {

    private NpyWriter() {}

    /** Writes {@code rows x cols} row-major floats as a float32 2-D array, atomically. */
    public static void writeFloats(Path path, float[] rowMajor, int rows, int cols) throws IOException {
        checkShape(rowMajor.length, rows, cols);
        AtomicFiles.write(path, out -> writeFloats(out, rowMajor, rows, cols));
    }

    /** Writes {@code rows x cols} row-major floats as a float32 2-D .npy stream. */
    public static void writeFloats(OutputStream out, float[] rowMajor, int rows, int cols) throws IOException {
        checkShape(rowMajor.length, rows, cols);
        out.write(header("<f4", "(" + rows + ", " + cols + ")"));
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / 4;
        for (int start = 0; start < rowMajor.length; start += perChunk) {
            int m = Math.min(perChunk, rowMajor.length - start);
            buf.clear();
            buf.asFloatBuffer().put(rowMajor, start, m);
            out.write(chunk, 0, m * 4);
        }
    }

    /** Writes labels as a 1-D int32 array, atomically. */
    public static void writeInts(Path path, int[] values) throws IOException {
        AtomicFiles.write(path, out -> writeInts(out, values));
    }

    /** Writes a 1-D int32 .npy stream. */
    public static void writeInts(OutputStream out, int[] values) throws IOException {
        out.write(header("<i4", "(" + values.length + ",)"));
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        out.write(buf.array());
    }

    /**
     * Writes {@code values} as a float64 array of {@code shape} (1-D or more, C order) to a .npy
     * stream: what keeps a double, such as a PCA's components, exact.
     */
    public static void writeDoubles(OutputStream out, double[] values, int... shape) throws IOException {
        long count = 1;
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape sizes must be >= 0, got " + shape[i]);
            }
            count *= shape[i];
            text.append(i > 0 ? ", " : "").append(shape[i]);
        }
        if (shape.length == 0 || count != values.length) {
            throw new IllegalArgumentException("shape " + text + ") does not fit " + values.length + " values");
        }
        out.write(header("<f8", text.append(shape.length == 1 ? ",)" : ")").toString()));
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        out.write(buf.array());
    }

    /** The magic, version 1.0 and the header dictionary, padded with spaces to a multiple of 64 bytes. */
    static byte[] header(String descr, String shape) {
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape);
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String text = dict + " ".repeat(total - unpadded) + "\n";
        byte[] h = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    private static void checkShape(int length, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("shape " + rows + " x " + cols + " does not fit " + length + " values");
        }
    }
}
