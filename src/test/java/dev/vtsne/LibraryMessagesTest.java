package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library speaks in values, the command line in options: no string literal of the library
 * (src/main/java outside dev.vtsne.cli) names a command-line option, a JVM flag, the launcher or
 * its files. The CLI turns the library's typed exceptions into advice with the options.
 */
class LibraryMessagesTest {

    private static final Path MAIN = Path.of("src/main/java");

    /** Words of the command line and the launcher, each with what it stands for. */
    private static final Map<String, Pattern> CLI_WORDS = Map.of(
            "a long option (--name)", Pattern.compile("(?<![\\w-])--[a-z]"),
            "a JVM system-property flag (-Dname)", Pattern.compile("(?<![\\w-])-D[a-z]"),
            "a JVM heap flag (-Xmx, -Xms)", Pattern.compile("-Xm[xs]"),
            "the launcher's JVM options file", Pattern.compile("jvm\\.config"),
            "a launcher variable (VTSNE_...)", Pattern.compile("VTSNE_[A-Z]"),
            "the launcher", Pattern.compile("bin/vtsne"),
            "the word option", Pattern.compile("(?i)\\boption\\b"),
            "the --labels syntax (col:)", Pattern.compile("\\bcol:"));

    @Test
    void noLibraryStringNamesTheCommandLine() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : librarySources()) {
            String rel = MAIN.relativize(f).toString().replace('\\', '/');
            for (Literal literal : literals(Files.readString(f))) {
                List<String> words = cliWords(literal.text());
                if (words.isEmpty()) {
                    continue;
                }
                offenders.add(MAIN.resolve(rel) + ":" + literal.line() + ": \"" + literal.text() + "\" has " + String.join(", ", words));
            }
        }
        assertTrue(offenders.isEmpty(), "library strings that name the command line (say the values; let dev.vtsne.cli give the advice):\n"
                + String.join("\n", offenders));
    }

    /** The scanner itself: literals with their lines, escapes and text blocks read, comments and chars skipped. */
    @Test
    void theScannerFindsLiteralsAndSkipsComments() {
        String src = """
                class A { // "--not-a-literal"
                    /* "--nor-this" */ char q = '"'; char e = '\\'';
                    String s = "use \\"--header\\" here";
                    String t = \"""
                        block --pca
                        \""";
                    String u = "jvm.config";
                }
                """;
        List<Literal> found = literals(src);
        assertEquals(List.of(3, 4, 7), found.stream().map(Literal::line).toList());
        assertEquals(List.of("use \\\"--header\\\" here", "block --pca", "jvm.config"), found.stream().map(l -> l.text().strip()).toList());
        assertEquals(List.of("a long option (--name)"), cliWords(found.get(0).text()));
        assertEquals(List.of("the launcher's JVM options file"), cliWords(found.get(2).text()));
        assertEquals(List.of(), cliWords("rw-r--r--"));
        assertEquals(List.of(), cliWords("options is null; optionally .gz"));
        assertEquals(List.of("the word option"), cliWords("see the option"));
    }

    /** The CLI words in {@code text}, by what they stand for. */
    private static List<String> cliWords(String text) {
        return CLI_WORDS.entrySet().stream().filter(e -> e.getValue().matcher(text).find()).map(Map.Entry::getKey).sorted().toList();
    }

    /** A string literal's text as written (escapes kept) and the 1-based line it starts on. */
    record Literal(int line, String text) {}

    /** The string literals and text blocks of Java source {@code src}, skipping comments and char literals. */
    static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < src.length(); ) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1;
                int end = closing(src, start, "\"\"\"");
                out.add(new Literal(line, src.substring(start, end)));
                line += count(src, i, end);
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closing(src, i + 1, String.valueOf(c));
                if (c == '"') {
                    out.add(new Literal(line, src.substring(i + 1, end)));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The index of the first unescaped {@code quote} from {@code from}. */
    private static int closing(String src, int from, String quote) {
        for (int i = from; i < src.length(); i++) {
            if (src.charAt(i) == '\\') {
                i++;
            } else if (src.startsWith(quote, i)) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed literal from index " + from);
    }

    private static int count(String s, int from, int to) {
        return (int) s.substring(from, to).chars().filter(ch -> ch == '\n').count();
    }

    private static List<Path> librarySources() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the project root");
        Path cli = MAIN.resolve("dev/vtsne/cli");
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.startsWith(cli)).sorted().toList();
        }
    }
}
