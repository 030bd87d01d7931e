package dev.vtsne;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved reference map ({@link ReferenceMap#load}) that cannot be used: missing or unreadable,
 * not a ZIP archive, damaged or truncated, saved by a newer vtsne (a format version this one does
 * not read), or with entries that are missing, unexpected, of the wrong shape or not finite.
 * {@link #path()} is the file and {@link #problem()} what is wrong with it, with the numbers.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: a Path need not be serializable. */
    private final transient Path path;
    private final String problem;
    private final int newerFormatVersion;

    ModelFormatException(Path path, String problem) {
        this(path, problem, null);
    }

    ModelFormatException(Path path, String problem, Throwable cause) {
        this(path, problem, 0, cause);
    }

    private ModelFormatException(Path path, String problem, int newerFormatVersion, Throwable cause) {
        super("saved reference map " + path + " " + problem, cause);
        this.path = path;
        this.problem = problem;
        this.newerFormatVersion = newerFormatVersion;
    }

    /** A file in a format version newer than {@link ReferenceMap#FORMAT_VERSION}. */
    static ModelFormatException newer(Path path, int version) {
        return new ModelFormatException(path, "was saved in format version " + version + " by a newer vtsne; this vtsne reads format version "
                + ReferenceMap.FORMAT_VERSION + " only", version, null);
    }

    /** The file that was read. */
    public Path path() {
        return path;
    }

    /**
     * The format version the file was saved in when that is the problem (newer than
     * {@link ReferenceMap#FORMAT_VERSION}, which this vtsne reads), else 0.
     */
    public int newerFormatVersion() {
        return newerFormatVersion;
    }

    /** What is wrong with it, a phrase that follows the file's name ("is not a ZIP archive ..."). */
    public String problem() {
        return problem;
    }
}
