package dev.vtsne.io;

import java.nio.file.Path;
import java.util.Locale;

/** The file kinds vtsne reads and writes, told apart by extension; a trailing ".gz" means gzip. */
public enum FileFormat {
    CSV(','),
    TSV('\t'),
    NPY((char) 0);

    private final char delimiter;

    FileFormat(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Field separator of a text format. */
    public char delimiter() {
        return delimiter;
    }

    /** Whether this is a delimited text format (CSV or TSV). */
    public boolean isText() {
        return this != NPY;
    }

    /** Whether the path ends in ".gz". */
    public static boolean isGzip(Path path) {
        return fileName(path).endsWith(".gz");
    }

    /**
     * The format of {@code path} from its extension: .csv, .tsv (or .tab) or .npy, each optionally
     * followed by .gz. A .txt name is refused: it does not say how fields are separated, and the
     * commonest .txt of numbers (numpy.savetxt) separates them with spaces, which a comma reader
     * would take for one field per line.
     *
     * @param role what the file is for, as the message should name it ("input", "output", ...)
     */
    public static FileFormat of(Path path, String role) throws InputFormatException {
        String name = fileName(path);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) {
            return CSV;
        }
        if (base.endsWith(".txt")) {
            throw new InputFormatException(role + " file " + path + " ends in .txt, which does not say how fields are "
                    + "separated; name it .csv (commas) or .tsv (tabs), or use .npy");
        }
        if (base.endsWith(".tsv") || base.endsWith(".tab")) {
            return TSV;
        }
        if (base.endsWith(".npy")) {
            return NPY;
        }
        int dot = base.lastIndexOf('.');
        String ext = dot < 0 ? "no extension" : "extension '" + base.substring(dot) + "'";
        throw new InputFormatException(role + " file " + path + " has " + ext
                + "; use a name ending in .csv, .tsv or .npy (optionally followed by .gz)");
    }

    private static String fileName(Path path) {
        Path f = path.getFileName();
        return f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
    }
}
