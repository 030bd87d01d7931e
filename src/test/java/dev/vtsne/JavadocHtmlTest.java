package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API documentation builds: the JDK's javadoc tool, run on the library's sources as
 * {@code mvn javadoc:javadoc} runs it, reports no error (a bare {@code <} in a comment is
 * malformed HTML and fails the build of the javadoc jar). Missing tags stay warnings here;
 * {@link JavadocTest} checks that every public member has a comment.
 */
class JavadocHtmlTest {

    @TempDir
    Path out;

    @Test
    void javadocRunsWithoutErrors() throws IOException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        assertNotNull(javadoc, "a JDK (not a JRE) runs the tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager fm = javadoc.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            // The sources hold module-info.java, so javadoc documents the module dev.vtsne: the
            // modules it requires (fastutil, picocli) come from the test run's jars, on the module path.
            String jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> e.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
            List<String> options = List.of("-quiet", "-Xdoclint:html,syntax", "--module-path", jars, "-d", out.toString());
            boolean ok = javadoc.getTask(log, fm, null, null, options, units).call();
            String errors = log.toString().lines().filter(l -> l.contains("error:")).reduce("", (a, b) -> a + b + "\n");
            assertEquals("", errors, "javadoc errors");
            assertEquals(true, ok, log.toString());
        }
    }
}
