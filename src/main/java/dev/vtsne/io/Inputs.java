package dev.vtsne.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening input files with messages a user can act on. */
final class Inputs {

    private Inputs() {}

    /** Opens {@code path} for reading, through gunzip when its name ends in ".gz". */
    static InputStream open(Path path, String role) throws InputFormatException {
        if (!Files.exists(path)) {
            throw new InputFormatException(role + " file " + path + " does not exist; check the path");
        }
        if (Files.isDirectory(path)) {
            throw new InputFormatException(role + " file " + path + " is a directory; give a file");
        }
        if (!Files.isReadable(path)) {
            throw new InputFormatException(role + " file " + path + " is not readable; check its permissions");
        }
        InputStream raw = null;
        try {
            raw = Files.newInputStream(path);
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            if (FileFormat.isGzip(path)) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (ZipException e) {
            closeQuietly(raw);
            throw new InputFormatException(role + " file " + path + " ends in .gz but is not gzip data ("
                    + e.getMessage() + "); decompress it or rename it without .gz", e);
        } catch (IOException e) {
            closeQuietly(raw);
            throw readError(path.toString(), e);
        }
    }

    /** The message for an I/O failure while reading {@code source}. */
    static InputFormatException readError(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputFormatException("file " + source + " does not exist; check the path", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InputFormatException("file " + source + " is not readable; check its permissions", e);
        }
        if (e instanceof ZipException || (e instanceof java.io.EOFException && source.endsWith(".gz"))) {
            return new InputFormatException("file " + source + " is a damaged or truncated gzip file ("
                    + e.getMessage() + "); re-create or re-download it", e);
        }
        return new InputFormatException("cannot read " + source + ": " + e.getMessage()
                + "; check that the file is complete and readable", e);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
