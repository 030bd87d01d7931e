package dev.vtsne.cli;

import java.io.PrintStream;

/** The {@code vtsne} command line: {@code vtsne embed ...}, {@code vtsne demo ...}; see {@code vtsne --help}. */
public final class Main {

    private Main() {}

    /** Runs the command line and exits the JVM with its exit code (0 done, 1 bad data or file, 2 bad command line). */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line with the given streams and returns its exit code (0 success, 1 data
     * or file error, 2 usage error) without exiting the JVM.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return Cli.run(out, err, args);
    }
}
