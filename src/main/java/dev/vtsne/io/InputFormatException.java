package dev.vtsne.io;

/**
 * A file that vtsne cannot use as given: missing, unreadable, of an unknown kind, or with content
 * that does not fit (ragged or non-numeric CSV, unsupported .npy dtype, NaN, ...). The message is
 * one sentence that names the file and the problem and says what to do about it, fit to show to
 * a user as is.
 */
public class InputFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public InputFormatException(String message) {
        super(message);
    }

    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
