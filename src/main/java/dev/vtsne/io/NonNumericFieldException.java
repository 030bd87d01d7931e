package dev.vtsne.io;

import java.util.Locale;

/**
 * A field of delimited text that should hold a feature but is not a number, with where it is and
 * what the reader assumed about the first row and the label column, so that a caller can say
 * which of those to change.
 */
public final class NonNumericFieldException extends InputFormatException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line, column;
    private final String text;
    private final boolean firstRowReadAsData, labelColumnSelected;

    /**
     * @param source              the input as messages name it
     * @param line                1-based line of the field
     * @param column              1-based column of the field
     * @param text                the field as shown (stripped, long ones cut)
     * @param firstRowReadAsData  the field is on the first row, read as data because the header mode is {@link CsvHeader#NO}
     * @param labelColumnSelected a label column was selected (so this column was meant as a feature)
     */
    public NonNumericFieldException(String source, int line, int column, String text, boolean firstRowReadAsData,
            boolean labelColumnSelected) {
        super(problem(source, line, column, text) + hint(line, column, firstRowReadAsData, labelColumnSelected));
        this.source = source;
        this.line = line;
        this.column = column;
        this.text = text;
        this.firstRowReadAsData = firstRowReadAsData;
        this.labelColumnSelected = labelColumnSelected;
    }

    /** The input as messages name it. */
    public String source() { return source; }

    /** 1-based line of the field. */
    public int line() { return line; }

    /** 1-based column of the field. */
    public int column() { return column; }

    /** The field as shown in the message. */
    public String text() { return text; }

    /** Whether the field's row is the first, read as data because the header mode is {@link CsvHeader#NO}. */
    public boolean firstRowReadAsData() { return firstRowReadAsData; }

    /** Whether a label column was selected. */
    public boolean labelColumnSelected() { return labelColumnSelected; }

    /** The problem without a hint: "{@code a.csv: line 3, column 2 is not a number: 'oops'; features must be numbers}". */
    public String problem() {
        return problem(source, line, column, text);
    }

    private static String problem(String source, int line, int column, String text) {
        return String.format(Locale.ROOT, "%s: line %d, column %d is not a number: '%s'; features must be numbers",
                source, line, column, text);
    }

    private static String hint(int line, int column, boolean firstRowReadAsData, boolean labelColumnSelected) {
        if (firstRowReadAsData) {
            return " (line " + line + " was read as data, as header mode NO says; if it is a header, read with header mode YES or AUTO)";
        }
        return labelColumnSelected ? ""
                : " (if column " + column + " holds labels, select it as the label column, 0-based index " + (column - 1) + ")";
    }
}
