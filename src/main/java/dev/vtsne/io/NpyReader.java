package dev.vtsne.io;

import dev.vtsne.Points;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), little-endian, in C or
 * Fortran order: 2-D float16/32/64, signed or unsigned 8- to 64-bit integer or boolean arrays as
 * points, 1-D (or n x 1) integer, integral-float, boolean or string arrays as labels. Everything
 * else (big-endian, complex, object, structured dtypes) is refused with a message that says how to
 * save a readable file.
 */
public final class NpyReader {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    /** The widest string dtype read as labels ('<U65536'): wider is a damaged header, not a label. */
    private static final int MAX_STRING_WIDTH = 1 << 16;
    /**
     * Arrays start at most this long and grow as data arrives, so a header that claims more data
     * than the file holds ends in "truncated", not in an out-of-memory error.
     */
    private static final int INITIAL_CAPACITY = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\[))");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** A parsed header. */
    record Header(int major, int minor, String descr, boolean fortranOrder, long[] shape) {

        char byteOrder() {
            return descr.charAt(0);
        }

        char kind() {
            return descr.charAt(1);
        }

        int itemSize() {
            return Integer.parseInt(descr.substring(2));
        }

        long count() {
            long c = 1;
            for (long s : shape) {
                c = Math.multiplyExact(c, s);
            }
            return c;
        }

        String shapeText() {
            return NpyReader.shapeText(shape);
        }
    }

    /** Reads a 2-D float, integer or boolean array (C or Fortran order) as points. */
    public static Points readPoints(Path path) throws InputFormatException {
        try (InputStream in = Inputs.open(path, "input")) {
            return readPoints(in, path.toString(), FileFormat.isGzip(path) ? -1 : Files.size(path));
        } catch (IOException e) {
            throw Inputs.readError(path.toString(), e);
        }
    }

    /** Reads a 2-D float, integer or boolean array as points; {@code source} names the file in messages. */
    public static Points readPoints(InputStream in, String source) throws InputFormatException {
        return readPoints(in, source, -1);
    }

    /**
     * As above; {@code fileBytes} is the size of the (uncompressed) file, or -1 when unknown.
     * When the file is large enough for the values its header announces, their array is
     * allocated once; otherwise it grows as values arrive (a header may claim more values than
     * the file holds), which needs up to twice the input's size while the last copy is made.
     */
    static Points readPoints(InputStream in, String source, long fileBytes) throws InputFormatException {
        try {
            Header h = readHeader(in, source);
            if (h.shape().length != 2) {
                throw new InputFormatException(source + " holds an array of shape " + h.shapeText()
                        + " but points need a 2-D array (points x features); save arr.reshape(len(arr), -1)");
            }
            char kind = h.kind();
            if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') {
                throw new InputFormatException(source + " has dtype '" + h.descr()
                        + "' but points need numbers; save arr.astype(np.float32)");
            }
            long n = h.shape()[0], dim = h.shape()[1];
            if (n == 0 || dim == 0) {
                throw new InputFormatException(source + " holds an empty array of shape " + h.shapeText()
                        + "; it needs at least one row and one column");
            }
            if (h.count() > Integer.MAX_VALUE - 8) {
                throw new InputFormatException(source + " has " + h.count()
                        + " values, more than one Java array holds; embed fewer points or features");
            }
            int count = (int) h.count();
            boolean fortran = h.fortranOrder();
            // grown as values arrive: a header may claim more values than the file holds
            boolean held = fileBytes >= (long) count * h.itemSize();
            float[][] holder = {new float[held ? count : Math.min(count, INITIAL_CAPACITY)]};
            readData(in, h, source, (k, v) -> {
                // C order stores row after row; Fortran order stores column after column
                long row = fortran ? k % n : k / dim, col = fortran ? k / n : k % dim;
                float f = (float) v;
                if (!Float.isFinite(f)) {
                    String what = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? String.valueOf(v)
                            : v + " (outside the float range)";
                    throw new InputFormatException(source + ": value at row " + (row + 1) + ", column "
                            + (col + 1) + " is " + what + "; remove or impute non-finite values first");
                }
                if (k == holder[0].length) {
                    holder[0] = java.util.Arrays.copyOf(holder[0], (int) Math.min(count, 2L * k));
                }
                holder[0][(int) k] = f; // in file order; Fortran order is transposed below
            });
            float[] values = holder[0];
            if (fortran) {
                // column after column in the file: value k is row k % n of column k / n
                float[] rowMajor = new float[count];
                for (int k = 0; k < count; k++) {
                    rowMajor[(int) ((k % n) * dim + k / n)] = values[k];
                }
                values = rowMajor;
            }
            return Points.ofRowMajor(values, (int) n, (int) dim);
        } catch (IOException e) {
            throw Inputs.readError(source, e);
        }
    }

    /** An array read whole as doubles: its shape and its values in C order. */
    public record Doubles(long[] shape, double[] values) {}

    /** A shape as numpy prints it: "(3, 4)", "(5,)". */
    public static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Reads a float or integer array of any shape as doubles in C order (float64 values exactly).
     * Values are not checked: NaN and infinity come back as they are. {@code source} names the
     * stream in messages.
     */
    public static Doubles readDoubles(InputStream in, String source) throws InputFormatException {
        try {
            Header h = readHeader(in, source);
            char kind = h.kind();
            if (kind != 'f' && kind != 'i' && kind != 'u') {
                throw new InputFormatException(source + " has dtype '" + h.descr() + "' but numbers are needed; save arr.astype(np.float64)");
            }
            if (h.count() > Integer.MAX_VALUE - 8) {
                throw new InputFormatException(source + " has " + h.count() + " values, more than one Java array holds");
            }
            int count = (int) h.count();
            long[] shape = h.shape();
            double[][] holder = {new double[Math.min(count, INITIAL_CAPACITY)]};
            readData(in, h, source, (k, v) -> {
                if (k == holder[0].length) {
                    holder[0] = java.util.Arrays.copyOf(holder[0], (int) Math.min(count, 2L * k));
                }
                holder[0][(int) k] = v;
            });
            double[] values = holder[0];
            if (h.fortranOrder() && shape.length == 2) {
                long rows = shape[0], cols = shape[1];
                double[] c = new double[count];
                for (int k = 0; k < count; k++) {
                    c[(int) ((k % rows) * cols + k / rows)] = values[k];
                }
                values = c;
            }
            return new Doubles(shape.clone(), values);
        } catch (IOException e) {
            throw Inputs.readError(source, e);
        }
    }

    /** Reads a 1-D (or n x 1) integer, integral-float, boolean or string array as labels. */
    public static Labels readLabels(Path path) throws InputFormatException {
        try (InputStream in = Inputs.open(path, "label")) {
            return readLabels(in, path.toString());
        } catch (IOException e) {
            throw Inputs.readError(path.toString(), e);
        }
    }

    /** Reads labels; {@code source} names the file in messages. */
    public static Labels readLabels(InputStream in, String source) throws InputFormatException {
        try {
            Header h = readHeader(in, source);
            long[] shape = h.shape();
            if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
                throw new InputFormatException(source + " holds an array of shape " + h.shapeText()
                        + " but labels need a 1-D array with one label per point; save labels.ravel()");
            }
            if (shape[0] == 0) {
                throw new InputFormatException(source + " holds no labels (shape " + h.shapeText() + ")");
            }
            if (h.count() > Integer.MAX_VALUE - 8) {
                throw new InputFormatException(source + " has too many labels (" + h.count() + ")");
            }
            int n = (int) h.count();
            char kind = h.kind();
            if (kind == 'U' || kind == 'S') {
                return Labels.fromStrings(readStrings(in, h, n, source));
            }
            if (kind != 'i' && kind != 'u' && kind != 'b' && kind != 'f') {
                throw new InputFormatException(source + " has dtype '" + h.descr()
                        + "' which cannot hold labels; save labels.astype(np.int32)");
            }
            long[][] holder = {new long[Math.min(n, INITIAL_CAPACITY)]};
            readData(in, h, source, (k, v) -> {
                if (v != Math.rint(v) || Math.abs(v) > 1L << 53) {
                    throw new InputFormatException(source + ": label " + (k + 1) + " is " + v
                            + ", not an integer; save integer class labels, e.g. labels.astype(np.int32)");
                }
                if (k == holder[0].length) {
                    holder[0] = java.util.Arrays.copyOf(holder[0], (int) Math.min(n, 2L * k));
                }
                holder[0][(int) k] = (long) v;
            });
            return Labels.fromLongs(holder[0]);
        } catch (IOException e) {
            throw Inputs.readError(source, e);
        }
    }

    /** Parses the magic, version and header dictionary, and checks what this reader supports. */
    static Header readHeader(InputStream in, String source) throws IOException, InputFormatException {
        byte[] pre = new byte[8];
        int got = in.readNBytes(pre, 0, 8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (got <= i || pre[i] != MAGIC[i]) {
                throw new InputFormatException(source + " is not a .npy file (it does not start with \\x93NUMPY); "
                        + "save it with numpy.save, or use a .csv name if it is text");
            }
        }
        if (got < 8) {
            throw truncated(source, "the header");
        }
        int major = pre[6] & 0xff, minor = pre[7] & 0xff;
        if (major < 1 || major > 3) {
            throw new InputFormatException(source + " has .npy format version " + major + "." + minor
                    + ", which vtsne does not know (it reads 1.0, 2.0 and 3.0); re-save it with numpy.save");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = in.readNBytes(lenBytes);
        if (lb.length < lenBytes) {
            throw truncated(source, "the header");
        }
        long len = lenBytes == 2
                ? ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff
                : ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (len > MAX_HEADER) {
            throw new InputFormatException(source + " claims a " + len + "-byte header; the file is damaged, re-save it");
        }
        byte[] hb = in.readNBytes((int) len);
        if (hb.length < len) {
            throw truncated(source, "the header");
        }
        String dict = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();

        Matcher d = DESCR.matcher(dict);
        if (!d.find()) {
            throw badHeader(source, "it has no 'descr'");
        }
        if (d.group(3) != null) {
            throw new InputFormatException(source + " holds a structured array (record dtype); "
                    + "save a plain numeric array, e.g. np.column_stack of its fields as float32");
        }
        String descr = d.group(1) != null ? d.group(1) : d.group(2);
        Matcher f = FORTRAN.matcher(dict);
        if (!f.find()) {
            throw badHeader(source, "it has no 'fortran_order'");
        }
        boolean fortran = f.group(1).equals("True");
        Matcher s = SHAPE.matcher(dict);
        if (!s.find()) {
            throw badHeader(source, "it has no 'shape'");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw badHeader(source, "its shape (" + s.group(1) + ") is not a tuple of sizes");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();

        if (descr.equals("|O") || descr.equals("O") || descr.endsWith("O")) {
            throw new InputFormatException(source + " holds Python objects (dtype object), which are pickled, not numbers; "
                    + "save a numeric array, e.g. np.asarray(data, dtype=np.float32)");
        }
        if (!descr.matches("[<>|=][fiubUS]\\d{1,9}")) { // 9 digits: the width always fits an int
            throw new InputFormatException(source + " has dtype '" + descr + "', which vtsne does not read; "
                    + "save float32/float64 data (or integer labels), e.g. arr.astype(np.float32)");
        }
        Header h = new Header(major, minor, descr, fortran, shape);
        int size = h.itemSize();
        boolean oneByte = size == 1 || h.kind() == 'S';
        if (h.byteOrder() == '>' && !oneByte) {
            throw new InputFormatException(source + " is big-endian (dtype '" + descr + "'); vtsne reads little-endian; "
                    + "save arr.astype(arr.dtype.newbyteorder('<'))");
        }
        boolean okSize = switch (h.kind()) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> size >= 1;
        };
        if (!okSize || ((h.kind() == 'U' || h.kind() == 'S') && size > MAX_STRING_WIDTH)) {
            throw new InputFormatException(source + " has dtype '" + descr + "', which vtsne does not read; "
                    + "save float32 or float64 data, e.g. arr.astype(np.float32)");
        }
        if (fortran && shape.length > 2 && countAbove1(shape) > 1) {
            throw new InputFormatException(source + " holds a " + shape.length + "-D array in Fortran order; "
                    + "vtsne reads 1-D and 2-D arrays; save a 2-D array, e.g. arr.reshape(len(arr), -1)");
        }
        try {
            h.count();
        } catch (ArithmeticException e) {
            throw badHeader(source, "its shape " + h.shapeText() + " is too large");
        }
        return h;
    }

    private static int countAbove1(long[] shape) {
        int c = 0;
        for (long s : shape) {
            if (s > 1) {
                c++;
            }
        }
        return c;
    }

    @FunctionalInterface
    private interface Sink {
        void accept(long index, double value) throws InputFormatException;
    }

    /** Streams the data section element by element and checks that it holds exactly the shape's values. */
    private static void readData(InputStream in, Header h, String source, Sink sink) throws IOException, InputFormatException {
        int size = h.itemSize();
        char kind = h.kind();
        long count = h.count();
        long bytes = count * size;
        byte[] chunk = new byte[Math.max(size, (1 << 20) / size * size)];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        long index = 0, done = 0;
        while (done < bytes) {
            int want = (int) Math.min(chunk.length, bytes - done);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new InputFormatException(String.format(Locale.ROOT,
                        "%s is truncated: shape %s of '%s' needs %d bytes of data but the file has %d; re-create the file",
                        source, h.shapeText(), h.descr(), bytes, done + got));
            }
            for (int p = 0; p < want; p += size, index++) {
                double v = switch (kind) {
                    case 'f' -> switch (size) {
                        case 2 -> Float.float16ToFloat(buf.getShort(p));
                        case 4 -> buf.getFloat(p);
                        default -> buf.getDouble(p);
                    };
                    case 'i' -> switch (size) {
                        case 1 -> buf.get(p);
                        case 2 -> buf.getShort(p);
                        case 4 -> buf.getInt(p);
                        default -> buf.getLong(p);
                    };
                    case 'u' -> switch (size) {
                        case 1 -> buf.get(p) & 0xff;
                        case 2 -> buf.getShort(p) & 0xffff;
                        case 4 -> buf.getInt(p) & 0xffffffffL;
                        default -> unsigned64(buf.getLong(p));
                    };
                    default -> buf.get(p) != 0 ? 1 : 0; // 'b'
                };
                sink.accept(index, v);
            }
            done += want;
        }
        checkEnd(in, h, source, bytes);
    }

    private static double unsigned64(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static List<String> readStrings(InputStream in, Header h, int n, String source) throws IOException, InputFormatException {
        int chars = h.itemSize();
        boolean unicode = h.kind() == 'U';
        int size = unicode ? Math.multiplyExact(chars, 4) : chars;
        long bytes = (long) n * size;
        List<String> out = new ArrayList<>(Math.min(n, INITIAL_CAPACITY));
        byte[] item = new byte[size];
        for (int i = 0; i < n; i++) {
            int got = in.readNBytes(item, 0, size);
            if (got < size) {
                throw new InputFormatException(String.format(Locale.ROOT,
                        "%s is truncated: shape %s of '%s' needs %d bytes of data but the file has %d; re-create the file",
                        source, h.shapeText(), h.descr(), bytes, (long) i * size + got));
            }
            String s;
            if (unicode) {
                StringBuilder b = new StringBuilder();
                ByteBuffer bb = ByteBuffer.wrap(item).order(h.byteOrder() == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < chars; c++) {
                    int cp = bb.getInt(c * 4);
                    if (cp == 0) {
                        break;
                    }
                    if (!Character.isValidCodePoint(cp)) {
                        throw new InputFormatException(String.format(Locale.ROOT,
                                "%s: label %d holds 0x%x, which is not a Unicode character; the file is damaged, re-create it",
                                source, i + 1, cp));
                    }
                    b.appendCodePoint(cp);
                }
                s = b.toString();
            } else {
                int end = 0;
                while (end < size && item[end] != 0) {
                    end++;
                }
                s = new String(item, 0, end, StandardCharsets.UTF_8);
            }
            out.add(s);
        }
        checkEnd(in, h, source, bytes);
        return out;
    }

    private static void checkEnd(InputStream in, Header h, String source, long bytes) throws IOException, InputFormatException {
        byte[] extra = in.readNBytes(1 << 16);
        if (extra.length > 0) {
            long more = extra.length;
            while (true) {
                long skipped = in.readNBytes(1 << 16).length;
                if (skipped == 0) {
                    break;
                }
                more += skipped;
            }
            throw new InputFormatException(String.format(Locale.ROOT,
                    "%s has %d bytes after the data that shape %s of '%s' describes (%d bytes); the header does not match the data, re-create the file",
                    source, more, h.shapeText(), h.descr(), bytes));
        }
    }

    private static InputFormatException truncated(String source, String what) {
        return new InputFormatException(source + " is truncated: it ends inside " + what + "; re-create the file");
    }

    private static InputFormatException badHeader(String source, String problem) {
        return new InputFormatException(source + " has a damaged .npy header: " + problem + "; re-save it with numpy.save");
    }
}
