package dev.vtsne.io;

import dev.vtsne.Points;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads numeric delimited text (CSV with commas, TSV with tabs; gzip when the name ends in .gz).
 *
 * <ul>
 * <li>The first non-blank row is a header when any of its fields (other than an index-selected
 *     label column) is not a number ({@link CsvHeader#AUTO}), or as declared ({@link CsvHeader#YES},
 *     {@link CsvHeader#NO}).</li>
 * <li>Blank lines are skipped; every other row must have as many fields as the first.</li>
 * <li>Fields may be quoted with double quotes ({@code "a,b"}, {@code ""} for a quote) within one line.</li>
 * <li>An optional label column ({@link LabelColumn}) is excluded from the features and may hold any
 *     text; every other field must be a finite number.</li>
 * </ul>
 * Every problem is reported with the file, the 1-based line and column, and what to do.
 */
public final class CsvReader {

    private CsvReader() {}

    /** Reads {@code path}, choosing the delimiter from its extension (.tsv/.tab: tab, otherwise comma). */
    public static Dataset read(Path path, LabelColumn labelColumn) throws InputFormatException {
        return read(path, labelColumn, CsvHeader.AUTO);
    }

    /**
     * Reads {@code path}, choosing the delimiter from its extension (.tsv/.tab: tab, otherwise
     * comma), with a header detected or declared by {@code header}.
     */
    public static Dataset read(Path path, LabelColumn labelColumn, CsvHeader header) throws InputFormatException {
        char delimiter = FileFormat.of(path, "input") == FileFormat.TSV ? '\t' : ',';
        try (InputStream in = Inputs.open(path, "input")) {
            return read(in, path.toString(), delimiter, labelColumn, header);
        } catch (IOException e) {
            throw Inputs.readError(path.toString(), e);
        }
    }

    /**
     * Reads delimited numbers from {@code in}; {@code source} names the input in messages.
     *
     * @param labelColumn the column holding labels, or null for none
     */
    public static Dataset read(InputStream in, String source, char delimiter, LabelColumn labelColumn) throws InputFormatException {
        return read(in, source, delimiter, labelColumn, CsvHeader.AUTO);
    }

    /**
     * Reads delimited numbers from {@code in} with the header detected or declared by
     * {@code headerMode}; {@code source} names the input in messages.
     *
     * @param labelColumn the column holding labels, or null for none
     */
    public static Dataset read(InputStream in, String source, char delimiter, LabelColumn labelColumn, CsvHeader headerMode)
            throws InputFormatException {
        java.util.Objects.requireNonNull(headerMode, "headerMode");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try {
            Records records = new Records(r);
            int lineNo;
            int cols = -1, labelIdx = -1, firstLine = 0;
            String[] header = null;
            FloatArrayList values = new FloatArrayList(1 << 12);
            List<String> labelValues = labelColumn == null ? null : new ArrayList<>();
            int rows = 0;
            for (String line; (line = records.next()) != null; ) {
                lineNo = records.lineNo;
                String[] f = split(line, delimiter, lineNo, source);
                if (cols < 0) {
                    cols = f.length;
                    firstLine = lineNo;
                    labelIdx = labelColumn == null || labelColumn.byName() ? -1 : resolveIndex(labelColumn, cols, source);
                    if (headerMode == CsvHeader.YES || (headerMode == CsvHeader.AUTO && looksLikeHeader(f, labelIdx))) {
                        header = f;
                        if (labelColumn != null && labelColumn.byName()) {
                            labelIdx = findName(header, labelColumn.name(), source);
                        }
                        if (cols - (labelIdx >= 0 ? 1 : 0) < 1) {
                            throw noFeatures(source, cols);
                        }
                        continue;
                    }
                    if (labelColumn != null && labelColumn.byName()) {
                        throw new LabelNameWithoutHeaderException(source, labelColumn.name(), headerMode, lineNo);
                    }
                    if (cols - (labelIdx >= 0 ? 1 : 0) < 1) {
                        throw noFeatures(source, cols);
                    }
                }
                if (f.length != cols) {
                    throw new InputFormatException(String.format(Locale.ROOT,
                            "%s: line %d has %d fields but line %d has %d; every row needs the same number of columns",
                            source, lineNo, f.length, firstLine, cols));
                }
                for (int c = 0; c < cols; c++) {
                    if (c == labelIdx) {
                        labelValues.add(f[c].strip());
                    } else {
                        values.add(number(f[c], lineNo, c, labelColumn == null,
                                headerMode == CsvHeader.NO && lineNo == firstLine, source));
                    }
                }
                rows++;
            }
            if (cols < 0) {
                throw new InputFormatException(source + " is empty (no rows); give a file with one point per row");
            }
            if (rows == 0) {
                throw new InputFormatException(source + " has a header but no data rows; give a file with one point per row");
            }
            int dim = cols - (labelIdx >= 0 ? 1 : 0);
            Points points = Points.ofRowMajor(values.toFloatArray(), rows, dim);
            return new Dataset(points, labelValues == null ? null : Labels.fromStrings(labelValues));
        } catch (IOException e) {
            throw Inputs.readError(source, e);
        }
    }

    /**
     * Reads a label file: one label per non-blank line, an optional header line (recognized when
     * the file has exactly one line more than {@code expected}).
     */
    public static Labels readLabels(Path path, int expected) throws InputFormatException {
        char delimiter = FileFormat.of(path, "label") == FileFormat.TSV ? '\t' : ',';
        try (InputStream in = Inputs.open(path, "label");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String source = path.toString();
            List<String> values = new ArrayList<>();
            Records records = new Records(r);
            for (String line; (line = records.next()) != null; ) {
                int lineNo = records.lineNo;
                String[] f = split(line, delimiter, lineNo, source);
                if (f.length != 1) {
                    throw new InputFormatException(String.format(Locale.ROOT,
                            "label file %s: line %d has %d fields; a label file needs exactly one label per line",
                            source, lineNo, f.length));
                }
                values.add(f[0].strip());
            }
            if (values.isEmpty()) {
                throw new InputFormatException("label file " + source + " is empty; give one label per point");
            }
            if (values.size() == expected + 1) {
                values.remove(0);
            }
            if (values.size() != expected) {
                throw new InputFormatException(String.format(Locale.ROOT,
                        "label file %s has %d labels but the input has %d points; give exactly one label per point",
                        source, values.size(), expected));
            }
            return Labels.fromStrings(values);
        } catch (IOException e) {
            throw Inputs.readError(path.toString(), e);
        }
    }

    private static InputFormatException noFeatures(String source, int cols) {
        return new InputFormatException(source + " has " + cols + " column" + (cols == 1 ? "" : "s")
                + " and none is left for features once the label column is taken out; give at least one feature column");
    }

    private static int resolveIndex(LabelColumn lc, int cols, String source) throws InputFormatException {
        int i = lc.index() < 0 ? cols + lc.index() : lc.index();
        if (i < 0 || i >= cols) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "label column index %d is out of range for %s, which has %d columns; use 0..%d, or -1 for the last column",
                    lc.index(), source, cols, cols - 1));
        }
        return i;
    }

    private static int findName(String[] header, String name, String source) throws InputFormatException {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        String shown = Arrays.toString(header.length > 12 ? Arrays.copyOf(header, 12) : header);
        throw new InputFormatException("label column '" + name + "' is not in the header of " + source
                + " (columns: " + shown.substring(1, shown.length() - 1) + (header.length > 12 ? ", ..." : "")
                + "); check the name or select the column by 0-based index");
    }

    private static boolean looksLikeHeader(String[] fields, int labelIdx) {
        for (int c = 0; c < fields.length; c++) {
            if (c != labelIdx && !isNumberLike(fields[c])) {
                return true;
            }
        }
        return false;
    }

    static boolean isNumberLike(String field) {
        String t = field.strip();
        if (t.isEmpty()) {
            return false;
        }
        if (nonFinite(t) != null) {
            return true;
        }
        return parse(t) != null;
    }

    /** "NaN", "inf", "-Infinity", ... as their value; null for anything else. */
    private static Double nonFinite(String t) {
        String s = t.toLowerCase(Locale.ROOT);
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf", "infinity" -> neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> null;
        };
    }

    /** A plain decimal number (digits, sign, point, exponent) or null. */
    private static Double parse(String t) {
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                return null;
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float number(String field, int lineNo, int c, boolean noLabelColumn, boolean declaredData, String source)
            throws InputFormatException {
        String t = field.strip();
        if (t.isEmpty()) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "%s: line %d, column %d is empty; fill in or remove missing values", source, lineNo, c + 1));
        }
        Double v = parse(t);
        if (v == null) {
            Double nf = nonFinite(t);
            if (nf != null) {
                throw new InputFormatException(String.format(Locale.ROOT,
                        "%s: line %d, column %d is %s; remove or impute non-finite values first",
                        source, lineNo, c + 1, Double.isNaN(nf) ? "NaN" : nf > 0 ? "Inf" : "-Inf"));
            }
            String shown = t.length() > 40 ? t.substring(0, 40) + "..." : t;
            throw new NonNumericFieldException(source, lineNo, c + 1, shown, declaredData, !noLabelColumn);
        }
        float f = v.floatValue();
        if (!Float.isFinite(f)) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "%s: line %d, column %d (%s) is outside the float range; rescale the data", source, lineNo, c + 1, t));
        }
        return f;
    }

    /** The non-blank lines of a text file with their 1-based line numbers, a leading BOM removed. */
    private static final class Records {
        private final BufferedReader reader;
        int lineNo;

        Records(BufferedReader reader) {
            this.reader = reader;
        }

        String next() throws IOException {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }
    }

    /** Splits one line; double quotes protect delimiters, and a doubled quote inside quotes is a quote. */
    static String[] split(String line, char delimiter, int lineNo, String source) throws InputFormatException {
        if (line.indexOf('"') < 0) {
            int count = 1;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    count++;
                }
            }
            String[] out = new String[count];
            int start = 0, k = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    out[k++] = line.substring(start, i);
                    start = i + 1;
                }
            }
            out[k] = line.substring(start);
            return out;
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "%s: line %d has an unclosed double quote; close it (fields cannot span lines)", source, lineNo));
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
