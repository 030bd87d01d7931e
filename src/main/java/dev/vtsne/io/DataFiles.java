package dev.vtsne.io;

import java.io.IOException;
import java.nio.file.Path;

/** Reads inputs and writes embeddings in whichever format the file name says. */
public final class DataFiles {

    private DataFiles() {}

    /**
     * Reads points (and labels when {@code labelColumn} is given) from a .csv, .tsv or .npy file.
     *
     * @param labelColumn a column of a text input that holds labels, or null
     */
    public static Dataset read(Path input, LabelColumn labelColumn) throws InputFormatException {
        return read(input, labelColumn, CsvHeader.AUTO);
    }

    /**
     * Reads points (and labels when {@code labelColumn} is given) from a .csv, .tsv or .npy file;
     * {@code header} says whether a text input's first row is a header (ignored for .npy).
     *
     * @param labelColumn a column of a text input that holds labels, or null
     */
    public static Dataset read(Path input, LabelColumn labelColumn, CsvHeader header) throws InputFormatException {
        FileFormat format = FileFormat.of(input, "input");
        if (format == FileFormat.NPY) {
            if (labelColumn != null) {
                throw new InputFormatException("a label " + labelColumn + " needs a .csv or .tsv input, but "
                        + input + " is .npy; read the labels from a separate label file instead");
            }
            return new Dataset(NpyReader.readPoints(input), null);
        }
        return CsvReader.read(input, labelColumn, header);
    }

    /** Reads a label file (.npy, .csv or .tsv) and checks that it has {@code expected} labels. */
    public static Labels readLabels(Path path, int expected) throws InputFormatException {
        FileFormat format = FileFormat.of(path, "label");
        if (format != FileFormat.NPY) {
            return CsvReader.readLabels(path, expected);
        }
        Labels labels = NpyReader.readLabels(path);
        if (labels.size() != expected) {
            throw new InputFormatException("label file " + path + " has " + labels.size() + " labels but the input has "
                    + expected + " points; give exactly one label per point");
        }
        return labels;
    }

    /**
     * Writes {@code n x dims} row-major coordinates: .npy gets a float32 array, text gets a header
     * and, when {@code labels} is not null, a label column.
     */
    public static void writeEmbedding(Path output, float[] rowMajor, int n, int dims, Labels labels)
            throws IOException, InputFormatException {
        FileFormat format = FileFormat.of(output, "output");
        if (format == FileFormat.NPY) {
            NpyWriter.writeFloats(output, rowMajor, n, dims);
        } else {
            CsvWriter.write(output, rowMajor, n, dims, labels);
        }
    }
}
