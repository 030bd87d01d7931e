/**
 * vtsne: exact and approximate t-SNE and SNE on the JDK Vector API.
 *
 * <p>The API is the package {@code dev.vtsne} alone ({@link dev.vtsne.TSne} is the entry point);
 * every other package is internal. On the module path the incubator module comes with this
 * module's {@code requires}, so a consumer's JVM needs no {@code --add-modules} to run the vector
 * kernels; on the class path the engine falls back to its scalar twins with one warning.
 *
 * <p>fastutil-core (automatic module {@code it.unimi.dsi.fastutil.core}) is an internal dependency
 * of the engine: it appears in no exported signature, so it is not required transitively, but it
 * must be on the module path beside this jar (Maven puts it there). picocli and
 * {@code java.desktop} serve only the command line and its plots ({@code dev.vtsne.cli},
 * {@code dev.vtsne.plot}), so they are required statically: a library user needs neither.
 */
module dev.vtsne {
    requires jdk.incubator.vector;
    requires it.unimi.dsi.fastutil.core;
    requires static info.picocli;
    requires static java.desktop;

    exports dev.vtsne;

    // picocli fills the command classes' annotated fields by reflection.
    opens dev.vtsne.cli to info.picocli;
}
