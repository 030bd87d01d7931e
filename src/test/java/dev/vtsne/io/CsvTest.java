package dev.vtsne.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private String error(String name, String content, LabelColumn col) throws IOException {
        Path p = file(name, content);
        InputFormatException e = assertThrows(InputFormatException.class, () -> CsvReader.read(p, col));
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void withoutHeader() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "1,2,3\n4,5,6\n"), null);
        assertEquals(2, d.points().size());
        assertEquals(3, d.points().dim());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.points().rowMajor());
        assertNull(d.labels());
    }

    @Test
    void withHeaderBlankLinesCrlfAndBom() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "\uFEFFa,b\r\n\r\n1.5,-2e3\r\n  \r\n+3, .25\r\n"), null);
        assertEquals(2, d.points().size());
        assertArrayEquals(new float[] {1.5f, -2000f, 3f, 0.25f}, d.points().rowMajor());
    }

    @Test
    void labelColumnByName() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "x,species,y\n1,setosa,2\n3,virginica,4\n5,setosa,6\n"),
                LabelColumn.byName("species"));
        assertEquals(2, d.points().dim());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.points().rowMajor());
        assertEquals(List.of("setosa", "virginica"), d.labels().names());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels().codes());
    }

    @Test
    void labelColumnByIndexAndFromTheEnd() throws Exception {
        Path p = file("a.csv", "1,2,9\n3,4,0\n5,6,9\n");
        Dataset last = CsvReader.read(p, LabelColumn.parse("-1"));
        Dataset byIndex = CsvReader.read(p, LabelColumn.parse("2"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, last.points().rowMajor());
        assertEquals(List.of("0", "9"), last.labels().names(), "numeric labels in numeric order");
        assertArrayEquals(new int[] {1, 0, 1}, last.labels().codes());
        assertEquals(last.labels(), byIndex.labels());
        Dataset first = CsvReader.read(p, LabelColumn.byIndex(0));
        assertArrayEquals(new float[] {2, 9, 4, 0, 6, 9}, first.points().rowMajor());
    }

    @Test
    void textLabelInFirstRowIsNotAHeaderWhenTheColumnIsSelected() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "1,2,cat\n3,4,dog\n"), LabelColumn.byIndex(-1));
        assertEquals(2, d.points().size());
        assertEquals(List.of("cat", "dog"), d.labels().names());
    }

    @Test
    void quotedFields() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "\"x\",\"name, full\",y\n\"1\",\"Smith, \"\"J\"\"\",2\n3,plain,4\n"),
                LabelColumn.byName("name, full"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.points().rowMajor());
        assertEquals(List.of("Smith, \"J\"", "plain"), d.labels().names());
    }

    @Test
    void declaredHeaderSkipsANumericFirstRow() throws Exception {
        Path p = file("a.csv", "1,2,0\n3,4,1\n5,6,1\n");
        Dataset auto = CsvReader.read(p, null, CsvHeader.AUTO);
        assertEquals(3, auto.points().size(), "auto: all numbers, so data");
        Dataset yes = CsvReader.read(p, LabelColumn.byName("0"), CsvHeader.YES);
        assertEquals(2, yes.points().size(), "yes: the first row is the header");
        assertArrayEquals(new float[] {3, 4, 5, 6}, yes.points().rowMajor());
        assertEquals(List.of("1"), yes.labels().names());
    }

    @Test
    void declaredNoHeaderMakesTheFirstRowData() throws Exception {
        Path p = file("a.csv", "1,2,cat\n3,4,dog\n");
        Dataset no = CsvReader.read(p, LabelColumn.byIndex(2), CsvHeader.NO);
        assertEquals(2, no.points().size());
        assertEquals(List.of("cat", "dog"), no.labels().names());
        NonNumericFieldException e = assertThrows(NonNumericFieldException.class,
                () -> CsvReader.read(file("b.csv", "a,b\n1,2\n"), null, CsvHeader.NO));
        assertTrue(e.getMessage().contains("line 1, column 1 is not a number: 'a'") && e.getMessage().contains("header mode YES or AUTO"),
                e.getMessage());
        assertEquals(List.of(1, 1, "a", true), List.of(e.line(), e.column(), e.text(), e.firstRowReadAsData()));
        LabelNameWithoutHeaderException h = assertThrows(LabelNameWithoutHeaderException.class,
                () -> CsvReader.read(p, LabelColumn.byName("x"), CsvHeader.NO));
        assertTrue(h.getMessage().contains("(header mode NO)") && h.getMessage().contains("-1 for the last column"), h.getMessage());
        assertEquals(List.of("x", CsvHeader.NO, 1), List.of(h.labelName(), h.headerMode(), h.firstLine()));
    }

    @Test
    void quotedNumbersAndDelimitersInsideQuotes() throws Exception {
        Dataset d = CsvReader.read(file("a.csv", "\"1.5\",\"2\",\"a,b\"\n3,4,\"c\"\"d\"\n"), LabelColumn.byIndex(-1), CsvHeader.NO);
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, d.points().rowMajor());
        assertEquals(List.of("a,b", "c\"d"), d.labels().names());
    }

    @Test
    void tabSeparated() throws Exception {
        Dataset d = CsvReader.read(file("a.tsv", "a\tb\tlab\n1\t2\tx\n3\t4\ty\n"), LabelColumn.byName("lab"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.points().rowMajor());
        assertEquals(2, d.labels().count());
    }

    @Test
    void gzipped() throws Exception {
        Path p = dir.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals(new float[] {1, 2, 3, 4}, CsvReader.read(p, null).points().rowMajor());
    }

    @Test
    void raggedRowNamesLineAndCounts() throws Exception {
        String m = error("a.csv", "1,2,3\n4,5,6\n7,8\n", null);
        assertTrue(m.contains("line 3 has 2 fields but line 1 has 3"), m);
    }

    @Test
    void raggedRowCountsBlankLines() throws Exception {
        String m = error("a.csv", "a,b\n\n1,2\n1,2,3\n", null);
        assertTrue(m.contains("line 4 has 3 fields but line 1 has 2"), m);
    }

    @Test
    void nonNumericNamesLineColumnAndText() throws Exception {
        String m = error("a.csv", "a,b\n1,2\n3,oops\n", null);
        assertTrue(m.contains("line 3, column 2") && m.contains("'oops'") && m.contains("0-based index 1"), m);
        NonNumericFieldException e = assertThrows(NonNumericFieldException.class, () -> CsvReader.read(dir.resolve("a.csv"), null));
        assertEquals(List.of(3, 2, "oops", false, false), List.of(e.line(), e.column(), e.text(), e.firstRowReadAsData(), e.labelColumnSelected()));
        e = assertThrows(NonNumericFieldException.class, () -> CsvReader.read(dir.resolve("a.csv"), LabelColumn.byIndex(0)));
        assertTrue(e.labelColumnSelected() && e.getMessage().equals(e.problem()), e.getMessage());
    }

    @Test
    void nanNamesLineAndColumn() throws Exception {
        String m = error("a.csv", "1,2\n3,NaN\n", null);
        assertTrue(m.contains("line 2, column 2 is NaN"), m);
    }

    @Test
    void infinityNamesLineAndColumn() throws Exception {
        String m = error("a.csv", "1,2\n-inf,4\n", null);
        assertTrue(m.contains("line 2, column 1 is -Inf"), m);
    }

    @Test
    void emptyFieldIsAnError() throws Exception {
        String m = error("a.csv", "1,2\n3,\n", null);
        assertTrue(m.contains("line 2, column 2 is empty"), m);
    }

    @Test
    void hexAndTypeSuffixesAreNotNumbers() throws Exception {
        String m = error("a.csv", "1,2\n3,1.5f\n", null);
        assertTrue(m.contains("line 2, column 2") && m.contains("1.5f"), m);
    }

    @Test
    void emptyFile() throws Exception {
        assertTrue(error("a.csv", "\n\n", null).contains("is empty"));
    }

    @Test
    void headerOnly() throws Exception {
        assertTrue(error("a.csv", "a,b,c\n", null).contains("no data rows"));
    }

    @Test
    void unknownLabelName() throws Exception {
        String m = error("a.csv", "a,b,c\n1,2,3\n", LabelColumn.byName("label"));
        assertTrue(m.contains("'label' is not in the header") && m.contains("a, b, c"), m);
    }

    @Test
    void labelNameWithoutHeader() throws Exception {
        String m = error("a.csv", "1,2,3\n", LabelColumn.byName("label"));
        assertTrue(m.contains("no header row (line 1 is all numbers)") && m.contains("-1 for the last column"), m);
    }

    @Test
    void labelIndexOutOfRange() throws Exception {
        String m = error("a.csv", "1,2,3\n", LabelColumn.byIndex(3));
        assertTrue(m.contains("index 3 is out of range") && m.contains("0..2"), m);
    }

    @Test
    void onlyALabelColumn() throws Exception {
        String m = error("a.csv", "1\n2\n", LabelColumn.byIndex(0));
        assertTrue(m.contains("none is left for features"), m);
    }

    @Test
    void unclosedQuote() throws Exception {
        String m = error("a.csv", "1,2\n\"3,4\n", null);
        assertTrue(m.contains("line 2") && m.contains("quote"), m);
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("none.csv");
        InputFormatException e = assertThrows(InputFormatException.class, () -> CsvReader.read(p, null));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void labelFileWithAndWithoutHeader() throws Exception {
        Labels plain = CsvReader.readLabels(file("l.csv", "b\na\nb\n"), 3);
        assertEquals(List.of("b", "a"), plain.names());
        Labels headed = CsvReader.readLabels(file("h.csv", "label\n2\n1\n2\n"), 3);
        assertEquals(List.of("1", "2"), headed.names());
        assertArrayEquals(new int[] {1, 0, 1}, headed.codes());
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> CsvReader.readLabels(dir.resolve("l.csv"), 5));
        assertTrue(e.getMessage().contains("3 labels but the input has 5 points"), e.getMessage());
    }

    @Test
    void writerRoundTripWithLabels() throws Exception {
        Labels labels = Labels.fromStrings(List.of("a,b", "c", "a,b"));
        Path p = dir.resolve("out.csv");
        CsvWriter.write(p, new float[] {1.5f, -2f, 3f, 4e-9f, 5f, 6f}, 3, 2, labels);
        List<String> lines = Files.readAllLines(p);
        assertEquals("x,y,label", lines.get(0));
        assertEquals("1.5,-2.0,\"a,b\"", lines.get(1));
        assertEquals(4, lines.size());
        Dataset back = CsvReader.read(p, LabelColumn.byName("label"));
        assertArrayEquals(new float[] {1.5f, -2f, 3f, 4e-9f, 5f, 6f}, back.points().rowMajor());
        assertEquals(labels, back.labels());
    }

    @Test
    void writerThreeDimensionsTabs() throws Exception {
        Path p = dir.resolve("out.tsv");
        CsvWriter.write(p, new float[] {1, 2, 3}, 1, 3, null);
        assertEquals(List.of("x\ty\tz", "1.0\t2.0\t3.0"), Files.readAllLines(p));
    }

    @Test
    void unknownExtension() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> DataFiles.read(dir.resolve("data.parquet"), null));
        assertTrue(e.getMessage().contains("'.parquet'") && e.getMessage().contains(".csv"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data.parquet")));
    }
}
