package dev.vtsne.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing the readers: random bytes, truncated valid files and valid files with bytes flipped
 * either read (when the bytes happen to form a valid file) or fail with an
 * {@link InputFormatException} that says what is wrong. Never another exception, never an
 * out-of-memory from a size field that lies. Random inputs come from {@link Fuzz} (case k is
 * replayed by its number); truncations are exhaustive, every prefix of every fixture.
 */
class ReaderFuzzTest {

    /** What a read may do: succeed or refuse cleanly with a message. */
    @FunctionalInterface
    interface Read {
        void run(InputStream in) throws InputFormatException;
    }

    private static void readsOrRefuses(byte[] bytes, Read read) {
        try {
            read.run(new ByteArrayInputStream(bytes));
        } catch (InputFormatException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an InputFormatException without a message", e);
            }
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reading " + bytes.length + " bytes " + preview(bytes)
                    + " threw " + e + " instead of an InputFormatException", e);
        }
    }

    private static String preview(byte[] b) {
        return Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 96)));
    }

    private static final Read NPY_POINTS = in -> NpyReader.readPoints(in, "fuzz.npy");
    private static final Read NPY_LABELS = in -> NpyReader.readLabels(in, "fuzz.npy");
    private static final Read CSV = in -> CsvReader.read(in, "fuzz.csv", ',', null);
    private static final Read CSV_LABEL_LAST = in -> CsvReader.read(in, "fuzz.csv", ',', LabelColumn.byIndex(-1));

    static IntStream thirty() {
        return Fuzz.cases(30);
    }

    static IntStream hundredFifty() {
        return Fuzz.cases(150);
    }

    static IntStream twoHundred() {
        return Fuzz.cases(200);
    }

    // ------------------------------------------------------------------ .npy

    static final int NPY_VARIANTS = 6;

    static byte[] validNpy(int variant) {
        return switch (Math.floorMod(variant, NPY_VARIANTS)) {
            case 0 -> NpyFixtures.npy(1, NpyFixtures.dict("<f4", false, "(3, 2)"), NpyFixtures.f4(1, 2, 3, 4, 5, 6));
            case 1 -> NpyFixtures.npy(1, NpyFixtures.dict("<f8", false, "(2, 3)"), NpyFixtures.f8(1, 2, 3, 4, 5, 6));
            case 2 -> NpyFixtures.npy(2, NpyFixtures.dict("<i4", false, "(2, 2)"), NpyFixtures.i4(1, 2, 3, 4));
            case 3 -> NpyFixtures.npy(1, NpyFixtures.dict("<i8", false, "(4,)"), NpyFixtures.i8(1, 2, 3, 4));
            case 4 -> NpyFixtures.npy(3, NpyFixtures.dict("|u1", false, "(2, 2)"), NpyFixtures.u1(1, 2, 3, 4));
            default -> {
                try {
                    yield NpyFixtures.npy(1, NpyFixtures.dict("<U3", false, "(2,)"), NpyFixtures.utf32(3, "ab", "cde"));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    static IntStream npyVariants() {
        return IntStream.range(0, NPY_VARIANTS);
    }

    // the cases fuzzing found, pinned

    /** A dtype width beyond int used to throw NumberFormatException. */
    @Test
    void hugeDtypeWidthIsRefused() {
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict("<U99999999999", false, "(2,)"), new byte[0]);
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy"));
        assertTrue(e.getMessage().contains("<U99999999999"), e.getMessage());
    }

    /** A UTF-32 value above U+10FFFF used to throw IllegalArgumentException from appendCodePoint. */
    @Test
    void invalidCodePointInLabelsIsRefused() {
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict("<U1", false, "(1,)"), NpyFixtures.i4(0x110061));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy"));
        assertTrue(e.getMessage().contains("not a Unicode character"), e.getMessage());
    }

    /**
     * A header claiming 2 billion values over 8 bytes of data: refused as truncated without
     * allocating the claimed 8 GB first (the readers grow their arrays as data arrives). The
     * bytes this thread allocates while reading are counted: a few MB at most, not gigabytes.
     */
    @Test
    void headerClaimingBillionsOfValuesIsTruncatedNotOutOfMemory() {
        byte[] points = NpyFixtures.npy(1, NpyFixtures.dict("<f4", false, "(1000000, 2000)"), NpyFixtures.f4(1, 2));
        byte[] labels = NpyFixtures.npy(1, NpyFixtures.dict("<i8", false, "(2000000000,)"), NpyFixtures.i8(1));
        byte[] strings = NpyFixtures.npy(1, NpyFixtures.dict("<U60000", false, "(30000,)"), new byte[8]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (byte[] b : new byte[][] {points, labels, strings}) {
            long before = threads.getCurrentThreadAllocatedBytes();
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> {
                        if (b == points) {
                            NpyReader.readPoints(new ByteArrayInputStream(b), "x.npy");
                        } else {
                            NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy");
                        }
                    });
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(allocated < 64L << 20, "reading a truncated file allocated " + allocated + " bytes");
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void randomBytesAsNpy(int k) {
        byte[] bytes = Fuzz.of(k).bytes(0, 300);
        readsOrRefuses(bytes, NPY_POINTS);
        readsOrRefuses(bytes, NPY_LABELS);
    }

    /** Random bytes behind a valid magic and version, so the header parser itself is fuzzed. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void randomHeadersAfterTheMagic(int k) {
        Fuzz f = Fuzz.of(k);
        int major = f.between(1, 3);
        byte[] rest = f.bytes(0, 200);
        byte[] b = new byte[8 + rest.length];
        System.arraycopy(NpyReader.MAGIC, 0, b, 0, 6);
        b[6] = (byte) major;
        System.arraycopy(rest, 0, b, 8, rest.length);
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    /** Random header dictionaries in a well-formed frame (shapes and dtypes that lie or overflow). */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void randomDictionaries(int k) {
        Fuzz f = Fuzz.of(k);
        String descr = dtype(f);
        String shape = shape(f);
        boolean fortran = f.bool();
        byte[] data = f.bytes(0, 64);
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict(descr, fortran, shape), data);
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    /** A dtype the reader knows, one it refuses, a malformed one, or any short string. */
    private static String dtype(Fuzz f) {
        return f.bool()
                ? f.oneOf("<f4", "<f8", ">f4", "<f2", "<i1", "<i2", "<i4", "<i8", "<u8", "|u1", "|b1", "<U0", "<U5",
                        "|S3", "|S0", "<c8", "|O", "<M8", "f4", "<f16", "<U99999999999", "<i0", "<f-4", "")
                : f.anyString(6);
    }

    /** A tuple of up to 3 dimensions (that overflow, are negative or not numbers), or any short string. */
    private static String shape(Fuzz f) {
        if (!f.bool()) {
            return f.anyString(10);
        }
        List<String> dims = new ArrayList<>();
        for (int d = f.length(0, 3); d > 0; d--) {
            dims.add(f.bool()
                    ? f.oneOf("0", "1", "2", "3", "-1", "9223372036854775807", "4294967296", "2147483647", "99999999999999999999", "x", "")
                    : String.valueOf(f.between(0L, 1L << 40)));
        }
        return "(" + String.join(", ", dims) + (dims.size() == 1 ? ",)" : ")");
    }

    /** Every prefix of the file, from empty to one byte short. */
    @ParameterizedTest(name = "variant {0}")
    @MethodSource("npyVariants")
    void truncatedNpy(int variant) {
        byte[] full = validNpy(variant);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] b = Arrays.copyOf(full, cut);
            readsOrRefuses(b, NPY_POINTS);
            readsOrRefuses(b, NPY_LABELS);
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("twoHundred")
    void flippedBytesInNpy(int k) {
        Fuzz f = Fuzz.of(k);
        byte[] b = validNpy(f.between(0, NPY_VARIANTS - 1));
        for (int flips = f.length(1, 4); flips > 0; flips--) {
            b[Math.floorMod(f.anyInt(), b.length)] = f.anyByte();
        }
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    /** The same through the file-path entry points, gzip included. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("thirty")
    void truncatedAndFlippedFilesOnDisk(int k) throws IOException {
        Fuzz f = Fuzz.of(k);
        int variant = f.between(0, NPY_VARIANTS - 1), cut = f.between(0, 1000);
        byte flip = f.anyByte();
        Path dir = Files.createTempDirectory("vtsne-fuzz");
        try {
            byte[] full = validNpy(variant);
            byte[] b = Arrays.copyOf(full, Math.floorMod(cut, full.length + 1));
            if (b.length > 0) {
                b[Math.floorMod(cut * 31, b.length)] ^= flip;
            }
            Path npy = NpyFixtures.write(dir, "x.npy", b);
            readsOrRefuses(new byte[0], in -> NpyReader.readPoints(npy));
            readsOrRefuses(new byte[0], in -> NpyReader.readLabels(npy));
            readsOrRefuses(new byte[0], in -> DataFiles.read(npy, null));
            byte[] gz = gzip(full);
            Path gzPath = NpyFixtures.write(dir, "x.npy.gz", Arrays.copyOf(gz, Math.floorMod(cut, gz.length + 1)));
            readsOrRefuses(new byte[0], in -> DataFiles.read(gzPath, null));
        } finally {
            deleteDirectory(dir);
        }
    }

    // ------------------------------------------------------------------ .csv

    static final int CSV_VARIANTS = 4;

    static byte[] validCsv(int variant) {
        String s = switch (Math.floorMod(variant, CSV_VARIANTS)) {
            case 0 -> "a,b,label\n1.5,2,x\n3,4e-3,y\n-5,6,z\n";
            case 1 -> "1,2,3\n4,5,6\n7,8,9\n";
            case 2 -> "\"f 1\",\"f,2\",cls\r\n1,2,\"q\"\"uoted\"\r\n3,4,b\r\n";
            default -> "x\n1\n2\n3\n";
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static IntStream csvVariants() {
        return IntStream.range(0, CSV_VARIANTS);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void randomBytesAsCsv(int k) {
        byte[] bytes = Fuzz.of(k).bytes(0, 300);
        readsOrRefuses(bytes, CSV);
        readsOrRefuses(bytes, CSV_LABEL_LAST);
    }

    /** Random text over the characters that matter to the parser. */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void randomCsvLikeText(int k) {
        byte[] b = Fuzz.of(k).string("0123456789.,-+eE\"\n\r\t xNaInf#", 120).getBytes(StandardCharsets.UTF_8);
        readsOrRefuses(b, CSV);
        readsOrRefuses(b, CSV_LABEL_LAST);
        readsOrRefuses(b, in -> CsvReader.read(in, "fuzz.csv", ',', LabelColumn.parse("label")));
    }

    /** Every prefix of the file, from empty to one byte short. */
    @ParameterizedTest(name = "variant {0}")
    @MethodSource("csvVariants")
    void truncatedCsv(int variant) {
        byte[] full = validCsv(variant);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] b = Arrays.copyOf(full, cut);
            readsOrRefuses(b, CSV);
            readsOrRefuses(b, CSV_LABEL_LAST);
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("hundredFifty")
    void flippedBytesInCsv(int k) {
        Fuzz f = Fuzz.of(k);
        byte[] b = validCsv(f.between(0, CSV_VARIANTS - 1));
        for (int flips = f.length(1, 3); flips > 0; flips--) {
            b[Math.floorMod(f.anyInt(), b.length)] = f.anyByte();
        }
        readsOrRefuses(b, CSV);
        readsOrRefuses(b, CSV_LABEL_LAST);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("thirty")
    void truncatedGzipCsvOnDisk(int k) throws IOException {
        Fuzz f = Fuzz.of(k);
        int variant = f.between(0, CSV_VARIANTS - 1), cut = f.between(0, 1000);
        Path dir = Files.createTempDirectory("vtsne-fuzz");
        try {
            byte[] gz = gzip(validCsv(variant));
            Path p = NpyFixtures.write(dir, "x.csv.gz", Arrays.copyOf(gz, Math.floorMod(cut, gz.length)));
            readsOrRefuses(new byte[0], in -> DataFiles.read(p, null));
            Path labels = NpyFixtures.write(dir, "labels.csv", Arrays.copyOf(validCsv(variant), Math.floorMod(cut, 20)));
            readsOrRefuses(new byte[0], in -> DataFiles.readLabels(labels, 3));
        } finally {
            deleteDirectory(dir);
        }
    }

    private static void deleteDirectory(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
