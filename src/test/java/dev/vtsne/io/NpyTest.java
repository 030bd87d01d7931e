package dev.vtsne.io;

import static dev.vtsne.io.NpyFixtures.dict;
import static dev.vtsne.io.NpyFixtures.f4;
import static dev.vtsne.io.NpyFixtures.f8;
import static dev.vtsne.io.NpyFixtures.i2;
import static dev.vtsne.io.NpyFixtures.i4;
import static dev.vtsne.io.NpyFixtures.i8;
import static dev.vtsne.io.NpyFixtures.npy;
import static dev.vtsne.io.NpyFixtures.u1;
import static dev.vtsne.io.NpyFixtures.utf32;
import static dev.vtsne.io.NpyFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void float32RoundTripThroughTheWriter() throws Exception {
        float[] v = {1f, -2.5f, 3e-7f, Float.MAX_VALUE, -0f, 42f};
        Path p = dir.resolve("y.npy");
        NpyWriter.writeFloats(p, v, 3, 2);
        Points pts = NpyReader.readPoints(p);
        assertEquals(3, pts.size());
        assertEquals(2, pts.dim());
        assertArrayEquals(v, pts.rowMajor());
        byte[] bytes = Files.readAllBytes(p);
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "header padded to 64 bytes");
        assertEquals(1, bytes[6], "version 1.0");
        String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 2)")
                && header.contains("'fortran_order': False") && header.endsWith("\n"), header);
        assertEquals(10 + headerLen + 4 * v.length, bytes.length);
    }

    @Test
    void float64VersionOneIsReadAsFloats() throws Exception {
        Path p = write(dir, "x.npy", npy(1, dict("<f8", false, "(2, 3)"), f8(1, 2, 3, 4.5, -5, 6e10)));
        Points pts = NpyReader.readPoints(p);
        assertEquals(2, pts.size());
        assertEquals(3, pts.dim());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -5, 6e10f}, pts.rowMajor());
    }

    @Test
    void versionTwoHeaderIsRead() throws Exception {
        Path p = write(dir, "x.npy", npy(2, dict("<f4", false, "(3, 1)"), f4(7, 8, 9)));
        Points pts = NpyReader.readPoints(p);
        assertEquals(3, pts.size());
        assertEquals(1, pts.dim());
        assertArrayEquals(new float[] {7, 8, 9}, pts.rowMajor());
    }

    @Test
    void integerDataIsAccepted() throws Exception {
        Path p = write(dir, "x.npy", npy(1, dict("|u1", false, "(2, 2)"), u1(0, 255, 16, 3)));
        assertArrayEquals(new float[] {0, 255, 16, 3}, NpyReader.readPoints(p).rowMajor());
    }

    @Test
    void writtenLabelsReadBack() throws Exception {
        Path p = dir.resolve("l.npy");
        NpyWriter.writeInts(p, new int[] {3, 1, 3, 0});
        Labels l = NpyReader.readLabels(p);
        assertEquals(List.of("0", "1", "3"), l.names());
        assertArrayEquals(new int[] {2, 1, 2, 0}, l.codes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"<i4", "<i8", "|u1", "<i2", "|i1", "<u4", "<f8"})
    void integerLabelDtypes(String descr) throws Exception {
        int[] raw = {5, 0, 9, 5, 2};
        byte[] data = switch (descr) {
            case "<i4", "<u4" -> i4(raw);
            case "<i8" -> i8(Arrays.stream(raw).asLongStream().toArray());
            case "<i2" -> i2(raw);
            case "<f8" -> f8(Arrays.stream(raw).asDoubleStream().toArray());
            default -> u1(raw);
        };
        Path p = write(dir, "l.npy", npy(1, dict(descr, false, "(5,)"), data));
        Labels l = NpyReader.readLabels(p);
        assertEquals(List.of("0", "2", "5", "9"), l.names());
        assertArrayEquals(new int[] {2, 0, 3, 2, 1}, l.codes());
    }

    @Test
    void negativeAndColumnShapedLabels() throws Exception {
        Path p = write(dir, "l.npy", npy(1, dict("<i8", false, "(3, 1)"), i8(-1, 7, -1)));
        Labels l = NpyReader.readLabels(p);
        assertEquals(List.of("-1", "7"), l.names());
        assertArrayEquals(new int[] {0, 1, 0}, l.codes());
    }

    @Test
    void unicodeStringLabels() throws Exception {
        Path p = write(dir, "l.npy", npy(1, dict("<U3", false, "(3,)"), utf32(3, "cat", "dog", "cat")));
        Labels l = NpyReader.readLabels(p);
        assertEquals(List.of("cat", "dog"), l.names());
        assertArrayEquals(new int[] {0, 1, 0}, l.codes());
    }

    private String pointsError(byte[] bytes) throws IOException {
        Path p = write(dir, "bad.npy", bytes);
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readPoints(p));
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void fortranOrderIsReadColumnByColumn() throws Exception {
        // the 2 x 3 array [[1, 2, 3], [4, 5, 6]] stored column-major
        Path p = write(dir, "f.npy", npy(1, dict("<f4", true, "(2, 3)"), f4(1, 4, 2, 5, 3, 6)));
        Points pts = NpyReader.readPoints(p);
        assertEquals(2, pts.size());
        assertEquals(3, pts.dim());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, pts.rowMajor());
    }

    @Test
    void nanInFortranOrderNamesRowAndColumn() throws Exception {
        String m = pointsError(npy(1, dict("<f8", true, "(3, 2)"), f8(1, 2, 3, 4, Double.NaN, 6)));
        assertTrue(m.contains("row 2, column 2") && m.contains("NaN"), m);
    }

    @Test
    void threeDimensionalArraysAreRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f4", true, "(2, 2, 2)"), f4(1, 2, 3, 4, 5, 6, 7, 8)));
        assertTrue(m.contains("2-D"), m);
    }

    @Test
    void bigEndianIsRefused() throws Exception {
        String m = pointsError(npy(1, dict(">f4", false, "(1, 2)"), f4(1, 2)));
        assertTrue(m.contains("big-endian"), m);
    }

    @Test
    void objectDtypeIsRefused() throws Exception {
        String m = pointsError(npy(1, dict("|O", false, "(1, 2)"), new byte[16]));
        assertTrue(m.contains("object"), m);
    }

    @Test
    void complexDtypeIsRefused() throws Exception {
        String m = pointsError(npy(1, dict("<c8", false, "(1, 1)"), new byte[8]));
        assertTrue(m.contains("'<c8'") && m.contains("float32"), m);
    }

    @Test
    void wrongMagicIsRefused() throws Exception {
        String m = pointsError("x,y\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(m.contains("not a .npy file"), m);
    }

    @Test
    void truncatedDataIsRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f4", false, "(3, 2)"), f4(1, 2, 3, 4, 5)));
        assertTrue(m.contains("truncated") && m.contains("24 bytes") && m.contains("20"), m);
    }

    @Test
    void truncatedHeaderIsRefused() throws Exception {
        byte[] full = npy(1, dict("<f4", false, "(1, 1)"), f4(1));
        String m = pointsError(Arrays.copyOf(full, 30));
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void extraBytesAreRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f4", false, "(2, 1)"), f4(1, 2, 3)));
        assertTrue(m.contains("4 bytes after the data") && m.contains("(2, 1)"), m);
    }

    @Test
    void oneDimensionalPointsAreRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f4", false, "(3,)"), f4(1, 2, 3)));
        assertTrue(m.contains("2-D") && m.contains("(3,)"), m);
    }

    @Test
    void nanInDataNamesRowAndColumn() throws Exception {
        String m = pointsError(npy(1, dict("<f4", false, "(2, 2)"), f4(1, 2, 3, Float.NaN)));
        assertTrue(m.contains("row 2, column 2") && m.contains("NaN"), m);
    }

    @Test
    void float64OutsideFloatRangeIsRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f8", false, "(1, 1)"), f8(1e300)));
        assertTrue(m.contains("float range"), m);
    }

    @Test
    void emptyArrayIsRefused() throws Exception {
        String m = pointsError(npy(1, dict("<f4", false, "(0, 5)"), new byte[0]));
        assertTrue(m.contains("empty"), m);
    }

    @Test
    void fractionalLabelsAreRefused() throws Exception {
        Path p = write(dir, "l.npy", npy(1, dict("<f4", false, "(2,)"), f4(1, 1.5f)));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(p));
        assertTrue(e.getMessage().contains("label 2") && e.getMessage().contains("not an integer"), e.getMessage());
    }

    @Test
    void twoDimensionalLabelsAreRefused() throws Exception {
        Path p = write(dir, "l.npy", npy(1, dict("<i4", false, "(2, 2)"), i4(1, 2, 3, 4)));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NpyReader.readLabels(p));
        assertTrue(e.getMessage().contains("1-D"), e.getMessage());
    }

    @Test
    void gzippedNpyIsRead() throws Exception {
        Path p = dir.resolve("y.npy.gz");
        NpyWriter.writeFloats(p, new float[] {1, 2, 3, 4}, 2, 2);
        byte[] head = Files.readAllBytes(p);
        assertEquals(0x1f, head[0] & 0xff, "gzip magic");
        assertArrayEquals(new float[] {1, 2, 3, 4}, NpyReader.readPoints(p).rowMajor());
    }
}
