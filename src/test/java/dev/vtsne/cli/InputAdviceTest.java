package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.PerplexityTooLargeException;
import dev.vtsne.io.CsvHeader;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.LabelNameWithoutHeaderException;
import dev.vtsne.io.NonNumericFieldException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's typed refusals of the input become the command line's advice, with its options. */
class InputAdviceTest {

    @TempDir
    Path dir;

    @Test
    void aTextColumnIsOfferedAsTheLabelColumn() {
        String line = Cli.messageOf(new NonNumericFieldException("in.csv", 3, 2, "oops", false, false));
        assertEquals("in.csv: line 3, column 2 is not a number: 'oops'; features must be numbers "
                + "(if column 2 holds labels, select it with --labels col:1)", line);
        assertEquals("in.csv: line 3, column 2 is not a number: 'oops'; features must be numbers",
                Cli.messageOf(new NonNumericFieldException("in.csv", 3, 2, "oops", false, true)));
    }

    @Test
    void aFirstRowReadAsDataIsOfferedAsAHeader() {
        String line = Cli.messageOf(new NonNumericFieldException("in.csv", 1, 1, "a", true, false));
        assertTrue(line.endsWith("(if line 1 is a header, use --header yes or auto)"), line);
    }

    @Test
    void aLabelNameWithoutAHeaderIsOfferedAnIndex() {
        String declared = Cli.messageOf(new LabelNameWithoutHeaderException("in.csv", "x", CsvHeader.NO, 1));
        assertEquals("in.csv has no header row (--header no), so label column 'x' cannot be found by name; "
                + "select it by 0-based index instead, e.g. --labels col:-1 for the last column, or use --header yes", declared);
        String detected = Cli.messageOf(new LabelNameWithoutHeaderException("in.csv", "x", CsvHeader.AUTO, 2));
        assertTrue(detected.contains("(line 2 is all numbers)") && detected.endsWith("--labels col:-1 for the last column"), detected);
    }

    @Test
    void otherRefusalsKeepTheLibrarysMessage() {
        assertEquals("in.csv is empty", Cli.messageOf(new InputFormatException("in.csv is empty")));
    }

    @Test
    void aPerplexityTooLargeIsOfferedTheLargestAllowed() {
        PerplexityTooLargeException e = new PerplexityTooLargeException(30, 20);
        assertEquals(List.of(30.0, 20, 91.0, 6.33), List.of(e.perplexity(), e.points(), e.minPoints(), e.largestAllowed()));
        assertEquals("perplexity 30 is too large for 20 points (it needs at least 91 points, 3 x perplexity + 1); "
                + "use --perplexity 6.33 or less, or give more points", InputAdvice.line(e));
    }

    /** End to end: a CSV whose text column was not selected as the labels. */
    @Test
    void theEmbedCommandGivesTheAdvice() throws Exception {
        Path in = TestData.csv(dir, "in.csv", 40, 3);
        CliRun r = CliRun.of("embed", in.toString(), "-o", dir.resolve("out.csv").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("line 2, column 4 is not a number: 'c0'") && r.err().contains("--labels col:3"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.csv")));
    }
}
