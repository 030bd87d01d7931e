package dev.vtsne.io;

/**
 * A file that vtsne cannot use as given: missing, unreadable, of an unknown kind, or with content
 * that does not fit (ragged or non-numeric CSV, unsupported .npy dtype, NaN, ...). The message is
 * one sentence that names the file and the problem and says what to do about it, fit to show to
 * a user as is.
 */
public class InputFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}, one sentence fit to show a user. */
    public InputFormatException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
