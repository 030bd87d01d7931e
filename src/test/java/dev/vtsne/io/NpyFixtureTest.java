package dev.vtsne.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the files numpy itself wrote (src/test/resources/npy, made by make_fixtures.py): every
 * supported dtype in C and Fortran order, format versions 1.0, 2.0 and 3.0, and label arrays;
 * each must give the values the manifest lists, in row order.
 */
class NpyFixtureTest {

    /** One manifest line: file;kind;rows;cols;values. */
    record Fixture(String file, String kind, int rows, int cols, String[] values) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path dir() throws URISyntaxException {
        URL url = NpyFixtureTest.class.getResource("/npy/expected.txt");
        assertNotNull(url, "src/test/resources/npy/expected.txt on the test classpath");
        return Path.of(url.toURI()).getParent();
    }

    static List<Fixture> fixtures() throws Exception {
        List<Fixture> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("expected.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";", -1);
            out.add(new Fixture(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4].split(" ")));
        }
        return out;
    }

    static Stream<Fixture> points() throws Exception {
        return fixtures().stream().filter(f -> f.kind().equals("points"));
    }

    static Stream<Fixture> labels() throws Exception {
        return fixtures().stream().filter(f -> f.kind().equals("labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void pointsMatchWhatNumpyWrote(Fixture f) throws Exception {
        Points p = NpyReader.readPoints(dir().resolve(f.file()));
        assertEquals(f.rows(), p.size(), "rows");
        assertEquals(f.cols(), p.dim(), "columns");
        float[] expected = new float[f.values().length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) Double.parseDouble(f.values()[i]);
        }
        assertArrayEquals(expected, p.rowMajor(), f.file());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void labelsMatchWhatNumpyWrote(Fixture f) throws Exception {
        Labels l = NpyReader.readLabels(dir().resolve(f.file()));
        assertEquals(f.rows(), l.size());
        for (int i = 0; i < l.size(); i++) {
            String v = f.values()[i];
            String want = v.matches("-?\\d+\\.0") ? v.substring(0, v.length() - 2) : v;
            assertEquals(want, l.nameOf(i), f.file() + " label " + i);
        }
    }

    @Test
    void everyDtypeIsThereInBothOrdersAndEveryVersion() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Fixture f : fixtures()) {
            names.add(f.file());
            assertTrue(Files.isRegularFile(dir().resolve(f.file())), f.file());
        }
        for (String dtype : List.of("float16", "float32", "float64", "int8", "int16", "int32", "int64",
                "uint8", "uint16", "uint32", "uint64", "bool")) {
            for (String order : List.of("C", "F")) {
                assertTrue(names.contains(dtype + "_" + order + ".npy"), dtype + " " + order);
            }
        }
        for (String v : List.of("v2", "v3")) {
            assertTrue(names.contains("float32_C_" + v + ".npy") && names.contains("float32_F_" + v + ".npy"), v);
        }
        // the fixtures really are what their names say: numpy's header, not the test's
        for (Fixture f : fixtures()) {
            byte[] b = Files.readAllBytes(dir().resolve(f.file()));
            String head = new String(b, 0, Math.min(b.length, 128), java.nio.charset.StandardCharsets.ISO_8859_1);
            int version = b[6];
            assertEquals(f.file().endsWith("_v2.npy") ? 2 : f.file().endsWith("_v3.npy") ? 3 : 1, version, f.file());
            if (f.kind().equals("points")) {
                boolean fortran = f.file().contains("_F");
                assertTrue(head.contains("'fortran_order': " + (fortran ? "True" : "False")), f.file() + ": " + head);
            }
        }
    }

    @Test
    void writerOutputIsByteForByteWhatNumpyWrites() throws Exception {
        Points p = NpyReader.readPoints(dir().resolve("float32_C.npy"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        NpyWriter.writeFloats(out, p.rowMajor(), p.size(), p.dim());
        assertArrayEquals(Files.readAllBytes(dir().resolve("float32_C.npy")), out.toByteArray());
    }
}
