package dev.vtsne.cli;

import dev.vtsne.PerplexityTooLargeException;
import dev.vtsne.io.CsvHeader;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.LabelNameWithoutHeaderException;
import dev.vtsne.io.NonNumericFieldException;

/**
 * The one line a refusal of the input becomes: the library's values, then the option of
 * {@code embed} or {@code transform} that changes what the library assumed.
 */
final class InputAdvice {

    private InputAdvice() {}

    /** The line for a refused file: the typed refusals get the option to use, others keep their message. */
    static String line(InputFormatException e) {
        if (e instanceof NonNumericFieldException f) {
            return f.problem() + (f.firstRowReadAsData() ? " (if line " + f.line() + " is a header, use --header yes or auto)"
                    : f.labelColumnSelected() ? ""
                    : " (if column " + f.column() + " holds labels, select it with --labels col:" + (f.column() - 1) + ")");
        }
        if (e instanceof LabelNameWithoutHeaderException h) {
            boolean declared = h.headerMode() == CsvHeader.NO;
            return h.source() + " has no header row (" + (declared ? "--header no" : "line " + h.firstLine() + " is all numbers")
                    + "), so label column '" + h.labelName()
                    + "' cannot be found by name; select it by 0-based index instead, e.g. --labels col:-1 for the last column"
                    + (declared ? ", or use --header yes" : "");
        }
        return e.getMessage();
    }

    /** The line for a perplexity the points cannot take: the values, then the largest --perplexity they allow. */
    static String line(PerplexityTooLargeException e) {
        return String.format(java.util.Locale.ROOT,
                "perplexity %s is too large for %d points (it needs at least %s points, 3 x perplexity + 1); "
                        + "use --perplexity %s or less, or give more points",
                EmbedRun.number(e.perplexity()), e.points(), EmbedRun.number(e.minPoints()), EmbedRun.number(e.largestAllowed()));
    }
}
