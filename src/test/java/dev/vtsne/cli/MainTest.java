package dev.vtsne.cli;

import static dev.vtsne.io.NpyFixtures.dict;
import static dev.vtsne.io.NpyFixtures.f4;
import static dev.vtsne.io.NpyFixtures.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vtsne.Points;
import dev.vtsne.io.CsvReader;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.LabelColumn;
import dev.vtsne.io.NpyReader;
import dev.vtsne.io.NpyWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    static final String FAST = "--perplexity=10 --iterations=200 --threads=2";

    /** The kernels the build's scalar end-to-end run forces (-Dvtsne.kernels=scalar). */
    private static final String SCALAR = "scalar";

    @TempDir
    Path dir;

    private static String[] args(String... parts) {
        return Stream.of(parts).flatMap(p -> Stream.of(p.split(" "))).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private Path out() {
        return dir.resolve("out.csv");
    }

    private Path png() {
        return dir.resolve("out.png");
    }

    /**
     * Runs a command expected to fail: exit code, exactly one "vtsne: error:" line containing every
     * fragment, no stack trace, nothing on stdout, and no output or plot written.
     */
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
        assertFalse(r.err().contains("Exception") || r.err().contains("at dev.") || r.err().contains("at picocli."), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out()), "no output written");
        assertFalse(Files.exists(png()), "no plot written");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return line;
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Path bytes(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private String[] embed(Path input, String... more) {
        return args("embed " + input + " -o " + out() + " --plot " + png() + " " + FAST + " " + String.join(" ", more));
    }

    // ---- usage and help ----

    @Test
    void helpShowsDefaultsAndExamples() {
        CliRun raw = CliRun.of("embed", "--help");
        assertEquals(0, raw.code());
        CliRun r = new CliRun(raw.code(), raw.out().replaceAll("\\s+", " "), raw.err());
        assertTrue(r.out().contains("Default: 30") && r.out().contains("Default: 750") && r.out().contains("Default: tsne")
                && r.out().contains("Default: auto") && r.out().contains("Default: 42"), r.out());
        assertTrue(r.out().contains("Examples:") && r.out().contains("--labels col:"), r.out());
        CliRun demo = CliRun.of("demo", "--help");
        assertEquals(0, demo.code());
        assertTrue(demo.out().contains("Examples:") && demo.out().contains("CC BY 4.0"), demo.out());
    }

    @Test
    void everyOptionShowsItsDefaultAndEveryCommandHasExamples() {
        picocli.CommandLine top = Cli.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
        List<picocli.CommandLine> commands = new java.util.ArrayList<>(List.of(top));
        commands.addAll(top.getSubcommands().values());
        for (picocli.CommandLine c : commands) {
            String name = c.getCommandSpec().qualifiedName();
            CliRun help = CliRun.of(name.equals("vtsne") ? new String[] {"--help"} : new String[] {c.getCommandName(), "--help"});
            assertEquals(0, help.code(), name);
            String text = help.out().replaceAll("\\s+", " ");
            assertTrue(text.contains("Examples:"), name + " --help has examples: " + help.out());
            for (picocli.CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.required()) {
                    continue;
                }
                String description = String.join(" ", o.description());
                assertTrue(description.contains("Default:"), name + " " + o.longestName() + " states its default: " + description);
                assertTrue(text.contains(o.longestName()), name + " --help lists " + o.longestName());
            }
        }
        CliRun embed = CliRun.of("embed", "--help");
        String text = embed.out().replaceAll("\\s+", " ");
        for (String shown : List.of("Default: none", "Default: auto", "Default: 1000x1000", "Default: 0.5", "Default: pca")) {
            assertTrue(text.contains(shown), shown + " in " + embed.out());
        }
        assertFalse(text.contains("${DEFAULT-VALUE}"), "defaults are filled in");
    }

    @Test
    void versionHasAFallback() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("vtsne \\S+\\R"), r.out());
    }

    @Test
    void noCommand() {
        assertError(2, List.of("no command", "embed"));
    }

    @Test
    void unknownOption() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("--bogus"), embed(in, "--bogus"));
    }

    @Test
    void badNumber() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("--iterations", "'many'"), embed(in, "--iterations many"));
    }

    @Test
    void nonPositivePerplexity() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("perplexity"), embed(in, "--perplexity 0"));
    }

    @Test
    void badDimensions() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("dimensions", "2 or 3"), embed(in, "--dims 4"));
    }

    @Test
    void badObjective() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("tsne or sne"), embed(in, "--objective umap"));
    }

    @Test
    void missingOutputOption() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("--output"), "embed", in.toString());
    }

    @Test
    void unknownInputExtension() throws Exception {
        Path in = file("in.xlsx", "1,2\n");
        assertError(2, List.of("'.xlsx'", ".csv"), embed(in));
    }

    @Test
    void unknownOutputExtension() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("'.json'"), args("embed " + in + " -o " + dir.resolve("out.json") + " " + FAST));
        assertFalse(Files.exists(dir.resolve("out.json")));
    }

    @Test
    void txtInputAndOutputAreRefusedForTheirUnknownSeparator() throws Exception {
        Path in = file("in.txt", "1 2 3\n4 5 6\n");
        assertError(2, List.of("input file", "in.txt", ".csv (commas)", ".tsv (tabs)"), embed(in));
        Path csv = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("output file", "out.txt", ".csv (commas)"),
                args("embed " + csv + " -o " + dir.resolve("out.txt") + " " + FAST));
        assertFalse(Files.exists(dir.resolve("out.txt")));
    }

    @Test
    void plotMustBePng() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        Path jpg = dir.resolve("out.jpg");
        assertError(2, List.of(".png or .svg"), args("embed " + in + " -o " + out() + " --plot " + jpg));
        assertFalse(Files.exists(jpg));
    }

    @Test
    void outputEqualToInput() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        String before = Files.readString(in);
        assertError(2, List.of("same file", "overwritten"), args("embed " + in + " -o " + dir + "/./in.csv " + FAST));
        assertEquals(before, Files.readString(in), "input untouched");
    }

    @Test
    void pngIsNotAnInput() throws Exception {
        Path in = bytes("in.png", new byte[] {1});
        assertError(2, List.of("'.png'"), embed(in));
    }

    @Test
    void labelColumnOfNpyInput() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(2, 1)"), f4(1, 2)));
        assertError(2, List.of("col:-1", ".npy", "separate file"), embed(in, "--labels col:-1"));
    }

    @Test
    void headerOptionOnNpyInput() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(2, 1)"), f4(1, 2)));
        assertError(2, List.of("--header yes", ".csv/.tsv"), embed(in, "--header yes"));
    }

    @Test
    void badHeaderValue() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("'maybe'", "auto, yes or no"), embed(in, "--header maybe"));
    }

    @Test
    void declaredNoHeaderOnAFileWithOne() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(1, List.of("line 1", "'f0'", "--header yes"), embed(in, "--header no --labels col:-1"));
    }

    @Test
    void reportMustBeJson() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(2, List.of("--report", ".json"), embed(in, "--report " + dir.resolve("r.txt")));
    }

    @Test
    void reportThatIsTheInputThroughALink() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        String before = Files.readString(in);
        Path link = Files.createSymbolicLink(dir.resolve("r.json"), in);
        assertError(2, List.of("report file", "same file", "overwritten"), embed(in, "--report " + link));
        assertEquals(before, Files.readString(in), "input untouched");
    }

    // ---- data and file errors ----

    @Test
    void missingInput() {
        assertError(1, List.of("does not exist", "nope.csv"), embed(dir.resolve("nope.csv")));
    }

    @Test
    void inputIsADirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("folder.csv"));
        assertError(1, List.of("is a directory"), embed(d));
    }

    @Test
    void unreadableInput() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        try {
            Files.setPosixFilePermissions(in, java.util.Set.of());
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("no POSIX permissions here");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(in), "running as root: every file is readable");
        assertError(1, List.of("not readable", "permissions"), embed(in));
    }

    @Test
    void outputThatIsTheInputThroughALink() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        String before = Files.readString(in);
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), in);
        assertError(2, List.of("output file", "same file", "overwritten"), args("embed " + in + " -o " + link + " " + FAST));
        assertEquals(before, Files.readString(in), "input untouched");
    }

    @Test
    void outputThatIsTheLabelFile() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(2, 1)"), f4(1, 2)));
        Path labels = file("labels.csv", "a\nb\n");
        assertError(2, List.of("same file", "labels.csv"), args("embed " + in + " -o " + labels + " --labels " + labels));
        assertEquals("a\nb\n", Files.readString(labels));
    }

    @Test
    void aFailedRunLeavesAnExistingOutputAsItWas() throws Exception {
        Path in = file("in.csv", "1,2\n3,nan\n");
        Path existing = file("old.csv", "x,y\n0,0\n");
        CliRun r = CliRun.of(args("embed " + in + " -o " + existing + " " + FAST));
        assertEquals(1, r.code());
        assertEquals("x,y\n0,0\n", Files.readString(existing), "not truncated, not replaced");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void raggedCsv() throws Exception {
        Path in = file("in.csv", "1,2,3\n4,5,6\n7,8\n");
        assertError(1, List.of("line 3", "2 fields", "3"), embed(in));
    }

    @Test
    void nonNumericCsv() throws Exception {
        Path in = file("in.csv", "a,b\n1,2\n3,abc\n");
        assertError(1, List.of("line 3, column 2", "'abc'"), embed(in));
    }

    @Test
    void nanInCsv() throws Exception {
        Path in = file("in.csv", "1,2\n3,nan\n");
        assertError(1, List.of("line 2, column 2", "NaN"), embed(in));
    }

    @Test
    void infinityInCsv() throws Exception {
        Path in = file("in.csv", "1,2\ninf,4\n");
        assertError(1, List.of("line 2, column 1", "Inf"), embed(in));
    }

    @Test
    void emptyCsv() throws Exception {
        Path in = file("in.csv", "");
        assertError(1, List.of("empty"), embed(in));
    }

    @Test
    void headerOnlyCsv() throws Exception {
        Path in = file("in.csv", "a,b\n");
        assertError(1, List.of("no data rows"), embed(in));
    }

    @Test
    void notGzip() throws Exception {
        Path in = file("in.csv.gz", "1,2\n");
        assertError(1, List.of("gzip"), embed(in));
    }

    @Test
    void npyObjectDtype() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("|O", false, "(2, 1)"), new byte[16]));
        assertError(1, List.of("dtype object"), embed(in));
    }

    @Test
    void npyBigEndian() throws Exception {
        Path in = bytes("in.npy", npy(1, dict(">f8", false, "(2, 1)"), new byte[16]));
        assertError(1, List.of("big-endian"), embed(in));
    }

    @Test
    void npyComplexDtype() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<c8", false, "(2, 1)"), new byte[16]));
        assertError(1, List.of("dtype '<c8'", "astype(np.float32)"), embed(in));
    }

    @Test
    void npyStringDtypeAsPoints() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<U1", false, "(2, 1)"), new byte[8]));
        assertError(1, List.of("'<U1'", "numbers"), embed(in));
    }

    @Test
    void npyNaN() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(2, 2)"), f4(1, 2, Float.NaN, 4)));
        assertError(1, List.of("row 2, column 1", "NaN"), embed(in));
    }

    @Test
    void npyEmpty() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(0, 3)"), new byte[0]));
        assertError(1, List.of("empty"), embed(in));
    }

    @Test
    void npyEmptyFile() throws Exception {
        Path in = bytes("in.npy", new byte[0]);
        assertError(1, List.of("not a .npy file"), embed(in));
    }

    @Test
    void npyTruncated() throws Exception {
        Path in = bytes("in.npy", npy(1, dict("<f4", false, "(20, 2)"), f4(1, 2, 3)));
        assertError(1, List.of("truncated"), embed(in));
    }

    @Test
    void tooFewPointsForThePerplexity() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 20, 3);
        String line = assertError(1, List.of("perplexity 30", "20 points", "--perplexity 6.33"),
                args("embed " + in + " -o " + out() + " --plot " + png() + " --labels col:cls"));
        assertFalse(line.contains("Exception"));
    }

    @Test
    void twoPointsEmbedAtTheSuggestedPerplexityWithEveryMethod() throws Exception {
        Path in = file("two.csv", "1,2,3\n4,5,6\n");
        String line = assertError(1, List.of("2 points", "--perplexity 0.33"), args("embed " + in + " -o " + out()));
        String suggested = line.replaceAll(".*--perplexity (\\S+) or less.*", "$1");
        for (String method : new String[] {"exact", "bh", "fft"}) {
            CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " -p " + suggested + " -m " + method + " -n 100 -q"));
            assertEquals(0, r.code(), method + ": " + r.err());
            assertEquals("", r.err(), method);
            Points y = CsvReader.read(out(), null).points();
            assertEquals(2, y.size(), method);
            float[] v = y.rowMajor();
            for (float f : v) {
                assertTrue(Float.isFinite(f), method + ": " + java.util.Arrays.toString(v));
            }
            assertTrue(v[0] != v[2] || v[1] != v[3], method + ": the two points are apart: " + java.util.Arrays.toString(v));
            Files.delete(out());
        }
    }

    @Test
    void aHugePerplexityIsRefusedWithTheTrueCount() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 20, 3);
        String line = assertError(1, List.of("perplexity 1.0E300", "at least 3.0E300 points", "--perplexity 6.33"),
                args("embed " + in + " -o " + out() + " --labels col:cls --perplexity 1e300"));
        assertFalse(line.contains("-9223372036854775808") || line.contains("9223372036854775807"), line);
    }

    @Test
    void tooManyPointsForTheExactMethod() throws Exception {
        int n = dev.vtsne.affinity.ExactAffinities.MAX_POINTS + 1;
        Path in = dir.resolve("in.npy");
        NpyWriter.writeFloats(in, new float[n], n, 1);
        assertError(1, List.of("at most", String.valueOf(n), "use method bh or fft"), embed(in, "--method exact"));
    }

    @Test
    void unknownLabelColumn() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(1, List.of("'species'", "f0, f1"), embed(in, "--labels col:species"));
    }

    @Test
    void labelFileOfTheWrongLength() throws Exception {
        Path in = dir.resolve("in.npy");
        NpyWriter.writeFloats(in, TestData.clusters(40, 5, 1), 40, 5);
        Path labels = dir.resolve("labels.npy");
        NpyWriter.writeInts(labels, new int[39]);
        assertError(1, List.of("39 labels", "40 points"), embed(in, "--labels " + labels));
    }

    @Test
    void missingOutputDirectory() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        Path o = dir.resolve("missing/out.csv");
        assertError(1, List.of("does not exist"), args("embed " + in + " -o " + o + " " + FAST));
    }

    @Test
    void outputDirectoryThatIsAFile() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        Path notDir = file("notdir", "");
        assertError(1, List.of(notDir.toString(), "is a file, not a directory"),
                args("embed " + in + " -o " + notDir.resolve("out.csv") + " " + FAST));
    }

    @Test
    void outputDirectoryWhereNoFileCanBeCreatedIsFoundBeforeAnyWork() throws Exception {
        // /proc takes no new files, even from root, whose permission bits say it may write anywhere
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no Linux /proc here");
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        assertError(1, List.of("cannot write output file " + proc.resolve("out.csv"), "cannot create a file in /proc",
                "choose a writable directory"), args("embed " + in + " -o " + proc.resolve("out.csv") + " --labels col:cls " + FAST));
        assertError(1, List.of("cannot write plot file " + proc.resolve("out.png"), "cannot create a file in /proc"),
                args("embed " + in + " -o " + out() + " --plot " + proc.resolve("out.png") + " --labels col:cls " + FAST));
        assertError(1, List.of("cannot write report file", "cannot create a file in /proc"),
                args("embed " + in + " -o " + out() + " --report " + proc.resolve("r.json") + " --labels col:cls " + FAST));
    }

    @Test
    void pcaToAsManyComponentsAsColumnsSaysItIsSkippedAndChangesNothing() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 60, 5);
        Path plain = dir.resolve("plain.csv");
        CliRun r = CliRun.of(args("embed " + in + " -o " + plain + " --labels col:cls -q " + FAST));
        assertEquals(0, r.code(), r.err());
        for (String k : new String[] {"5", "50"}) {
            r = CliRun.of(args("embed " + in + " -o " + out() + " --labels col:cls --pca " + k + " " + FAST));
            assertEquals(0, r.code(), r.err());
            assertEquals("pca: skipped: the input has 5 dims, no more than --pca " + k
                    + " asks for; they are used as they are (to reduce them, use --pca 4 or less)", r.errLines().get(1), r.err());
            assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(out()), "--pca " + k + " gives the map without PCA");
        }
        r = CliRun.of(args("embed " + in + " -o " + out() + " --labels col:cls --pca 5 -q " + FAST));
        assertEquals("", r.err(), "--quiet says nothing");
    }

    @Test
    void divergenceIsADataErrorWithoutOutput() throws Exception {
        // the scalar twins sum in double: this map's coordinates reach ~1e24 and stay finite, where
        // the vector kernels' float squared distances overflow and the run diverges
        assumeFalse(SCALAR.equals(System.getProperty("vtsne.kernels")), "no divergence at this rate on the scalar twins");
        Path in = TestData.csv(dir, "in.csv", 60, 4);
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --labels col:cls --perplexity 5 --iterations 60"
                + " --learning-rate 1e30 --threads 1"));
        assertEquals(1, r.code(), r.err());
        List<String> errors = r.errLines().stream().filter(l -> l.startsWith("vtsne: error: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).contains("diverged") && errors.get(0).contains("--learning-rate"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("at dev."), r.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Path in = file("in.csv", "1,2\n3,abc\n");
        CliRun r = CliRun.of(embed(in, "--debug"));
        assertEquals(1, r.code());
        assertTrue(r.errLines().get(0).startsWith("vtsne: error: "), r.err());
        assertTrue(r.err().contains("at dev.vtsne."), r.err());
    }

    // ---- successful runs ----

    @Test
    void csvToNpyWithLabelColumnAndPlot() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 200, 10);
        Path npyOut = dir.resolve("map.npy");
        CliRun r = CliRun.of(args("embed " + in + " -o " + npyOut + " --plot " + png() + " --labels col:cls " + FAST
                + " --plot-size 300x200"));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.errLines();
        assertEquals("vtsne: 200 points x 10 dims, t-SNE, perplexity 10, 200 iterations, 2 threads", lines.get(0));
        assertEquals(List.of("iteration 50/200", "iteration 100/200", "iteration 150/200", "iteration 200/200"),
                lines.stream().filter(l -> l.startsWith("iteration")).map(l -> l.substring(0, l.indexOf("  "))).toList());
        for (String l : lines) {
            if (l.startsWith("iteration")) {
                // all 200 iterations are within the default 250 of early exaggeration
                assertTrue(l.matches("iteration \\d+/200  KL \\(exaggerated\\) \\d+\\.\\d{6}  elapsed \\d+\\.\\d{2} s \\(optimizing \\d+\\.\\d{2} s\\)"), l);
            }
        }
        String done = lines.get(lines.size() - 2);
        assertTrue(done.matches("done: 200 iterations, KL \\d+\\.\\d{6}, exact, kernels \\S+"), done);
        String time = lines.get(lines.size() - 1);
        assertTrue(time.matches("time: affinities \\d+\\.\\d{2} s, gradient \\(attraction and repulsion fused\\) \\d+\\.\\d{2} s, "
                + "update \\d+\\.\\d{2} s, kl \\d+\\.\\d{2} s, total \\d+\\.\\d{2} s"), time);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("done:")).count());
        Points y = NpyReader.readPoints(npyOut);
        assertEquals(200, y.size());
        assertEquals(2, y.dim());
        BufferedImage img = ImageIO.read(png().toFile());
        assertNotNull(img);
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
    }

    @Test
    void npyToCsvWithLabelFileQuietAnd3d() throws Exception {
        float[] x = TestData.clusters(200, 6, 3);
        Path in = dir.resolve("in.npy");
        NpyWriter.writeFloats(in, x, 200, 6);
        int[] cls = new int[200];
        for (int i = 0; i < 200; i++) {
            cls[i] = 10 + i % 4;
        }
        Path labels = dir.resolve("labels.npy");
        NpyWriter.writeInts(labels, cls);
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --labels " + labels + " --dims 3 --quiet " + FAST));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = Files.readAllLines(out());
        assertEquals(201, lines.size());
        assertEquals("x,y,z,label", lines.get(0));
        Dataset back = CsvReader.read(out(), LabelColumn.byName("label"));
        assertEquals(3, back.points().dim());
        for (int i = 0; i < 200; i++) {
            assertEquals(String.valueOf(cls[i]), back.labels().nameOf(i));
        }
        assertFalse(Files.exists(png()));
    }

    @Test
    void fortranOrderFloat64NpyToNpy() throws Exception {
        // what np.save(np.asfortranarray(x)) writes: column after column, float64
        int n = 120, d = 4;
        float[] x = TestData.clusters(n, d, 11);
        double[] columnMajor = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                columnMajor[k * n + i] = x[i * d + k];
            }
        }
        Path in = bytes("in.npy", npy(1, dict("<f8", true, "(" + n + ", " + d + ")"), dev.vtsne.io.NpyFixtures.f8(columnMajor)));
        Path o = dir.resolve("map.npy");
        CliRun r = CliRun.of(args("embed " + in + " -o " + o + " " + FAST));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.errLines().get(0).startsWith("vtsne: 120 points x 4 dims"), r.err());
        Points y = NpyReader.readPoints(o);
        assertEquals(n, y.size());
        assertEquals(2, y.dim());
        // the same data in C order gives the same map, bit for bit
        Path c = dir.resolve("c.npy");
        NpyWriter.writeFloats(c, x, n, d);
        Path o2 = dir.resolve("map2.npy");
        assertEquals(0, CliRun.of(args("embed " + c + " -o " + o2 + " --quiet " + FAST)).code());
        assertArrayEquals(y.rowMajor(), NpyReader.readPoints(o2).rowMajor());
    }

    @Test
    void tsvWithoutHeaderAndSne() throws Exception {
        float[] x = TestData.clusters(120, 4, 5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            b.append(x[i * 4]).append('\t').append(x[i * 4 + 1]).append('\t').append(x[i * 4 + 2]).append('\t')
                    .append(x[i * 4 + 3]).append('\n');
        }
        Path in = file("in.tsv", b.toString());
        Path o = dir.resolve("out.tsv");
        CliRun r = CliRun.of(args("embed " + in + " -o " + o + " --objective sne --iterations 100 --perplexity 10 --threads 1"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.errLines().get(0).contains("120 points x 4 dims, SNE, perplexity 10, 100 iterations, 1 thread"), r.err());
        List<String> lines = Files.readAllLines(o);
        assertEquals("x\ty", lines.get(0));
        assertEquals(121, lines.size());
    }

    @Test
    void declaredHeaderOnAnAllNumericFirstRow() throws Exception {
        float[] x = TestData.clusters(80, 3, 9);
        StringBuilder b = new StringBuilder("10,20,30,7\n"); // a numeric header: column ids
        for (int i = 0; i < 80; i++) {
            b.append(x[i * 3]).append(',').append(x[i * 3 + 1]).append(',').append(x[i * 3 + 2]).append(',').append(i % 4).append('\n');
        }
        Path in = file("in.csv", b.toString());
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --header yes --labels col:-1 --quiet " + FAST));
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out());
        assertEquals("x,y,label", lines.get(0));
        assertEquals(81, lines.size(), "80 points: the first row was the header");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        assertTrue(o instanceof Map, "an object: " + o);
        return (Map<String, Object>) o;
    }

    private static double num(Object o) {
        assertTrue(o instanceof Double, "a number: " + o);
        return (Double) o;
    }

    @Test
    void reportIsValidJsonWithTheRunsFacts() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 200, 10);
        Path report = dir.resolve("run.json");
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --labels col:cls --report " + report + " " + FAST));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("phase affinities") && r.err().contains("phase optimize"), "plain phase lines: " + r.err());
        assertFalse(r.err().contains("\r"), "no live line when stderr is not a terminal");
        String text = Files.readString(report);
        Map<String, Object> j = obj(MiniJson.parse(text));
        assertEquals(List.of("report_format", "vtsne_version", "started_at", "wall_time_s", "input", "output", "parameters",
                "method", "method_description", "neighbours", "kernels", "vector_bits", "iterations_done", "kl", "times_s",
                "kl_history", "environment"), List.copyOf(j.keySet()));
        assertEquals(in.toString(), obj(j.get("input")).get("path"));
        assertEquals(200.0, num(obj(j.get("input")).get("n")));
        assertEquals(10.0, num(obj(j.get("input")).get("dims")));
        assertEquals(4.0, num(obj(j.get("input")).get("labels")));
        assertEquals(out().toString(), obj(j.get("output")).get("embedding"));
        Map<String, Object> params = obj(j.get("parameters"));
        assertEquals(10.0, num(params.get("perplexity")));
        assertEquals(200.0, num(params.get("iterations")));
        assertEquals(200.0, num(params.get("learning_rate")), "auto: max(200, n/12)");
        assertEquals(Boolean.TRUE, params.get("learning_rate_auto"));
        assertEquals(42.0, num(params.get("seed")));
        assertEquals("tsne", params.get("objective"));
        assertEquals("exact", j.get("method"));
        assertEquals(null, j.get("neighbours"));
        String kernels = (String) j.get("kernels");
        if (SCALAR.equals(System.getProperty("vtsne.kernels"))) {
            assertEquals(SCALAR, kernels);
            assertEquals(null, j.get("vector_bits"));
        } else {
            assertTrue(kernels.startsWith("vector-"), kernels);
            assertEquals(Double.parseDouble(kernels.substring(7)), num(j.get("vector_bits")));
        }
        assertEquals(200.0, num(j.get("iterations_done")));
        Map<String, Object> times = obj(j.get("times_s"));
        for (String k : List.of("warmup", "pca", "knn", "affinities", "gradient", "update", "kl", "total")) {
            assertTrue(num(times.get(k)) >= 0, k);
        }
        assertEquals(null, times.get("attraction"), "fused in the exact method");
        List<?> history = (List<?>) j.get("kl_history");
        assertEquals(4, history.size(), "every 50 iterations");
        assertEquals(50.0, num(obj(history.get(0)).get("iteration")));
        assertEquals(num(obj(history.get(3)).get("kl")), num(j.get("kl")));
        assertTrue(num(j.get("wall_time_s")) >= num(times.get("total")), "wall time covers the phases");
        assertTrue(r.err().contains(String.format(java.util.Locale.ROOT, "KL %.6f", num(j.get("kl")))), r.err());
    }

    @Test
    void reportOfAKnnMethodHasNeighboursAndTheSplit() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 200, 10);
        Path report = dir.resolve("run.json");
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --quiet --method bh --labels col:cls --report " + report + " " + FAST));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "--quiet prints nothing, with or without a report");
        Map<String, Object> j = obj(MiniJson.parse(Files.readString(report)));
        assertEquals("bh", j.get("method"));
        assertEquals(30.0, num(j.get("neighbours")));
        assertTrue(num(obj(j.get("times_s")).get("attraction")) >= 0);
        assertEquals(null, obj(j.get("output")).get("plot"));
    }

    @Test
    void svgPlotIsWellFormedWithAMarkPerPointAndALegend() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 120, 6);
        Path svg = dir.resolve("map.svg");
        CliRun r = CliRun.of(args("embed " + in + " -o " + out() + " --labels col:cls --plot " + svg + " --quiet " + FAST));
        assertEquals(0, r.code(), r.err());
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals("1000", d.getDocumentElement().getAttribute("width"));
        org.w3c.dom.NodeList circles = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
        assertEquals(120 + 4, circles.getLength(), "120 points and 4 legend swatches");
        String text = Files.readString(svg);
        for (int c = 0; c < 4; c++) {
            assertTrue(text.contains(">c" + c + "</text>"), "legend entry c" + c);
        }
    }

    @Test
    void demoWritesCsvAndPng() throws Exception {
        Path d = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "-o", d.toString(), "--iterations", "300", "--plot-size", "640x480");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.errLines().get(0).startsWith("vtsne: 1797 points x 64 dims, t-SNE, perplexity 30, 300 iterations"), r.err());
        assertTrue(r.errLines().get(r.errLines().size() - 2).startsWith("done: 300 iterations, KL "), r.err());
        assertTrue(r.errLines().get(r.errLines().size() - 1).matches("time: (warmup .*, )?knn .*, affinities .*, attraction .*, repulsion .*, update .*"), r.err());
        List<String> lines = Files.readAllLines(d.resolve("digits.csv"));
        assertEquals("x,y,label", lines.get(0));
        assertEquals(1797, lines.size() - 1);
        Dataset back = CsvReader.read(d.resolve("digits.csv"), LabelColumn.byName("label"));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), back.labels().names());
        BufferedImage img = ImageIO.read(d.resolve("digits.png").toFile());
        assertNotNull(img, "a PNG");
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        java.util.Set<Integer> colors = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colors.add(img.getRGB(x, y));
            }
        }
        assertTrue(colors.size() > 10, "not one color: " + colors.size());
    }

    @Test
    void bundledDigitsMatchTheShape() throws Exception {
        Dataset d = DemoCommand.load();
        assertEquals(1797, d.points().size());
        assertEquals(64, d.points().dim());
        assertEquals(10, d.labels().count());
        assertArrayEquals(new float[] {0, 0, 5, 13}, java.util.Arrays.copyOf(d.points().rowMajor(), 4));
    }
}
