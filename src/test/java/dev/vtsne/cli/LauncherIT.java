package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/vtsne as a user runs it: the JVM's "WARNING: Using incubator modules" line is dropped, so an
 * error is the only line on stderr, and a kill of the launcher reaches Java's shutdown hook. An
 * integration test (maven-failsafe, after {@code package}): it needs target/vtsne.jar as built, and
 * it fails rather than skips without it. The timeouts only guard against a hung child process; no
 * check reads a clock.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path LAUNCHER = ROOT.resolve("bin/vtsne");

    @TempDir
    Path dir;

    @BeforeEach
    void needsThePackagedJar() {
        assertTrue(Files.isRegularFile(ROOT.resolve("target/vtsne.jar")) && Files.isDirectory(ROOT.resolve("target/lib")),
                "no target/vtsne.jar: the launcher tests run after mvn package (mvn verify)");
    }

    private ProcessBuilder launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("VTSNE_JAVA_OPTS");
        b.environment().remove("VTSNE_STDERR_TERMINAL");
        return b;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anErrorIsExactlyOneLineOnStderr() throws Exception {
        Process p = launcher("embed", "missing.csv", "-o", "x.csv").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), err);
        assertEquals("vtsne: error: input file missing.csv does not exist; check the path\n", err);
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aRunsStderrStartsWithItsHeaderAndEndsWithItsTimes() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 5);
        Process p = launcher("embed", in.toString(), "-o", "map.csv", "--labels", "col:cls", "--perplexity", "10",
                "--iterations", "50", "--threads", "1").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        List<String> lines = err.lines().toList();
        assertTrue(lines.get(0).startsWith("vtsne: 40 points x 5 dims"), err);
        assertTrue(lines.get(lines.size() - 1).startsWith("time: "), "the last line is copied before the launcher exits: " + err);
        assertFalse(err.contains("WARNING"), err);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aKillOfTheLauncherStopsJavaWithoutOutput() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 1500, 10);
        Path errFile = Files.createTempFile("vtsne-launcher", ".err"); // outside dir, which must end up holding only the input
        List<ProcessHandle> java = List.of();
        try {
            Process p = launcher("embed", in.toString(), "-o", "map.csv", "--labels", "col:cls", "--method", "bh",
                    "--iterations", "100000", "--threads", "2")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
            boolean seen = false;
            while (!seen && p.isAlive()) {
                Thread.sleep(50);
                seen = Files.readAllLines(errFile, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith("iteration 50/"));
            }
            java = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).toList();
            p.destroy(); // SIGTERM to the launcher's bash, which passes it on to Java
            boolean ended = p.waitFor(2, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            String log = Files.readString(errFile, StandardCharsets.UTF_8);
            assertTrue(seen, "never saw iteration 50:\n" + log);
            assertTrue(ended, "the launcher did not end after the kill:\n" + log);
            assertEquals(1, java.size(), "one Java child: " + java);
            assertFalse(java.get(0).isAlive(), "Java ended with the launcher");
            assertEquals(143, p.exitValue(), log);
            assertTrue(log.endsWith("vtsne: error: interrupted; no output was written\n"), log);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("in.csv"), files.map(f -> f.getFileName().toString()).toList(), log);
            }
        } finally {
            java.forEach(ProcessHandle::destroyForcibly); // should the launcher have left it running
            Files.deleteIfExists(errFile);
        }
    }
}
