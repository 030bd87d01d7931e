package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ReferenceMap#save} and {@link ReferenceMap#load}: a saved map transforms new points to
 * the same bits as the map in memory, and every way a file can be wrong is refused with a
 * {@link ModelFormatException} that names the file and the problem.
 */
class ReferenceMapFileTest {

    static final int N = 240, DIM = 10;

    private static Points train, fresh;
    /** A fitted 2-D map with PCA to 6 components, saved once for the refusal tests. */
    private static ReferenceMap pcaMap;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        train = clusters(N, 1);
        fresh = clusters(50, 2);
        pcaMap = fit(6, 2);
    }

    /** {@code n} points in 4 Gaussian clusters of {@link #DIM} features. */
    private static Points clusters(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < DIM; k++) {
                x[i * DIM + k] = (float) ((k % 4 == i % 4 ? 8 : 0) + r.nextGaussian());
            }
        }
        return Points.ofRowMajor(x, n, DIM);
    }

    private static ReferenceMap fit(int pca, int dims) {
        TsneOptions o = TsneOptions.builder().perplexity(10).iterations(100).pcaComponents(pca).dimensions(dims).threads(2).build();
        return TSne.fit(train, o, null).referenceMap();
    }

    private static TransformOptions options() {
        return TransformOptions.builder().iterations(60).threads(2).build();
    }

    @ParameterizedTest(name = "pca {0}, {1}-D")
    @CsvSource({"0, 2", "0, 3", "6, 2", "6, 3"})
    void aSavedMapTransformsToTheSameBits(int pca, int dims) throws IOException {
        ReferenceMap map = fit(pca, dims);
        assertEquals(pca > 0, map.usesPca());
        assertEquals(pca, map.pcaComponents());
        Path file = dir.resolve("model.npz");
        map.save(file);
        ReferenceMap loaded = ReferenceMap.load(file);
        assertEquals(map.size(), loaded.size());
        assertEquals(dims, loaded.dimensions());
        assertEquals(DIM, loaded.inputDim());
        assertEquals(pca, loaded.pcaComponents());
        for (int a = 0; a < dims; a++) {
            assertArrayEquals(map.coordinates()[a], loaded.coordinates()[a]);
        }
        PartialEmbedding before = map.transform(fresh, options()), after = loaded.transform(fresh, options());
        assertArrayEquals(before.rowMajor(), after.rowMajor(), "same bits after a save and a load");
        assertEquals(before.kl(), after.kl());
        // the same map saves to the same bytes (fixed entry times), so a saved model can be compared
        Path again = dir.resolve("again.npz");
        loaded.save(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void aMapFromItsInputAndCoordinatesSavesToo() throws IOException {
        float[] coordinates = new float[N * 2];
        Random r = new Random(3);
        for (int k = 0; k < coordinates.length; k++) {
            coordinates[k] = (float) r.nextGaussian();
        }
        ReferenceMap built = ReferenceMap.withPca(train, Points.ofRowMajor(coordinates, N, 2), 4, 9, 1);
        assertTrue(built.usesPca());
        Path file = dir.resolve("built.npz");
        built.save(file);
        assertArrayEquals(built.transform(fresh, options()).rowMajor(), ReferenceMap.load(file).transform(fresh, options()).rowMajor());
    }

    @Test
    void numpyCanReadTheEntries() throws IOException {
        Path file = dir.resolve("model.npz");
        pcaMap.save(file);
        Map<String, byte[]> e = entries(file);
        assertEquals(java.util.List.of("model.txt", "reference.npy", "map.npy", "pca_components.npy", "pca_mean.npy",
                "pca_explained_variance.npy"), java.util.List.copyOf(e.keySet()));
        String settings = new String(e.get("model.txt"), StandardCharsets.UTF_8);
        assertTrue(settings.startsWith("vtsne reference map\nformat_version=1\npoints=240\ninput_columns=10\nmap_dimensions=2\n"
                + "pca_components=6\npca_total_variance="), settings);
        assertTrue(header(e.get("reference.npy")).contains("'descr': '<f4', 'fortran_order': False, 'shape': (240, 6)"));
        assertTrue(header(e.get("map.npy")).contains("'<f4', 'fortran_order': False, 'shape': (240, 2)"));
        assertTrue(header(e.get("pca_components.npy")).contains("'<f8', 'fortran_order': False, 'shape': (6, 10)"));
        assertTrue(header(e.get("pca_mean.npy")).contains("'<f8', 'fortran_order': False, 'shape': (10,)"));
        assertTrue(header(e.get("pca_explained_variance.npy")).contains("'shape': (6,)"));
    }

    // --- refusals ---------------------------------------------------------------------------

    private ModelFormatException refused(Path file, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ReferenceMap.load(file));
        assertEquals(file, e.path());
        assertTrue(e.getMessage().startsWith("saved reference map " + file + " "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "mentions '" + f + "': " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("--"), "no command-line flag in a library message: " + e.getMessage());
        return e;
    }

    /** The saved PCA map with {@code change} applied to its entries, written as a new ZIP. */
    private Path tampered(String name, Consumer<Map<String, byte[]>> change) throws IOException {
        Path good = dir.resolve("good.npz");
        if (!Files.exists(good)) {
            pcaMap.save(good);
        }
        Map<String, byte[]> e = entries(good);
        change.accept(e);
        Path out = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var en : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(en.getKey()));
                zip.write(en.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    private static void setting(Map<String, byte[]> e, String from, String to) {
        String s = new String(e.get("model.txt"), StandardCharsets.UTF_8);
        assertTrue(s.contains(from), s);
        e.put("model.txt", s.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingNotAFileAndNotAZip() throws IOException {
        refused(dir.resolve("none.npz"), "does not exist");
        refused(dir, "is a directory");
        Path npy = dir.resolve("map.npy");
        dev.vtsne.io.NpyWriter.writeFloats(npy, new float[4], 2, 2);
        refused(npy, "is not a ZIP archive");
        Path empty = dir.resolve("empty.npz");
        Files.write(empty, new byte[0]);
        refused(empty, "is not a ZIP archive");
    }

    @Test
    void truncatedOrDamagedFiles() throws IOException {
        Path good = dir.resolve("good.npz");
        pcaMap.save(good);
        byte[] bytes = Files.readAllBytes(good);
        for (int keep : new int[] {bytes.length / 2, bytes.length - 1, 30}) {
            Path cut = dir.resolve("cut" + keep + ".npz");
            Files.write(cut, Arrays.copyOf(bytes, keep));
            refused(cut, "truncated or damaged");
        }
        // a flipped byte inside reference.npy's compressed data: it inflates wrongly or not at all
        int at = indexOf(bytes, "reference.npy".getBytes(StandardCharsets.US_ASCII)) + 200;
        bytes[at] ^= 0x10;
        Path flipped = dir.resolve("flipped.npz");
        Files.write(flipped, bytes);
        refused(flipped, "is damaged", "reference.npy");
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingIt() throws IOException {
        ModelFormatException v2 = refused(tampered("v2.npz", e -> setting(e, "format_version=1", "format_version=2")),
                "format version 2", "newer vtsne", "reads format version 1");
        assertEquals(2, v2.newerFormatVersion());
        // a newer version is named even when its settings or entries are unlike version 1's
        refused(tampered("v7.npz", e -> {
            setting(e, "format_version=1\n", "format_version=7\nnew syntax\n");
            e.put("extra.npy", new byte[3]);
        }), "format version 7");
        assertEquals(0, refused(tampered("v0.npz", e -> setting(e, "format_version=1", "format_version=0")), "format_version=0")
                .newerFormatVersion());
        refused(tampered("nov.npz", e -> setting(e, "format_version=1\n", "")), "has no format_version");
    }

    @Test
    void settingsThatAreNotAMap() throws IOException {
        refused(tampered("magic.npz", e -> setting(e, "vtsne reference map", "something else")), "does not start with", "vtsne reference map");
        refused(tampered("nosettings.npz", e -> e.remove("model.txt")), "has no entry model.txt");
        refused(tampered("dims.npz", e -> setting(e, "map_dimensions=2", "map_dimensions=4")), "map_dimensions=4", "2 or 3");
        refused(tampered("k.npz", e -> setting(e, "pca_components=6", "pca_components=10")), "pca_components=10");
        refused(tampered("text.npz", e -> setting(e, "points=240", "points=many")), "points=many", "integer");
        refused(tampered("unknown.npz", e -> setting(e, "points=240\n", "points=240\nperplexity=30\n")), "perplexity");
        refused(tampered("twice.npz", e -> setting(e, "points=240\n", "points=240\npoints=240\n")), "second value of points");
        refused(tampered("total.npz", e -> setting(e, "pca_total_variance=", "pca_total_variance=-")), "pca_total_variance");
    }

    @Test
    void entriesOfTheWrongShapeOrMissingOrExtra() throws IOException {
        refused(tampered("points.npz", e -> setting(e, "points=240", "points=241")), "reference.npy", "(240, 6)", "(241, 6)");
        refused(tampered("cols.npz", e -> setting(e, "input_columns=10", "input_columns=11")), "pca_components.npy",
                "(6, 10)", "(6, 11)");
        refused(tampered("map3.npz", e -> e.put("map.npy", npyFloats(new float[240 * 3], 240, 3))), "map.npy", "(240, 3)", "(240, 2)");
        refused(tampered("mapT.npz", e -> e.put("map.npy", npyFloats(new float[240 * 2], 2, 240))), "map.npy", "(2, 240)");
        refused(tampered("meanT.npz", e -> e.put("pca_mean.npy", npyDoubles(new double[10], "(1, 10)"))), "pca_mean.npy",
                "(1, 10)", "(10,)");
        refused(tampered("compT.npz", e -> e.put("pca_components.npy", npyDoubles(new double[60], "(10, 6)"))), "(10, 6)", "(6, 10)");
        refused(tampered("nomean.npz", e -> e.remove("pca_mean.npy")), "has no entry pca_mean.npy", "pca_components=6");
        refused(tampered("nopca.npz", e -> setting(e, "pca_components=6", "pca_components=0")), "pca_");
        refused(tampered("extra.npz", e -> e.put("labels.npy", npyFloats(new float[2], 1, 2))), "labels.npy", "does not have");
        refused(tampered("text.npz", e -> e.put("map.npy", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8))), "bad entry",
                "map.npy is not a .npy file");
    }

    @Test
    void nonFiniteValues() throws IOException {
        float[] map = new float[240 * 2];
        map[7] = Float.NaN;
        refused(tampered("nan.npz", e -> e.put("map.npy", npyFloats(map, 240, 2))), "map.npy", "row 4, column 2 is NaN");
        double[] mean = new double[10];
        mean[3] = Double.POSITIVE_INFINITY;
        refused(tampered("inf.npz", e -> e.put("pca_mean.npy", npyDoubles(mean, "(10,)"))), "pca_mean.npy", "value 4 is Infinity");
        double[] variance = new double[6];
        variance[0] = -1;
        refused(tampered("neg.npz", e -> e.put("pca_explained_variance.npy", npyDoubles(variance, "(6,)"))), "value 1 is -1.0");
    }

    @Test
    void savingRefusesGzipNamesAndWritesNothingWhereItCannot() throws IOException {
        IllegalArgumentException gz = assertThrows(IllegalArgumentException.class, () -> pcaMap.save(dir.resolve("m.npz.gz")));
        assertTrue(gz.getMessage().contains("without .gz"), gz.getMessage());
        assertThrows(IOException.class, () -> pcaMap.save(dir.resolve("no-such-dir").resolve("m.npz")));
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no Linux /proc here");
        assertThrows(IOException.class, () -> pcaMap.save(proc.resolve("m.npz"))); // /proc takes no new file, even from root
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no file and no temporary file left");
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String header(byte[] npy) {
        return new String(npy, 10, Math.min(npy.length - 10, 118), StandardCharsets.ISO_8859_1);
    }

    private static byte[] npyFloats(float[] v, int rows, int cols) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            dev.vtsne.io.NpyWriter.writeFloats(b, v, rows, cols);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A float64 .npy with a shape given as text, so the test can state shapes the writer would not make. */
    private static byte[] npyDoubles(double[] v, String shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        byte[] h = (dict + " ".repeat(total - unpadded) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
