package dev.vtsne.io;

/**
 * A label column selected by name in delimited text that has no header row, either declared so
 * ({@link CsvHeader#NO}) or detected (its first row is all numbers); such a column can only be
 * selected by index.
 */
public final class LabelNameWithoutHeaderException extends InputFormatException {

    private static final long serialVersionUID = 1L;

    private final String source, labelName;
    private final CsvHeader headerMode;
    private final int firstLine;

    /**
     * @param source     the input as messages name it
     * @param labelName  the name the label column was selected by
     * @param headerMode {@link CsvHeader#NO}, or {@link CsvHeader#AUTO} when the first row is all numbers
     * @param firstLine  1-based line of the first row
     */
    public LabelNameWithoutHeaderException(String source, String labelName, CsvHeader headerMode, int firstLine) {
        super(source + " has no header row (" + (headerMode == CsvHeader.NO ? "header mode NO" : "line " + firstLine + " is all numbers")
                + "), so label column '" + labelName + "' cannot be found by name; select it by 0-based index instead, -1 for the last column"
                + (headerMode == CsvHeader.NO ? ", or read with header mode YES" : ""));
        this.source = source;
        this.labelName = labelName;
        this.headerMode = headerMode;
        this.firstLine = firstLine;
    }

    /** The input as messages name it. */
    public String source() { return source; }

    /** The name the label column was selected by. */
    public String labelName() { return labelName; }

    /** {@link CsvHeader#NO} when declared so, {@link CsvHeader#AUTO} when the first row is all numbers. */
    public CsvHeader headerMode() { return headerMode; }

    /** 1-based line of the first row. */
    public int firstLine() { return firstLine; }
}
