package dev.vtsne.cli;

import dev.vtsne.io.InputFormatException;
import dev.vtsne.optimize.DivergenceException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;

/** Wires the picocli commands and turns every failure into one {@code vtsne: error:} line and an exit code. */
final class Cli {

    /** Exit code for bad data, files that cannot be read or written, and internal errors. */
    static final int EXIT_DATA = 1;
    /** Exit code for a command line that does not parse or does not make sense. */
    static final int EXIT_USAGE = 2;
    static final String ERROR_PREFIX = "vtsne: error: ";

    private Cli() {}

    static int run(PrintStream out, PrintStream err, String... args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        PrintWriter outW = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errW = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        boolean debug = Arrays.asList(args).contains("--debug") || "1".equals(System.getenv("VTSNE_DEBUG"));
        try {
            CommandLine cmd = commandLine(outW, errW, debug);
            ((VtsneCommand) cmd.getCommand()).terminal = err == System.err && Progress.stderrIsTerminal();
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            error(errW, "out of memory (" + e.getMessage() + "); raise -Xmx in jvm.config or embed fewer points");
            if (debug) {
                e.printStackTrace(errW);
            }
            return EXIT_DATA;
        } finally {
            outW.flush();
            errW.flush();
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug) {
        CommandLine cmd = new CommandLine(new VtsneCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String help = c.getCommandSpec().qualifiedName() + " --help";
            String message = ex instanceof UsageException ? ex.getMessage()
                    : decapitalize(ex.getMessage()) + "; see '" + help + "'";
            error(c.getErr(), message);
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            error(e, messageOf(ex));
            if (debug) {
                ex.printStackTrace(e);
            }
            return EXIT_DATA;
        });
        return cmd;
    }

    /** One user-facing sentence for an exception that reached the top. */
    static String messageOf(Throwable ex) {
        if (ex instanceof UncheckedIOException u) {
            ex = u.getCause();
        }
        if (ex instanceof DivergenceException) {
            return ex.getMessage() + " (--learning-rate)";
        }
        if (ex instanceof InputFormatException || ex instanceof IllegalArgumentException) {
            return String.valueOf(ex.getMessage());
        }
        if (ex instanceof NoSuchFileException f) {
            return "cannot write " + f.getFile() + ": no such file or directory; check that the directory exists";
        }
        if (ex instanceof AccessDeniedException f) {
            return "cannot write " + f.getFile() + ": permission denied; choose a writable location";
        }
        if (ex instanceof FileSystemException f) {
            return "cannot write " + f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getMessage())
                    + "; check the disk and the path";
        }
        if (ex instanceof IOException) {
            return "I/O failure: " + ex.getMessage() + "; check the disk and the paths";
        }
        return "internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                + "); please report it, with the stack trace from --debug or VTSNE_DEBUG=1";
    }

    /** Prints {@code vtsne: error: message} as exactly one line. */
    static void error(PrintWriter err, String message) {
        err.println(ERROR_PREFIX + oneLine(message));
        err.flush();
    }

    static String oneLine(String s) {
        return String.valueOf(s).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String decapitalize(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid command line";
        }
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
