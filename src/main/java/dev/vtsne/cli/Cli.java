package dev.vtsne.cli;

import dev.vtsne.Cancellation;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.DivergenceException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C (SIGINT) and kill (SIGTERM) run shutdown hooks: ask the run to stop, and hold the
        // JVM until it has (the optimizer notices within an iteration, the phases before it within
        // a row block), so no temporary file survives and no output is renamed into place.
        Thread hook = Thread.ofPlatform().name("vtsne-interrupt").unstarted(() -> {
            cancellation.cancel();
            try {
                if (!finished.await(INTERRUPT_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    errW.println(ERROR_PREFIX + "interrupted; the run did not stop within " + INTERRUPT_GRACE_SECONDS + " s");
                    errW.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean hooked = addHook(hook);
        CANCELLATION.set(cancellation);
        try {
            CommandLine cmd = commandLine(outW, errW, debug);
            ((VtsneCommand) cmd.getCommand()).terminal = err == System.err && stderrIsTerminal();
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            error(errW, "out of memory (" + e.getMessage() + "); run with a larger heap (VTSNE_JAVA_OPTS=-Xmx8g, say) or embed fewer points");
            if (debug) {
                e.printStackTrace(errW);
            }
            return EXIT_DATA;
        } finally {
            outW.flush();
            errW.flush();
            CANCELLATION.remove();
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the run is finished
                }
            }
        }
    }

    /**
     * Whether stderr is a terminal: bin/vtsne passes Java's stderr through a pipe (which drops the
     * JVM's incubator warning) and sets {@code VTSNE_STDERR_TERMINAL=1} when its own is one.
     */
    static boolean stderrIsTerminal() {
        boolean launcherTerminal = "1".equals(System.getenv("VTSNE_STDERR_TERMINAL")) && !"dumb".equals(System.getenv("TERM"));
        return launcherTerminal || Progress.stderrIsTerminal();
    }

    /** How long an interrupted run may take to stop before the JVM exits anyway. */
    static final int INTERRUPT_GRACE_SECONDS = 10;

    /** Exit code of a run stopped by Ctrl-C or a kill (128 + SIGINT, the shell convention). */
    static final int EXIT_INTERRUPTED = 130;

    private static final ThreadLocal<Cancellation> CANCELLATION = new ThreadLocal<>();

    /** The cancellation of the command line running on this thread (never null). */
    static Cancellation cancellation() {
        Cancellation c = CANCELLATION.get();
        return c != null ? c : new Cancellation();
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
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
            if (ex instanceof CancellationException || ex instanceof java.io.InterruptedIOException) {
                error(e, "interrupted; no output was written");
                return EXIT_INTERRUPTED;
            }
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
        if (ex instanceof InputFormatException f) {
            return InputAdvice.line(f);
        }
        if (ex instanceof IllegalArgumentException) {
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
