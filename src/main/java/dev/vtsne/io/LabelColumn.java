package dev.vtsne.io;

/**
 * Which column of a CSV input holds the labels: by header name, or by 0-based index where
 * negative indices count from the end ({@code -1} is the last column).
 *
 * @param name  header name, or null when selected by index
 * @param index 0-based index (negative from the end); ignored when {@code name} is set
 */
public record LabelColumn(String name, int index) {

    /** The column whose header is {@code name} (matched exactly, then ignoring case). */
    public static LabelColumn byName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("label column name must not be empty");
        }
        return new LabelColumn(name.strip(), 0);
    }

    /** The column at 0-based {@code index}; negative counts from the end (-1 = last). */
    public static LabelColumn byIndex(int index) {
        return new LabelColumn(null, index);
    }

    /** Parses what follows "col:": an integer is an index, anything else a header name. */
    public static LabelColumn parse(String text) {
        String t = text.strip();
        if (t.matches("[+-]?\\d{1,9}")) {
            return byIndex(Integer.parseInt(t));
        }
        return byName(t);
    }

    /** Whether the column is selected by header name rather than by index. */
    public boolean byName() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? "column '" + name + "'" : "column at index " + index;
    }
}
