package dev.vtsne;

import java.util.concurrent.CancellationException;

/**
 * Asks a running {@link TSne#fit} to stop, from any thread (a shutdown hook, a UI button). The run
 * checks it before each row block of its parallel passes (PCA, kNN search, affinities, gradients)
 * and between phases. Before the first iteration a cancelled fit throws a
 * {@link CancellationException}; during the iterations it stops within one iteration and returns
 * the embedding as of the last whole iteration. Once cancelled, a token stays cancelled.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    /** A token not cancelled yet; pass it to {@link TSne#fit} and keep it to cancel the run. */
    public Cancellation() {}

    /** Asks the run to stop; returns at once. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws a {@link CancellationException} naming {@code where} when cancelled. */
    void check(String where) {
        if (cancelled) {
            throw new CancellationException("cancelled " + where);
        }
    }
}
