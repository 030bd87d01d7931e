package dev.vtsne.parallel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.concurrent.RecursiveAction;

/**
 * Runs a row-range task over [0, n) in fixed blocks on a pool of a chosen size. Blocks are cut
 * the same way whatever the thread count and each block writes only its own rows, so results do
 * not depend on scheduling: reductions over rows are done afterwards, serially, in row order.
 */
public final class RowBlocks implements AutoCloseable {

    /** A task over rows [from, to). It may allocate per-block scratch, never per row or pair. */
    @FunctionalInterface
    public interface RangeTask {
        /** Processes rows {@code [from, to)}. */
        void run(int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool;
    private final BooleanSupplier cancelled;

    /** A pool of {@code threads} worker threads (1 runs everything on the caller). */
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
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    /** The number of worker threads. */
    public int threads() {
        return threads;
    }

    /**
     * Below this much work (in pair evaluations) a pass runs on the calling thread: waking the
     * pool's workers and joining them costs about as much as a whole gradient at n = 1000 (measured:
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
        if (pool == null || n <= block || work < MIN_PARALLEL_WORK) {
            for (int from = 0; from < n && !cancelled.getAsBoolean(); from += block) {
                task.run(from, Math.min(n, from + block));
            }
        } else {
            pool.invoke(new Split(task, 0, (n + block - 1) / block, n, block));
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private final class Split extends RecursiveAction {
        private final RangeTask task;
        private final int firstBlock, endBlock, n, block;

        Split(RangeTask task, int firstBlock, int endBlock, int n, int block) {
            this.task = task;
            this.firstBlock = firstBlock;
            this.endBlock = endBlock;
            this.n = n;
            this.block = block;
        }

        @Override
        protected void compute() {
            if (endBlock - firstBlock == 1) {
                if (cancelled.getAsBoolean()) {
                    return; // forEach throws once the pass is over
                }
                int from = firstBlock * block;
                task.run(from, Math.min(n, from + block));
                return;
            }
            int mid = (firstBlock + endBlock) >>> 1;
            invokeAll(new Split(task, firstBlock, mid, n, block), new Split(task, mid, endBlock, n, block));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
