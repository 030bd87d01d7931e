package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or a kill while the command line runs: the shutdown hook asks the run to stop and waits
 * for it, so the process ends with a non-zero code, says so in one line, and leaves neither the
 * output nor a temporary file. Runs the real CLI in a child JVM with the flags of jvm.config;
 * Process.destroy() sends SIGTERM, which runs shutdown hooks as SIGINT does.
 */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void killDuringTheIterationsLeavesNoFile() throws Exception {
        List<String> err = interrupt(1500, "iteration 50/", "--method", "bh");
        assertTrue(err.stream().anyMatch(l -> l.equals("vtsne: error: interrupted; no output was written")), String.join("\n", err));
    }

    @Test
    void killDuringTheAffinitiesLeavesNoFile() throws Exception {
        // the exact method's calibration runs over all pairs: the kill lands before the iterations
        interrupt(4000, "method exact:", "--method", "exact");
    }

    /**
     * Starts the CLI, kills it once stderr shows {@code marker}, checks the outcome; returns stderr.
     * No clock: it waits for the marker as long as the child runs (100,000 iterations: it gets
     * there), and for the child to end after the kill; a child that never ends is the failure
     * this test exists to catch, and shows as a hung build rather than as a race with a timer.
     */
    private List<String> interrupt(int n, String marker, String... extra) throws Exception {
        Path in = TestData.csv(dir, "in.csv", n, 10);
        Path out = dir.resolve("map.csv");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("jvm.config").toAbsolutePath(), "-Dvtsne.warmup=false",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "embed", in.toString(), "-o", out.toString(), "--plot", dir.resolve("map.png").toString(),
                "--labels", "col:cls", "--iterations", "100000", "--threads", "2"));
        cmd.addAll(List.of(extra));
        Path errFile = Files.createTempFile("vtsne-interrupt", ".err"); // outside dir, which must end up holding only the input
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errFile.toFile()).start();
            boolean seen = false;
            while (!seen && p.isAlive()) {
                Thread.sleep(50); // polling the child's stderr file, not a time limit
                seen = Files.readAllLines(errFile, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith(marker));
            }
            p.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl-C
            p.waitFor();
            List<String> err = Files.readAllLines(errFile, StandardCharsets.UTF_8);
            String log = String.join("\n", err);
            assertTrue(seen, "never saw '" + marker + "':\n" + log);
            assertNotEquals(0, p.exitValue(), log);
            List<String> left;
            try (var files = Files.list(dir)) {
                left = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertEquals(List.of("in.csv"), left, "only the input may remain:\n" + log);
            return err;
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
