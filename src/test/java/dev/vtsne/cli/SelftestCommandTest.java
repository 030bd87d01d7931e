package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vtsne selftest} end to end: PASS on a sound setup, FAIL and exit code 1 on the scalar fallback. */
class SelftestCommandTest {

    @Test
    void passesOnThisMachineAndSaysWhatRan() {
        CliRun run = CliRun.of("selftest");
        String out = run.out();
        assertEquals(0, run.code(), out + run.err());
        assertTrue(out.contains("kernels: vector-"), out);
        for (String check : List.of("vector kernels in use", "squared distances", "squared distances to rows", "squared distance tile",
                "gaussian sums", "t-SNE repulsion, attraction, log kernel", "SNE normalizers, repulsion, weighted sums", "first below a threshold", "FFT butterflies", "PCA products",
                "embedding, exact method", "embedding, bh method", "embedding, fft method", "same bits on 1 and 2 threads (bh)")) {
            assertTrue(out.contains("PASS  " + check + ":"), check + " in\n" + out);
        }
        assertTrue(!out.contains("FAIL"), out);
        assertTrue(out.strip().endsWith("selftest: all 16 checks passed"), out);
    }

    @Test
    void helpListsIt() {
        CliRun run = CliRun.of("--help");
        assertTrue(run.out().contains("selftest"), run.out());
    }

    /**
     * A JVM without the vector module (no jvm.config): the check says so, the CLI adds how to get
     * the module while the library's warning names only the module, and the exit code is 1.
     */
    @Test
    void failsWhenTheVectorKernelsAreNotInUse() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dvtsne.warmup=false", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "selftest")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out); // the output is complete: the child closed it by ending
        assertTrue(out.contains("FAIL  vector kernels in use: scalar twins instead: module jdk.incubator.vector is not in the"
                + " boot layer; run Java with --add-modules=jdk.incubator.vector (bin/vtsne does: see jvm.config)"), out);
        List<String> warnings = out.lines().filter(l -> l.contains("using scalar kernels")).toList();
        assertEquals(1, warnings.size(), out);
        assertTrue(warnings.get(0).contains("module jdk.incubator.vector") && !warnings.get(0).contains("jvm.config"), out);
        assertTrue(out.contains("PASS  embedding, exact method"), out);
        assertTrue(out.contains("checks FAILED"), out);
    }
}
