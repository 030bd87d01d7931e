package dev.vtsne.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Writes files whole or not at all: the content goes to a temporary file in the target's
 * directory, which is then renamed over the target (atomically where the file system allows).
 * A failed or interrupted write leaves the target as it was.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** What fills the file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out} (which the caller closes). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** What the writes of {@link #abandonIf} check before they rename: the run was interrupted. */
    private static final ScopedValue<BooleanSupplier> ABANDON = ScopedValue.newInstance();

    /** The work of {@link #abandonIf}. */
    @FunctionalInterface
    public interface Writes {
        /** Does the writes. */
        void run() throws IOException, InputFormatException;
    }

    /**
     * Runs {@code writes} so that every {@link #write} in it, on this thread, gives up when
     * {@code abandon} says so just before its rename: the temporary file is deleted, the target
     * is left as it was, and the write throws {@link java.io.InterruptedIOException}. For a
     * command line that is being interrupted (Ctrl-C) while it writes.
     */
    public static void abandonIf(BooleanSupplier abandon, Writes writes) throws IOException, InputFormatException {
        try {
            ScopedValue.where(ABANDON, abandon).<Void, Exception>call(() -> {
                writes.run();
                return null;
            });
        } catch (IOException | InputFormatException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // writes.run() throws nothing else
        }
    }

    /**
     * Writes {@code target} from {@code content}, gzip-compressed when the name ends in ".gz".
     *
     * @throws IOException when the directory is missing or not writable, or the write fails
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "the directory does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        BooleanSupplier abandon = ABANDON.isBound() ? ABANDON.get() : null;
        if (abandon != null) {
            tmp.toFile().deleteOnExit(); // should the JVM stop before this method's own cleanup runs
        }
        boolean done = false;
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
                 OutputStream out = FileFormat.isGzip(target) ? new GZIPOutputStream(buffered, 1 << 16) : buffered) {
                content.writeTo(out);
            }
            permissions(tmp, abs);
            if (abandon != null && abandon.getAsBoolean()) {
                throw new java.io.InterruptedIOException("interrupted before " + abs + " was written; it is left as it was");
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Gives the temporary file the target's permissions, or rw-r--r-- for a new file (temp files start private). */
    private static void permissions(Path tmp, Path target) {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    /** Whether two paths name the same file (following links), also when {@code a} does not exist yet. */
    public static boolean sameFile(Path a, Path b) {
        try {
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            return parent.toRealPath().resolve(abs.getFileName());
        }
        return abs;
    }

    /**
     * Refuses an output path that is the same file as one of the inputs, whose directory does not
     * exist or is not a directory, that is a directory itself, or where {@link #write} could not
     * create its temporary file: this creates one there and deletes it, which also finds what
     * permission bits do not show (a read-only file system, /proc, access control lists, root).
     *
     * @param role "output", "plot", ...
     */
    public static void checkWritable(Path output, String role, Path... inputs) throws InputFormatException {
        for (Path in : inputs) {
            if (in != null && sameFile(output, in)) {
                throw new InputFormatException(role + " file " + output + " is the input file " + in
                        + "; choose another " + role + " path so the input is not overwritten");
            }
        }
        Path abs = output.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.exists(dir)) {
            throw new InputFormatException("the directory of " + role + " file " + output
                    + " does not exist; create it first or choose another path");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputFormatException("cannot write " + role + " file " + output + ": " + dir
                    + " is a file, not a directory; choose another path");
        }
        if (Files.isDirectory(output)) {
            throw new InputFormatException(role + " file " + output + " is a directory; give a file name");
        }
        try {
            Files.delete(Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp"));
        } catch (IOException e) {
            throw new InputFormatException("cannot write " + role + " file " + output + ": cannot create a file in "
                    + dir + " (" + reason(e) + "); choose a writable directory");
        }
    }

    /** The operating system's word for a failure ("Read-only file system"), without the temporary file's name. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getClass().getSimpleName();
    }
}
