package dev.vtsne.simd;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Primes the JIT for the vector kernels on small synthetic inputs, once per JVM, before a large
 * run. Vector API code that runs before C2 has compiled it is two orders of magnitude slower
 * (every vector operation allocates), and a fresh JVM spends seconds there on the first real
 * rows; calling the kernels a few thousand times on 40 points triggers the compilation sooner.
 * Measured on the digits (2 threads, cold JVM): 4.9-5.4 s without, 1.6 s of warm-up + 2.2 s of
 * fit with. Results are unaffected: the kernels give the same bits compiled or not.
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

    /** Warms the kernels a t-SNE (or, with {@code sne}, an SNE) run of {@code n} points will use. */
    public static synchronized void prepare(Kernels kernels, int n, boolean sne) {
        if (kernels.vectorBits() == 0 || n < MIN_POINTS || "false".equals(System.getProperty("vtsne.warmup"))
                || (sne ? sneDone : tsneDone)) {
            return;
        }
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
            kernels.squaredDistances(points, 8, call % POINTS, 0, POINTS, d);
            kernels.gaussianSums(d, POINTS, 1.0, 0f, null, sums);
            if (sne) {
                kernels.sneLogNormalizerRows(y, POINTS, 0, POINTS, out);
                kernels.sneRepulsionRows(y, logZ, POINTS, 0, POINTS, out);
                kernels.weightedDifferenceRows(y, rowStart, cols, vals, 0, POINTS, out);
            } else {
                kernels.tsneRepulsionRows(y, POINTS, 0, POINTS, out);
                kernels.tsneAttractionRows(y, rowStart, cols, vals, 0, POINTS, out);
                if (call % 10 == 0) {
                    kernels.tsneLogKernelRows(y, rowStart, cols, vals, 0, POINTS, out);
                }
            }
        }
        if (sne) {
            sneDone = true;
        } else {
            tsneDone = true;
        }
    }

    private static boolean fftDone;

    /**
     * Starts warming the FFT butterflies on a daemon thread, so that it overlaps the kNN search
     * and the affinities; {@link #await} it before the first repulsion. Without it the first FFT
     * repulsion calls run the butterflies boxed for seconds (measured ad hoc: 200 tiles of 16
     * length-1080 transforms took 3.1 s cold, 0.01 s after 2,000 warm-up calls of ~1 s).
     *
     * @return the thread, or null when there is nothing to warm (scalar butterflies, a small run,
     *         warm-up off, or done already in this JVM)
     */
    public static synchronized Thread startFftWarmup(int n) {
        FftButterflies b = KernelProvider.fftButterflies();
        if (b instanceof ScalarFftButterflies || n < MIN_POINTS || fftDone || "false".equals(System.getProperty("vtsne.warmup"))) {
            return null;
        }
        fftDone = true;
        Thread t = new Thread(() -> warmFft(b), "vtsne-fft-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a warm-up thread from {@link #startFftWarmup} (null: returns at once). */
    public static void await(Thread warmup) {
        if (warmup == null) {
            return;
        }
        try {
            warmup.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the warm-up only changes speed, never results
        }
    }

    /** Each radix on 4 groups of 2 vectors' worth of sequences, 2,000 times: enough for C2. */
    private static void warmFft(FftButterflies b) {
        int m = 4, s = 16;
        double[] xr = new double[5 * m * s], xi = new double[5 * m * s], yr = new double[5 * m * s], yi = new double[5 * m * s];
        double[] wr = new double[4 * m], wi = new double[4 * m];
        Arrays.fill(xr, 0.5);
        Arrays.fill(wr, 1.0);
        for (int call = 0; call < 2000; call++) {
            b.radix4(xr, xi, yr, yi, m, s, wr, wi);
            b.radix2(xr, xi, yr, yi, m, s, wr, wi);
            b.radix3(xr, xi, yr, yi, m, s, wr, wi);
            b.radix5(xr, xi, yr, yi, m, s, wr, wi);
        }
    }
}
