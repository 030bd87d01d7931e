package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.io.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code vtsne embed --save-model} and {@code vtsne transform --model}: the saved model places new
 * points to the same bytes as the reference input and map do, and every wrong model file or
 * command line ends in one line and nothing written.
 */
class SavedModelCommandTest {

    static final String FAST = "--perplexity=10 --iterations=120 --threads=2";

    @TempDir
    Path dir;

    private static String[] args(String... parts) {
        return Stream.of(parts).flatMap(p -> Stream.of(p.split(" "))).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private Path npy(String name, int n, int dim, long seed) throws Exception {
        Path p = dir.resolve(name);
        NpyWriter.writeFloats(p, TestData.clusters(n, dim, seed), n, dim);
        return p;
    }

    private static CliRun ok(String command) {
        CliRun r = CliRun.of(args(command));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private String assertError(int code, List<String> fragments, Path mustNotExist, String command) {
        CliRun r = CliRun.of(args(command));
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one stderr line (the refusal comes before the fit): " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("vtsne: error: "), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "mentions '" + f + "': " + line);
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("at dev."), r.err());
        if (mustNotExist != null) {
            assertFalse(Files.exists(mustNotExist), mustNotExist + " is not written");
        }
        return line;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'', no pca 2-D", "'--pca 5 --seed 3', pca 3-D --dims 3", "'--pca 5 --seed 3', pca 2-D"})
    void aSavedModelPlacesNewPointsToTheSameBytes(String pca, String name) throws Exception {
        String dims = name.contains("3-D") ? " --dims 3" : "";
        Path in = npy("in.npy", 160, 12, 3), fresh = npy("new.npy", 40, 12, 8);
        Path map = dir.resolve("map.npy"), model = dir.resolve("model.npz"), plain = dir.resolve("plain.npy");
        CliRun e = ok("embed " + in + " -o " + map + " --save-model " + model + " " + pca + dims + " " + FAST);
        assertTrue(e.err().contains("wrote " + map + ", " + model), e.err());
        ok("embed " + in + " -o " + plain + " " + pca + dims + " -q " + FAST);
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(map), "--save-model does not change the map");

        Path fromFiles = dir.resolve("from-files.npy"), fromModel = dir.resolve("from-model.npy");
        ok("transform " + in + " " + map + " " + fresh + " -o " + fromFiles + " " + pca + " -q -t 2");
        CliRun t = ok("transform --model " + model + " " + fresh + " -o " + fromModel + " -t 2");
        assertTrue(t.errLines().get(0).startsWith("vtsne: transform 40 points x 12 dims into a " + (dims.isEmpty() ? 2 : 3)
                + "-D map of 160 points from model " + model + (pca.isEmpty() ? "," : " (PCA to 5 components),")), t.err());
        assertArrayEquals(Files.readAllBytes(fromFiles), Files.readAllBytes(fromModel),
                "transform --model writes the same bytes as transform from the reference input and map");
    }

    @Test
    void csvLabelsOfTheNewInputWorkWithAModel() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 120, 6);
        Path map = dir.resolve("map.csv"), model = dir.resolve("m.npz");
        ok("embed " + train + " -o " + map + " --labels col:cls --save-model " + model + " -q " + FAST);
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        ok("transform " + train + " " + map + " " + train + " -o " + a + " --labels col:cls -q");
        ok("transform --model " + model + " " + train + " -o " + b + " --labels col:cls -q");
        assertEquals(Files.readString(a), Files.readString(b));
        assertTrue(Files.readString(b).startsWith("x,y,label\n"));
    }

    @Test
    void embedRefusesABadModelPathBeforeTheFit() throws Exception {
        Path in = npy("in.npy", 60, 6, 1);
        Path out = dir.resolve("map.npy");
        byte[] input = Files.readAllBytes(in);
        assertError(2, List.of("model file " + in + " is the same file as input", "overwritten"), out,
                "embed " + in + " -o " + out + " --save-model " + in + " " + FAST);
        assertError(2, List.of("--save-model and another output name the same file"), out,
                "embed " + in + " -o " + out + " --save-model " + out.resolveSibling("map.npy") + " " + FAST);
        assertError(2, List.of("must end in .npz"), out, "embed " + in + " -o " + out + " --save-model " + dir.resolve("m.npz.gz") + " " + FAST);
        assertError(2, List.of("must end in .npz"), out, "embed " + in + " -o " + out + " --save-model " + dir.resolve("m.zip") + " " + FAST);
        assertError(1, List.of("directory of model file", "does not exist"), out,
                "embed " + in + " -o " + out + " --save-model " + dir.resolve("no/m.npz") + " " + FAST);
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no Linux /proc here");
        assertError(1, List.of("cannot write model file " + proc.resolve("m.npz"), "choose a writable directory"), out,
                "embed " + in + " -o " + out + " --save-model " + proc.resolve("m.npz") + " " + FAST);
        assertArrayEquals(input, Files.readAllBytes(in), "the input is untouched");
    }

    @Test
    void anInputTheFitRescalesCannotBeSaved() throws Exception {
        float[] x = TestData.clusters(60, 6, 1);
        for (int k = 0; k < x.length; k++) {
            x[k] *= 1e30f; // beyond 2^40: the fit rescales it, and new points could not be placed consistently
        }
        Path in = dir.resolve("huge.npy"), out = dir.resolve("map.npy"), model = dir.resolve("m.npz");
        NpyWriter.writeFloats(in, x, 60, 6);
        CliRun r = CliRun.of(args("embed " + in + " -o " + out + " --save-model " + model + " -q " + FAST));
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("vtsne: error: cannot save the model: this map's input had magnitudes beyond 2^40")
                && r.err().contains("or leave out --save-model"), r.err());
        assertFalse(Files.exists(out) || Files.exists(model), "nothing written");
        ok("embed " + in + " -o " + out + " -q " + FAST); // without --save-model the map is made
    }

    @Test
    void transformRefusesBadModelsInOneLine() throws Exception {
        Path in = npy("in.npy", 80, 6, 1), fresh = npy("new.npy", 10, 6, 2), wide = npy("wide.npy", 10, 7, 2);
        Path model = dir.resolve("model.npz"), out = dir.resolve("out.npy");
        ok("embed " + in + " -o " + dir.resolve("map.npy") + " --save-model " + model + " -q " + FAST);
        byte[] good = Files.readAllBytes(model);

        assertError(1, List.of("model file " + dir.resolve("none.npz") + " does not exist", "check the path"), out,
                "transform --model " + dir.resolve("none.npz") + " " + fresh + " -o " + out);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        assertError(1, List.of("model file " + cut, "truncated", "'vtsne embed ... --save-model' wrote"), out,
                "transform --model " + cut + " " + fresh + " -o " + out);
        assertError(1, List.of("model file " + fresh, "not a ZIP archive"), out, "transform --model " + fresh + " " + fresh + " -o " + out);
        Path future = dir.resolve("future.npz");
        rewrite(model, future, "format_version=1", "format_version=3");
        String line = assertError(1, List.of("format version 3", "reads format version 1", "save the model again"), out,
                "transform --model " + future + " " + fresh + " -o " + out);
        assertFalse(line.contains("embed ... --save-model' wrote"), line);
        Path shapes = dir.resolve("shapes.npz");
        rewrite(model, shapes, "points=80", "points=81");
        assertError(1, List.of("reference.npy", "(80, 6)", "(81, 6)"), out, "transform --model " + shapes + " " + fresh + " -o " + out);
        assertError(1, List.of("new input " + wide + " has 7 columns", "model " + model + " was made from 6 columns"), out,
                "transform --model " + model + " " + wide + " -o " + out);
        assertArrayEquals(good, Files.readAllBytes(model), "the model is untouched");
    }

    @Test
    void transformCommandLineMistakesWithAModel() throws Exception {
        Path in = npy("in.npy", 60, 6, 1), fresh = npy("new.npy", 10, 6, 2);
        Path map = dir.resolve("map.npy"), model = dir.resolve("model.npz"), out = dir.resolve("out.npy");
        ok("embed " + in + " -o " + map + " --save-model " + model + " -q " + FAST);
        byte[] good = Files.readAllBytes(model);
        assertError(2, List.of("--model replaces REFERENCE_INPUT and REFERENCE_MAP", "got 3 files"), out,
                "transform --model " + model + " " + in + " " + map + " " + fresh + " -o " + out);
        assertError(2, List.of("--pca and --seed", "leave them out"), out,
                "transform --model " + model + " " + fresh + " -o " + out + " --pca 5");
        assertError(2, List.of("--pca and --seed"), out, "transform --model " + model + " " + fresh + " -o " + out + " --seed 1");
        Path npyNamed = dir.resolve("model.npy"); // a library user may name a model anything; the CLI writes .npy outputs
        Files.copy(model, npyNamed);
        assertError(2, List.of("output file " + npyNamed + " is the same file as input"), null,
                "transform --model " + npyNamed + " " + fresh + " -o " + npyNamed);
        assertArrayEquals(good, Files.readAllBytes(npyNamed), "that model is untouched");
        assertError(2, List.of("got 0 files"), out, "transform --model " + model + " -o " + out);
        assertError(2, List.of("REFERENCE_INPUT REFERENCE_MAP NEW_INPUT", "--model MODEL.npz NEW_INPUT", "got 1 file"), out,
                "transform " + fresh + " -o " + out);
        assertError(2, List.of("col:cls", "CSV new input"), out,
                "transform --model " + model + " " + fresh + " -o " + out + " --labels col:cls");
        assertArrayEquals(good, Files.readAllBytes(model), "the model is untouched");
        CliRun help = CliRun.of("transform", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("or: vtsne transform --model MODEL.npz NEW_INPUT -o OUTPUT") && help.out().contains("--model=MODEL.npz"),
                help.out());
    }

    @Test
    void aPcaLargerThanTheReferenceIsRefusedWithTheFlag() throws Exception {
        Path in = npy("in.npy", 8, 12, 1), fresh = npy("new.npy", 3, 12, 2), map = dir.resolve("map.npy");
        NpyWriter.writeFloats(map, TestData.clusters(8, 2, 1), 8, 2);
        assertError(1, List.of("--pca 10 needs at least 10 reference points", "has 8", "use the --pca value the map was made with"),
                dir.resolve("out.npy"), "transform " + in + " " + map + " " + fresh + " -o " + dir.resolve("out.npy") + " --pca 10 -p 2");
    }

    /** Copies a model, replacing {@code from} by {@code to} in its model.txt. */
    private static void rewrite(Path src, Path dst, String from, String to) throws Exception {
        try (ZipFile zip = new ZipFile(src.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dst))) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getName().equals("model.txt")) {
                    String s = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(s.contains(from), s);
                    bytes = s.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
