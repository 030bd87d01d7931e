package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The library's API is documented: every public type and every public method or constructor
 * that callers can reach (public all the way out; interface members count as public) has a
 * Javadoc comment. Overrides inherit theirs; records' accessors are described by the record's
 * {@code @param} tags, and enum constants need none. Parsed with the JDK's compiler tree API, so
 * comments in strings or odd formatting cannot fool it.
 */
class JavadocTest {

    private static final Path MAIN = Path.of("src/main/java");

    private DocTrees docs;

    @Test
    void everyPublicTypeAndMethodHasAJavadocComment() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
            docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Boolean>() {
                    @Override
                    public Void visitClass(ClassTree c, Boolean reachable) {
                        boolean enclosingInterface = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree p
                                && isInterface(p);
                        boolean visible = reachable && (isPublic(c.getModifiers()) || enclosingInterface);
                        if (visible && docs.getDocCommentTree(getCurrentPath()) == null) {
                            missing.add(where(unit, c) + " type " + c.getSimpleName());
                        }
                        return super.visitClass(c, visible);
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Boolean reachable) {
                        ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
                        boolean visible = reachable && (isPublic(m.getModifiers())
                                || (isInterface(owner) && !m.getModifiers().getFlags().contains(Modifier.PRIVATE)));
                        if (visible && !overrides(m) && !compactConstructor(unit, m, owner)
                                && docs.getDocCommentTree(getCurrentPath()) == null) {
                            String name = m.getName().contentEquals("<init>") ? owner.getSimpleName() + " (constructor)"
                                    : owner.getSimpleName() + "." + m.getName();
                            missing.add(where(unit, m) + " method " + name);
                        }
                        return null; // local and anonymous classes are not API
                    }

                    private String where(CompilationUnitTree u, Tree t) {
                        long line = u.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(u, t));
                        return MAIN.toAbsolutePath().relativize(Path.of(u.getSourceFile().toUri())) + ":" + line;
                    }
                }.scan(new TreePath(unit), Boolean.TRUE);
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " public types or methods without a Javadoc comment:\n  "
                + String.join("\n  ", missing));
    }

    private static boolean isPublic(ModifiersTree m) {
        return m.getFlags().contains(Modifier.PUBLIC);
    }

    private static boolean isInterface(ClassTree c) {
        return c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
    }

    private static boolean overrides(MethodTree m) {
        return m.getModifiers().getAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
    }

    /**
     * A record's compact canonical constructor ({@code public Name {...}}, validation only), which
     * the record's Javadoc describes. Recognized in the source: no parameter list before the body.
     */
    private boolean compactConstructor(CompilationUnitTree unit, MethodTree m, ClassTree owner) {
        if (owner.getKind() != Tree.Kind.RECORD || !m.getName().contentEquals("<init>") || m.getBody() == null) {
            return false;
        }
        try {
            var positions = docs.getSourcePositions();
            String src = unit.getSourceFile().getCharContent(true).toString();
            String head = src.substring((int) positions.getStartPosition(unit, m), (int) positions.getStartPosition(unit, m.getBody()));
            return !head.contains("(");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
