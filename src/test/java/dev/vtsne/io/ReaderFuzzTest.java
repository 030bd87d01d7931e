package dev.vtsne.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the readers: random bytes, truncated valid files and valid files with bytes flipped
 * either read (when the bytes happen to form a valid file) or fail with an
 * {@link InputFormatException} that says what is wrong. Never another exception, never an
 * out-of-memory from a size field that lies (an OutOfMemoryError fails the read as any Error does),
 * and every read returns (the readers' loops are bounded by the bytes they are given; no timer).
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

    // ------------------------------------------------------------------ .npy

    static byte[] validNpy(int variant) {
        return switch (Math.floorMod(variant, 6)) {
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

    // the cases fuzzing found, pinned

    /** A dtype width beyond int used to throw NumberFormatException. */
    @Example
    void hugeDtypeWidthIsRefused() {
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict("<U99999999999", false, "(2,)"), new byte[0]);
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy"));
        assertTrue(e.getMessage().contains("<U99999999999"), e.getMessage());
    }

    /** A UTF-32 value above U+10FFFF used to throw IllegalArgumentException from appendCodePoint. */
    @Example
    void invalidCodePointInLabelsIsRefused() {
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict("<U1", false, "(1,)"), NpyFixtures.i4(0x110061));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy"));
        assertTrue(e.getMessage().contains("not a Unicode character"), e.getMessage());
    }

    /**
     * A header claiming 2 billion values over 8 bytes of data: refused as truncated, quickly,
     * without allocating the claimed 8 GB first (the readers grow their arrays as data arrives).
     */
    @Example
    void headerClaimingBillionsOfValuesIsTruncatedNotOutOfMemory() {
        byte[] points = NpyFixtures.npy(1, NpyFixtures.dict("<f4", false, "(1000000, 2000)"), NpyFixtures.f4(1, 2));
        byte[] labels = NpyFixtures.npy(1, NpyFixtures.dict("<i8", false, "(2000000000,)"), NpyFixtures.i8(1));
        byte[] strings = NpyFixtures.npy(1, NpyFixtures.dict("<U60000", false, "(30000,)"), new byte[8]);
        for (byte[] b : new byte[][] {points, labels, strings}) {
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> {
                        if (b == points) {
                            NpyReader.readPoints(new ByteArrayInputStream(b), "x.npy");
                        } else {
                            NpyReader.readLabels(new ByteArrayInputStream(b), "x.npy");
                        }
                    });
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Property(tries = 150)
    void randomBytesAsNpy(@ForAll @Size(max = 300) byte[] bytes) {
        readsOrRefuses(bytes, NPY_POINTS);
        readsOrRefuses(bytes, NPY_LABELS);
    }

    /** Random bytes behind a valid magic and version, so the header parser itself is fuzzed. */
    @Property(tries = 150)
    void randomHeadersAfterTheMagic(@ForAll @IntRange(min = 1, max = 3) int major, @ForAll @Size(max = 200) byte[] rest) {
        byte[] b = new byte[8 + rest.length];
        System.arraycopy(NpyReader.MAGIC, 0, b, 0, 6);
        b[6] = (byte) major;
        System.arraycopy(rest, 0, b, 8, rest.length);
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    /** Random header dictionaries in a well-formed frame (shapes and dtypes that lie or overflow). */
    @Property(tries = 150)
    void randomDictionaries(@ForAll("dtypes") String descr, @ForAll("shapes") String shape, @ForAll boolean fortran,
                            @ForAll @Size(max = 64) byte[] data) {
        byte[] b = NpyFixtures.npy(1, NpyFixtures.dict(descr, fortran, shape), data);
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    @Provide
    Arbitrary<String> dtypes() {
        return Arbitraries.oneOf(
                Arbitraries.of("<f4", "<f8", ">f4", "<f2", "<i1", "<i2", "<i4", "<i8", "<u8", "|u1", "|b1", "<U0", "<U5",
                        "|S3", "|S0", "<c8", "|O", "<M8", "f4", "<f16", "<U99999999999", "<i0", "<f-4", ""),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> shapes() {
        Arbitrary<String> dim = Arbitraries.oneOf(Arbitraries.of("0", "1", "2", "3", "-1", "9223372036854775807",
                "4294967296", "2147483647", "99999999999999999999", "x", ""), Arbitraries.longs().between(0, 1L << 40).map(String::valueOf));
        return Arbitraries.oneOf(
                dim.list().ofMaxSize(3).map(l -> "(" + String.join(", ", l) + (l.size() == 1 ? ",)" : ")")),
                Arbitraries.strings().ofMaxLength(10));
    }

    @Property(tries = 100)
    void truncatedNpy(@ForAll @IntRange(min = 0, max = 5) int variant, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] full = validNpy(variant);
        byte[] b = Arrays.copyOf(full, Math.floorMod(cut, full.length)); // strictly shorter than the file
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    @Property(tries = 200)
    void flippedBytesInNpy(@ForAll @IntRange(min = 0, max = 5) int variant, @ForAll @Size(min = 1, max = 4) int[] where,
                           @ForAll @Size(min = 4, max = 4) byte[] what) {
        byte[] b = validNpy(variant);
        for (int k = 0; k < where.length; k++) {
            b[Math.floorMod(where[k], b.length)] = what[k];
        }
        readsOrRefuses(b, NPY_POINTS);
        readsOrRefuses(b, NPY_LABELS);
    }

    /** The same through the file-path entry points, gzip included. */
    @Property(tries = 30)
    void truncatedAndFlippedFilesOnDisk(@ForAll @IntRange(min = 0, max = 5) int variant, @ForAll @IntRange(min = 0, max = 1000) int cut,
                                        @ForAll byte flip) throws IOException {
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
            Path gz = NpyFixtures.write(dir, "x.npy.gz", Arrays.copyOf(gzip(full), Math.floorMod(cut, gzip(full).length + 1)));
            readsOrRefuses(new byte[0], in -> DataFiles.read(gz, null));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    // ------------------------------------------------------------------ .csv

    static byte[] validCsv(int variant) {
        String s = switch (Math.floorMod(variant, 4)) {
            case 0 -> "a,b,label\n1.5,2,x\n3,4e-3,y\n-5,6,z\n";
            case 1 -> "1,2,3\n4,5,6\n7,8,9\n";
            case 2 -> "\"f 1\",\"f,2\",cls\r\n1,2,\"q\"\"uoted\"\r\n3,4,b\r\n";
            default -> "x\n1\n2\n3\n";
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 150)
    void randomBytesAsCsv(@ForAll @Size(max = 300) byte[] bytes) {
        readsOrRefuses(bytes, CSV);
        readsOrRefuses(bytes, CSV_LABEL_LAST);
    }

    /** Random text over the characters that matter to the parser. */
    @Property(tries = 150)
    void randomCsvLikeText(@ForAll("csvText") String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        readsOrRefuses(b, CSV);
        readsOrRefuses(b, CSV_LABEL_LAST);
        readsOrRefuses(b, in -> CsvReader.read(in, "fuzz.csv", ',', LabelColumn.parse("label")));
    }

    @Provide
    Arbitrary<String> csvText() {
        return Arbitraries.strings().withChars("0123456789.,-+eE\"\n\r\t xNaInf#").ofMaxLength(120);
    }

    @Property(tries = 100)
    void truncatedCsv(@ForAll @IntRange(min = 0, max = 3) int variant, @ForAll @IntRange(min = 0, max = 1000) int cut) {
        byte[] full = validCsv(variant);
        byte[] b = Arrays.copyOf(full, Math.floorMod(cut, full.length));
        readsOrRefuses(b, CSV);
        readsOrRefuses(b, CSV_LABEL_LAST);
    }

    @Property(tries = 150)
    void flippedBytesInCsv(@ForAll @IntRange(min = 0, max = 3) int variant, @ForAll @Size(min = 1, max = 3) int[] where,
                           @ForAll @Size(min = 3, max = 3) byte[] what) {
        byte[] b = validCsv(variant);
        for (int k = 0; k < where.length; k++) {
            b[Math.floorMod(where[k], b.length)] = what[k];
        }
        readsOrRefuses(b, CSV);
        readsOrRefuses(b, CSV_LABEL_LAST);
    }

    @Property(tries = 30)
    void truncatedGzipCsvOnDisk(@ForAll @IntRange(min = 0, max = 3) int variant, @ForAll @IntRange(min = 0, max = 1000) int cut)
            throws IOException {
        Path dir = Files.createTempDirectory("vtsne-fuzz");
        try {
            byte[] gz = gzip(validCsv(variant));
            Path p = NpyFixtures.write(dir, "x.csv.gz", Arrays.copyOf(gz, Math.floorMod(cut, gz.length)));
            readsOrRefuses(new byte[0], in -> DataFiles.read(p, null));
            Path labels = NpyFixtures.write(dir, "labels.csv", Arrays.copyOf(validCsv(variant), Math.floorMod(cut, 20)));
            readsOrRefuses(new byte[0], in -> DataFiles.readLabels(labels, 3));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
