package dev.vtsne.parallel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs a row-range task over [0, n) in fixed blocks on a chosen number of threads: the calling
 * thread and {@code threads - 1} helper threads. Blocks are cut the same way whatever the thread
 * count and each block writes only its own rows, so results do not depend on scheduling:
 * reductions over rows are done afterwards, serially, in row order.
 *
 * <p>Why not a {@link java.util.concurrent.ForkJoinPool}: a t-SNE iteration is about 16 passes of
 * 0.3-3 ms with short serial stretches between them, and with the pool the caller waited idle
 * while parked workers were woken for every pass. Measured over a 70k-point run (2 threads):
 * 12,349 passes kept the two workers busy only 77 % of the passes' wall time. Here the caller
 * works on the pass itself from its first block, and a helper spins for a short while after a
 * pass ({@link #SPIN_NANOS}) before it parks, so the next pass finds it awake. Blocks are claimed
 * from a shared counter: the caller takes every block no helper has claimed, so a pass never
 * waits on a helper that has not started, only on blocks already running.
 */
public final class RowBlocks implements AutoCloseable {

    /** A task over rows [from, to). It may allocate per-block scratch, never per row or pair. */
    @FunctionalInterface
    public interface RangeTask {
        /** Processes rows {@code [from, to)}. */
        void run(int from, int to);
    }

    /**
     * How long an idle helper keeps polling for the next pass before it parks. Long enough to
     * span the serial stretch between two passes of an iteration, short enough not to hold a core
     * when the caller has gone on to other work.
     */
    static final long SPIN_NANOS = 200_000;
    /** An idle helper ends after this long without a pass (a later pass starts a new one). */
    private static final long IDLE_EXIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int threads;
    /** {@link #SPIN_NANOS}, or 0 when there are more threads than processors (a spinning helper would take a working thread's core). */
    private final long spinNanos;
    private final BooleanSupplier cancelled;
    private final Helper[] helpers;
    /** Set while a parallel pass runs: a pass started meanwhile (nested, or from another thread) runs serially. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    /** A pool of {@code threads} threads, the caller included (1 runs everything on the caller). */
    public RowBlocks(int threads) {
        this(threads, () -> false);
    }

    /**
     * A pool whose passes stop early when {@code cancelled} says so: blocks not yet started are
     * skipped and the pass throws a {@link CancellationException}, so no caller sees a partial pass.
     */
    public RowBlocks(int threads, BooleanSupplier cancelled) {
        this.cancelled = java.util.Objects.requireNonNull(cancelled, "cancelled");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.spinNanos = threads <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
        this.helpers = new Helper[threads - 1];
    }

    /** The number of threads a pass runs on, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Below this much work (in pair evaluations) a pass runs on the calling thread: waking the
     * helpers and waiting for them costs about as much as a whole gradient at n = 1000 (measured:
     * 2 threads slower than 1 there). Results are the same either way, blocks being independent.
     */
    public static final long MIN_PARALLEL_WORK = 2_000_000L;

    /** Runs {@code task} over [0, n) in blocks of {@code block} rows. Rethrows the first failure. */
    public void forEach(int n, int block, RangeTask task) {
        forEach(n, block, Long.MAX_VALUE, task);
    }

    /**
     * As {@link #forEach(int, int, RangeTask)}, serially when {@code work} (the pass's pair
     * evaluations, say) is below {@link #MIN_PARALLEL_WORK}.
     */
    public void forEach(int n, int block, long work, RangeTask task) {
        if (n <= 0) {
            return;
        }
        if (threads == 1 || n <= block || work < MIN_PARALLEL_WORK || closed || !busy.compareAndSet(false, true)) {
            for (int from = 0; from < n && !cancelled.getAsBoolean(); from += block) {
                task.run(from, Math.min(n, from + block));
            }
        } else {
            try {
                runParallel(new Pass(task, n, block, cancelled));
            } finally {
                busy.set(false);
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private void runParallel(Pass pass) {
        for (int h = 0; h < helpers.length; h++) {
            Helper helper = helpers[h];
            if (helper == null || !helper.offer(pass)) {
                helpers[h] = helper = new Helper(this);
                helper.offer(pass);
                helper.start();
            }
        }
        pass.work();
        pass.awaitDone();
        Throwable failure = pass.failure;
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** One parallel pass: blocks claimed from a counter by whichever thread comes first. */
    private static final class Pass {
        final RangeTask task;
        final int n, block, blocks;
        final BooleanSupplier cancelled;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Pass(RangeTask task, int n, int block, BooleanSupplier cancelled) {
            this.task = task;
            this.n = n;
            this.block = block;
            this.blocks = (n + block - 1) / block;
            this.cancelled = cancelled;
        }

        /** Runs blocks until none is left to claim. */
        void work() {
            int b;
            while ((b = next.getAndIncrement()) < blocks) {
                try {
                    if (failure == null && !cancelled.getAsBoolean()) {
                        int from = b * block;
                        task.run(from, Math.min(n, from + block));
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                } finally {
                    done.incrementAndGet(); // releases the block's writes to the caller's awaitDone
                }
            }
        }

        /** Waits for the blocks other threads are still running (claimed ones only: the caller ran the rest). */
        void awaitDone() {
            for (int spins = 0; done.get() < blocks; spins++) {
                if ((spins & 1023) == 1023) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** A helper thread: runs the passes offered to it, polls briefly for the next, then parks. */
    private static final class Helper extends Thread {
        private final RowBlocks owner;
        private volatile Pass offered;
        private volatile boolean exited;

        Helper(RowBlocks owner) {
            super("vtsne-rows");
            this.owner = owner;
            setDaemon(true);
        }

        /** Hands a pass to this helper; false if it has ended (the caller then starts a new one). */
        boolean offer(Pass pass) {
            if (exited) {
                return false;
            }
            offered = pass;
            LockSupport.unpark(this);
            return true;
        }

        @Override
        public void run() {
            Pass last = null;
            long idleSince = System.nanoTime();
            while (!owner.closed) {
                Pass pass = offered;
                if (pass != null && pass != last) {
                    last = pass;
                    pass.work();
                    idleSince = System.nanoTime();
                    continue;
                }
                long idle = System.nanoTime() - idleSince;
                if (idle < owner.spinNanos) {
                    Thread.onSpinWait();
                } else if (idle < IDLE_EXIT_NANOS) {
                    LockSupport.parkNanos(this, IDLE_EXIT_NANOS);
                } else {
                    exited = true;
                    // a pass offered in the meantime is run by its caller (it claims every block left)
                    pass = offered;
                    if (pass != null && pass != last) {
                        pass.work();
                    }
                    return;
                }
            }
            exited = true;
        }
    }

    /** Ends the helper threads (they would end on their own after a few idle seconds). */
    @Override
    public void close() {
        closed = true;
        for (Helper helper : helpers) {
            if (helper != null) {
                LockSupport.unpark(helper);
            }
        }
    }
}
