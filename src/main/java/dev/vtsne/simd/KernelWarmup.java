package dev.vtsne.simd;

import dev.vtsne.fft.FftButterflies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Primes the JIT for the vector kernels on small synthetic inputs, once per JVM, before a large
 * run. Vector API code that runs before C2 has compiled it is two orders of magnitude slower
 * (every vector operation allocates), and a fresh JVM spends seconds there on the first real
 * rows; calling the kernels on tiny inputs triggers the compilation sooner.
 * Measured on the digits (exact, 2 threads, cold JVM): 4.9-5.4 s without, 1.6 s of warm-up +
 * 2.2 s of fit with. Results are unaffected: the kernels give the same bits compiled or not.
 *
 * <p>Runs on the caller's thread, before the run's first phase: on a background thread beside
 * the kNN search it slowed the search by 1.5-3 s (two cores, and C2's queue full of the search's
 * kernels) and still left kernels boxed for the first iterations on some runs.
 *
 * <p>Skipped for the scalar twins, for small runs (where it would cost more than it saves) and
 * when {@code -Dvtsne.warmup=false}.
 */
public final class KernelWarmup {

    /** Below this many points a run is short even cold, and warm-up would dominate it. */
    public static final int MIN_POINTS = 1000;

    private static final int POINTS = 40;
    private static final int CALLS = 3000;
    private static boolean tsneDone, sneDone;

    private KernelWarmup() {}

    /**
     * Whether a run of {@code n} points would warm anything: the exact method's kernels (for SNE
     * with {@code sne}), or with {@code knn} those of the kNN methods' loop for a {@code dims}-axis
     * map (and the FFT butterflies with {@code fft}). False once done in this JVM.
     */
    public static synchronized boolean pending(KernelSet kernels, int n, boolean knn, boolean sne, int dims, boolean fft) {
        if (kernels.vectorBits() == 0 || n < MIN_POINTS || "false".equals(System.getProperty("vtsne.warmup"))) {
            return false;
        }
        if (!knn) {
            return !(sne ? sneDone : tsneDone);
        }
        return dims >= 1 && dims <= 3 && (!sparseDone[dims] || (fft && !fftDone));
    }

    /** Warms the kernels an exact t-SNE (or, with {@code sne}, SNE) run of {@code n} points will use. */
    public static synchronized void prepare(KernelSet kernels, int n, boolean sne) {
        if (!pending(kernels, n, false, sne, 2, false)) {
            return;
        }
        DistanceKernels distances = kernels.distances();
        CalibrationKernels calibration = kernels.calibration();
        GradientKernels gradient = kernels.gradient();
        SplittableRandom r = new SplittableRandom(1);
        float[][] y = new float[2][POINTS];
        float[] points = new float[POINTS * 8];
        for (int i = 0; i < POINTS; i++) {
            y[0][i] = (float) r.nextGaussian();
            y[1][i] = (float) r.nextGaussian();
        }
        for (int k = 0; k < points.length; k++) {
            points[k] = (float) r.nextGaussian();
        }
        // half the rows whole (contiguous path), half sparse (gather path)
        int[] rowStart = new int[POINTS + 1];
        int[] cols = new int[POINTS * POINTS];
        float[] vals = new float[POINTS * POINTS];
        int nnz = 0;
        for (int i = 0; i < POINTS; i++) {
            for (int j = 0; j < POINTS; j++) {
                if (j != i && (i % 2 == 0 || j % 3 == 0)) {
                    cols[nnz] = j;
                    vals[nnz++] = 1e-3f;
                }
            }
            rowStart[i + 1] = nnz;
        }
        cols = Arrays.copyOf(cols, nnz + dev.vtsne.data.CsrMatrix.PADDING);
        vals = Arrays.copyOf(vals, nnz + dev.vtsne.data.CsrMatrix.PADDING);
        double[] out = new double[POINTS * 4];
        float[] d = new float[POINTS];
        float[] logZ = new float[POINTS];
        double[] sums = new double[2];
        for (int call = 0; call < CALLS; call++) {
            distances.squaredDistances(points, 8, call % POINTS, 0, POINTS, d);
            calibration.gaussianSums(d, POINTS, 1.0, 0f, null, sums);
            if (sne) {
                gradient.sneLogNormalizerRows(y, POINTS, 0, POINTS, out);
                gradient.sneRepulsionRows(y, logZ, POINTS, 0, POINTS, out);
                gradient.weightedDifferenceRows(y, rowStart, cols, vals, 0, POINTS, out);
            } else {
                gradient.tsneRepulsionRows(y, POINTS, 0, POINTS, out);
                gradient.tsneAttractionRows(y, rowStart, cols, vals, 0, POINTS, out);
                if (call % 10 == 0) {
                    gradient.tsneLogKernelRows(y, rowStart, cols, vals, 0, POINTS, out);
                }
            }
        }
        if (sne) {
            sneDone = true;
        } else {
            tsneDone = true;
        }
    }

    private static final boolean[] sparseDone = new boolean[4];
    private static boolean fftDone;

    /**
     * Warms the kernels of a kNN method's affinities and optimization loop: the calibration sums,
     * the attraction and the KL's log-kernel sums for a {@code dims}-axis map, and with {@code fft}
     * the FFT butterflies. Each is called on a minimal input until a call is as fast as compiled
     * code ({@link #untilCompiled}): 1.5-2.5 s in all on the 2-core test machine, mostly the
     * interpreter running the first calls and C2's queue. A fixed call count was not enough: the
     * tiered policy holds new methods at C1 while C2's queue is busy, and a count-based warm-up
     * ended with the butterflies still boxed (measured, 70k points: the first three iterations
     * took 1.9 s instead of 0.15 s, the first KL iteration 0.9 s instead of 0.04 s).
     */
    public static synchronized void prepareOptimize(KernelSet kernels, int n, int dims, boolean fft) {
        if (!pending(kernels, n, true, false, dims, fft)) {
            return;
        }
        List<Call> calls = new ArrayList<>();
        if (!sparseDone[dims]) {
            calls.addAll(List.of(sparseCalls(kernels.gradient(), kernels.calibration(), dims)));
        }
        boolean warmFft = fft && !fftDone;
        if (warmFft) {
            calls.addAll(List.of(fftCalls(kernels.fft(), kernels.vectorBits())));
        }
        untilCompiled(calls.toArray(Call[]::new));
        sparseDone[dims] = true;
        fftDone |= warmFft;
    }

    /**
     * A minimal call to warm, and the time under which it is compiled code. Measured per call
     * (AVX-512): the sparse rows below take 0.3-0.6 µs compiled (0.7-1.8 µs while only their inner
     * loop is), 14 µs or more at C1, where every vector operation allocates; the butterflies
     * 0.06-0.13 µs compiled and 3.4 µs or more at C1; both take milliseconds interpreted.
     */
    record Call(Runnable run, long compiledNanos) {}

    private static final long SPARSE_COMPILED_NANOS = 3_000, FFT_COMPILED_NANOS = 1_000;
    /** Calls after which C2's thresholds are crossed for sure: from there on only poll, sparingly. */
    private static final int DRIVE_CALLS = 20_000;
    /** Longest time spent warming, should C2 never come (a JVM without it). */
    private static final long BUDGET_NANOS = 4_000_000_000L;

    /**
     * Calls each of {@code calls} in rounds of 64, in turn, until three rounds in a row of each
     * average under its compiled time per call, or the budget is spent. Warming them
     * together queues their compilations together. Once a kernel has had {@link #DRIVE_CALLS}
     * calls its compilation is queued, and calling it more would only take a core from C2: then
     * it is probed once per 20 ms.
     */
    static void untilCompiled(Call... calls) {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int[] fastRounds = new int[calls.length], made = new int[calls.length];
        int pending = calls.length;
        while (pending > 0 && System.nanoTime() < deadline) {
            boolean driving = false;
            for (int c = 0; c < calls.length; c++) {
                if (fastRounds[c] == 3) {
                    continue;
                }
                long t0 = System.nanoTime();
                for (int k = 0; k < 64; k++) {
                    calls[c].run().run();
                }
                fastRounds[c] = System.nanoTime() - t0 < 64 * calls[c].compiledNanos() ? fastRounds[c] + 1 : 0;
                made[c] += 64;
                pending -= fastRounds[c] == 3 ? 1 : 0;
                driving |= fastRounds[c] < 3 && made[c] < DRIVE_CALLS;
            }
            if (!driving && pending > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The attraction and log-kernel rows on three sparse rows, of 2.5, 2 and 3 vectors' worth of
     * entries: the row loop, the main loop and the masked tail all run, and one row has no tail,
     * as on real rows. A branch C2 has never seen taken becomes a trap: warmed on rows that all
     * had a tail, the compiled code deoptimized on the first real block ({@code unstable_if}),
     * and a 70k run's first iteration took 0.3 s (0.9 s with no sparse warm-up at all).
     */
    private static Call[] sparseCalls(GradientKernels gradient, CalibrationKernels calibration, int dims) {
        int lanes = Math.max(1, gradient.vectorBits() / Float.SIZE);
        int[] rowStart = {0, 2 * lanes + lanes / 2, 4 * lanes + lanes / 2, 7 * lanes + lanes / 2};
        int rows = rowStart.length - 1, nnz = rowStart[rows], points = 4 * nnz;
        SplittableRandom r = new SplittableRandom(2);
        float[][] y = new float[dims][points];
        for (float[] axis : y) {
            for (int i = 0; i < points; i++) {
                axis[i] = (float) r.nextGaussian();
            }
        }
        int[] cols = new int[nnz + dev.vtsne.data.CsrMatrix.PADDING];
        float[] vals = new float[cols.length];
        for (int e = 0; e < nnz; e++) {
            cols[e] = rows + 3 * e; // never a row's own point, never the whole map (the contiguous path)
            vals[e] = 1e-3f;
        }
        double[] out = new double[rows * dims];
        // the perplexity calibration's sums, on rows of 5.5 and 5 vectors (~90 neighbours), with
        // and without the kernel values out: boxed, they took a third of a 70k run's affinities
        float[] d = new float[6 * lanes], e = new float[d.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = (float) r.nextDouble(1, 50);
        }
        double[] sums = new double[2];
        return new Call[] {
            new Call(() -> gradient.tsneAttractionRows(y, rowStart, cols, vals, 0, rows, out), SPARSE_COMPILED_NANOS),
            new Call(() -> gradient.tsneLogKernelRows(y, rowStart, cols, vals, 0, rows, out), SPARSE_COMPILED_NANOS),
            new Call(() -> {
                calibration.gaussianSums(d, 5 * lanes + lanes / 2, 0.1, 1f, null, sums);
                calibration.gaussianSums(d, 5 * lanes, 0.1, 1f, e, sums);
            }, SPARSE_COMPILED_NANOS)
        };
    }

    /** Each radix on 2 groups of 2 vectors' worth of sequences (both loops run twice). */
    private static Call[] fftCalls(FftButterflies b, int vectorBits) {
        int m = 2, s = 2 * Math.max(1, vectorBits / Float.SIZE);
        float[] xr = new float[5 * m * s], xi = new float[5 * m * s], yr = new float[5 * m * s], yi = new float[5 * m * s];
        float[] wr = new float[4 * m], wi = new float[4 * m];
        Arrays.fill(xr, 0.5f);
        Arrays.fill(wr, 1f);
        return new Call[] {
            new Call(() -> b.radix4(xr, xi, yr, yi, m, s, wr, wi), FFT_COMPILED_NANOS),
            new Call(() -> b.radix2(xr, xi, yr, yi, m, s, wr, wi), FFT_COMPILED_NANOS),
            new Call(() -> b.radix3(xr, xi, yr, yi, m, s, wr, wi), FFT_COMPILED_NANOS),
            new Call(() -> b.radix5(xr, xi, yr, yi, m, s, wr, wi), FFT_COMPILED_NANOS)
        };
    }
}
