package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.Points;
import dev.vtsne.io.CsvReader;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.LabelColumn;
import dev.vtsne.io.NpyReader;
import dev.vtsne.io.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtsne transform} end to end: embed a reference, place new points into its map, and the refusals. */
class TransformCommandTest {

    static final String FAST = "--perplexity=10 --iterations=200 --threads=2";

    @TempDir
    Path dir;

    private static String[] args(String... parts) {
        return Stream.of(parts).flatMap(p -> Stream.of(p.split(" "))).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private Path out() {
        return dir.resolve("out.csv");
    }

    /** A CSV like {@link TestData#csv} (header f0..,cls) of other points from the same 4 clusters. */
    private Path newCsv(String name, int n, int dim, long seed) throws Exception {
        float[] x = TestData.clusters(n, dim, seed);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < dim; k++) {
            b.append('f').append(k).append(',');
        }
        b.append("cls\n");
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                b.append(String.format(Locale.ROOT, "%.5f", x[i * dim + k])).append(',');
            }
            b.append(TestData.label(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }

    /** Embeds {@code in} into map.csv (with labels) and returns the map's path. */
    private Path embed(Path in) {
        Path map = dir.resolve("map.csv");
        CliRun r = CliRun.of(args("embed " + in + " -o " + map + " --labels col:cls --quiet " + FAST));
        assertEquals(0, r.code(), r.err());
        return map;
    }

    private String assertError(int code, List<String> fragments, String... argv) {
        CliRun r = CliRun.of(argv);
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one stderr line: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("vtsne: error: "), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "mentions '" + f + "': " + line);
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("at dev."), r.err());
        assertFalse(Files.exists(out()), "no output written");
        return line;
    }

    @Test
    void placesNewPointsAmongTheirClustersWithoutTouchingTheInputs() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 200, 10);
        Path map = embed(train);
        Path fresh = newCsv("new.csv", 60, 10, 99);
        byte[] mapBytes = Files.readAllBytes(map), trainBytes = Files.readAllBytes(train), newBytes = Files.readAllBytes(fresh);
        CliRun r = CliRun.of(args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --labels col:cls --threads 2"));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.errLines();
        assertEquals("vtsne: transform 60 points x 10 dims into a 2-D map of 200 points, perplexity 5, 250 iterations, 2 threads",
                lines.get(0));
        assertEquals("wrote " + out(), lines.get(1));
        assertTrue(lines.get(2).matches("done: 250 iterations, mean KL per point \\d+\\.\\d{6} at the start, \\d+\\.\\d{6} at the end, kernels \\S+"),
                lines.get(2));
        assertTrue(lines.get(3).matches("time: knn and affinities \\d+\\.\\d{2} s, placement \\d+\\.\\d{2} s"), lines.get(3));
        assertEquals(4, lines.size(), r.err());
        assertArrayEquals(mapBytes, Files.readAllBytes(map), "the reference map is not modified");
        assertArrayEquals(trainBytes, Files.readAllBytes(train));
        assertArrayEquals(newBytes, Files.readAllBytes(fresh));

        List<String> text = Files.readAllLines(out());
        assertEquals("x,y,label", text.get(0));
        assertEquals(61, text.size());
        Dataset placed = CsvReader.read(out(), LabelColumn.byName("label"));
        Dataset ref = CsvReader.read(map, LabelColumn.byName("label"));
        int agree = 0;
        for (int i = 0; i < 60; i++) {
            assertEquals(TestData.label(i), placed.labels().nameOf(i));
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 200; j++) {
                double dx = placed.points().get(i, 0) - ref.points().get(j, 0), dy = placed.points().get(i, 1) - ref.points().get(j, 1);
                if (dx * dx + dy * dy < bestD) {
                    bestD = dx * dx + dy * dy;
                    best = j;
                }
            }
            if (ref.labels().nameOf(best).equals(placed.labels().nameOf(i))) {
                agree++;
            }
        }
        assertTrue(agree >= 57, "nearest reference point has the new point's cluster for " + agree + " of 60");
    }

    @Test
    void npyFilesWithPcaQuietAndThreadIndependent() throws Exception {
        float[] x = TestData.clusters(150, 12, 3);
        Path in = dir.resolve("in.npy");
        NpyWriter.writeFloats(in, x, 150, 12);
        Path map = dir.resolve("map.npy");
        CliRun e = CliRun.of(args("embed " + in + " -o " + map + " --pca 5 --seed 3 --quiet " + FAST));
        assertEquals(0, e.code(), e.err());
        Path fresh = dir.resolve("new.npy");
        NpyWriter.writeFloats(fresh, TestData.clusters(30, 12, 8), 30, 12);
        Path o1 = dir.resolve("o1.npy"), o2 = dir.resolve("o2.npy");
        CliRun r = CliRun.of(args("transform " + in + " " + map + " " + fresh + " -o " + o1 + " --pca 5 --seed 3 --quiet --threads 1"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        r = CliRun.of(args("transform " + in + " " + map + " " + fresh + " -o " + o2 + " --pca 5 --seed 3 -q -t 2 --init weighted"));
        assertEquals(0, r.code(), r.err());
        Points a = NpyReader.readPoints(o1), b = NpyReader.readPoints(o2);
        assertEquals(30, a.size());
        assertEquals(2, a.dim());
        CliRun again = CliRun.of(args("transform " + in + " " + map + " " + fresh + " -o " + o2 + " --pca 5 --seed 3 -q -t 2"));
        assertEquals(0, again.code(), again.err());
        assertArrayEquals(a.rowMajor(), NpyReader.readPoints(o2).rowMajor(), "1 and 2 threads give the same bits");
        assertFalse(java.util.Arrays.equals(a.rowMajor(), b.rowMajor()), "--init weighted is another start");
    }

    @Test
    void newPointsWithOtherColumns() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 80, 6);
        Path map = embed(train);
        Path fresh = newCsv("new.csv", 10, 7, 5);
        assertError(1, List.of("new input", "7 columns", "6", "same features"),
                args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --labels col:cls"));
    }

    @Test
    void aMapOfOtherPoints() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 80, 6);
        Path map = dir.resolve("small.npy");
        NpyWriter.writeFloats(map, new float[20], 10, 2);
        Path fresh = newCsv("new.csv", 10, 6, 5);
        assertError(1, List.of("10 rows", "80", "same order"),
                args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --labels col:cls"));
        Path wide = dir.resolve("wide.npy");
        NpyWriter.writeFloats(wide, new float[80 * 5], 80, 5);
        assertError(1, List.of("5 columns", "2 or 3"),
                args("transform " + train + " " + wide + " " + fresh + " -o " + out() + " --labels col:cls"));
    }

    @Test
    void tooFewReferencePointsForThePerplexity() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 40, 6);
        Path map = dir.resolve("map.npy");
        NpyWriter.writeFloats(map, TestData.clusters(40, 2, 1), 40, 2);
        Path fresh = newCsv("new.csv", 10, 6, 5);
        assertError(1, List.of("perplexity 20", "--perplexity 13.33"),
                args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --labels col:cls --perplexity 20"));
    }

    @Test
    void commandLineMistakes() throws Exception {
        Path train = TestData.csv(dir, "train.csv", 40, 6);
        Path map = dir.resolve("map.npy");
        NpyWriter.writeFloats(map, TestData.clusters(40, 2, 1), 40, 2);
        Path fresh = newCsv("new.csv", 10, 6, 5);
        byte[] mapBytes = Files.readAllBytes(map);
        assertError(2, List.of("same file", "overwritten"), args("transform " + train + " " + map + " " + fresh + " -o " + map));
        assertArrayEquals(mapBytes, Files.readAllBytes(map), "map untouched");
        assertError(2, List.of("--output"), args("transform " + train + " " + map + " " + fresh));
        assertError(2, List.of("NEW_INPUT"), args("transform " + train + " " + map + " -o " + out()));
        assertError(2, List.of("median or weighted"), args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --init pca"));
        assertError(2, List.of("learning rate"), args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --learning-rate 0"));
        String line = assertError(2, List.of("exaggeration", ">= 1", "got -1.0"),
                args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --exaggeration -1"));
        assertFalse(line.contains("early") || line.contains("4.0"), "names only the value given: " + line);
        line = assertError(2, List.of("iterations", ">= 0", "got -1"),
                args("transform " + train + " " + map + " " + fresh + " -o " + out() + " --iterations -1"));
        assertFalse(line.contains("early"), "names only the value given: " + line);
        assertError(2, List.of("'.json'"), args("transform " + train + " " + map + " " + fresh + " -o " + dir.resolve("o.json")));
        Path npyIn = dir.resolve("x.npy");
        NpyWriter.writeFloats(npyIn, new float[40 * 6], 40, 6);
        assertError(2, List.of("col:cls", "separate file"),
                args("transform " + npyIn + " " + map + " " + fresh + " -o " + out() + " --labels col:cls"));
        CliRun help = CliRun.of("transform", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("REFERENCE_MAP") && help.out().contains("Examples:") && help.out().contains("Default: 5"), help.out());
    }
}
