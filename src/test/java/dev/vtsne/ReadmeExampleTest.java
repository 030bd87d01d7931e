package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile against the library: each ```java block of README.md is
 * wrapped in a class (its import lines on top) and a method that receives {@code double[][] rows}
 * (the README says the data is given so), then compiled with the system compiler against the
 * test classpath. An example that no longer matches the API fails here.
 */
class ReadmeExampleTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path out;

    static List<String> javaBlocks() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The block as a compilation unit: imports first, the rest in a method body. */
    static String wrap(String block, String className) {
        StringBuilder imports = new StringBuilder(), body = new StringBuilder();
        for (String line : block.split("\\R")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\npublic class " + className + " {\n"
                + "    static void example(double[][] rows) throws Exception {\n"
                + body
                + "    }\n}\n";
    }

    @Test
    void javaExamplesCompile() throws Exception {
        List<String> blocks = javaBlocks();
        assertFalse(blocks.isEmpty(), "README.md has a ```java example");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the tests");
        String classpath = System.getProperty("java.class.path") + File.pathSeparator + Path.of("target/classes").toAbsolutePath();
        for (int i = 0; i < blocks.size(); i++) {
            String name = "ReadmeExample" + i;
            String source = wrap(blocks.get(i), name);
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            boolean ok = javac.getTask(null, null, diagnostics,
                    List.of("-classpath", classpath, "-d", out.toString(), "-proc:none", "-Xlint:none"),
                    null, List.of(unit)).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
                }
            }
            assertTrue(ok && errors.isEmpty(), "README java block " + (i + 1) + " does not compile:" + errors + "\n" + source);
            assertTrue(Files.exists(out.resolve(name + ".class")));
        }
    }

    @Test
    void aBrokenExampleIsCaught() throws Exception {
        // the check itself works: a call the API does not have fails to compile
        String source = wrap("import dev.vtsne.TSne;\nTSne.noSuchMethod(rows);\n", "Broken");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Broken.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classpath = System.getProperty("java.class.path") + File.pathSeparator + Path.of("target/classes").toAbsolutePath();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, null, diagnostics, List.of("-classpath", classpath, "-d", out.toString(), "-proc:none"),
                null, List.of(unit)).call();
        assertFalse(ok);
        assertTrue(diagnostics.getDiagnostics().stream().anyMatch(d -> d.getMessage(Locale.ROOT).contains("noSuchMethod")));
    }
}
