package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering DESIGN.md promises, checked on the sources: only dev.vtsne.simd.panama imports
 * the incubator module, and the engine packages use neither the command line, picocli, nor AWT.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/vtsne");

    @Test
    void onlyThePanamaPackageImportsTheVectorApi() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : javaFiles()) {
            boolean panama = MAIN.relativize(f).startsWith(Path.of("simd/panama"));
            if (!panama && Files.readString(f).contains("import jdk.incubator.vector")) {
                offenders.add(f.toString());
            }
        }
        assertTrue(offenders.isEmpty(), "import jdk.incubator.vector outside simd.panama: " + offenders);
    }

    @Test
    void theEngineHasNoCliOrPlottingCode() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : javaFiles()) {
            Path rel = MAIN.relativize(f);
            if (rel.startsWith(Path.of("cli")) || rel.startsWith(Path.of("plot")) || rel.startsWith(Path.of("io"))) {
                continue;
            }
            String src = Files.readString(f);
            for (String banned : List.of("import picocli", "import dev.vtsne.cli", "import dev.vtsne.plot", "import java.awt", "import javax.imageio", "System.exit")) {
                if (src.contains(banned)) {
                    offenders.add(rel + " (" + banned + ")");
                }
            }
        }
        assertTrue(offenders.isEmpty(), "engine files with CLI or plotting code: " + offenders);
    }

    private static List<Path> javaFiles() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the project root");
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
