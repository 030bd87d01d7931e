package dev.vtsne.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** A command line that parses but does not make sense; its message already says what to do. */
final class UsageException extends ParameterException {

    private static final long serialVersionUID = 1L;

    UsageException(CommandLine commandLine, String message) {
        super(commandLine, message);
    }
}
