package dev.vtsne.fft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A mixed-radix complex FFT of one fixed length n, on split real/imaginary {@code float}
 * arrays, transforming a batch of sequences at once. Single precision because its one user, the
 * FFT repulsion's grid convolution, needs no more (its interpolation error is orders of magnitude
 * larger; see {@code GridConvolution2d}) and gets twice the lanes per vector; the twiddle factors
 * are computed in double and rounded once.
 *
 * <p>Layout: element e of sequence b is at {@code [e * batch + b]}, so every butterfly's inner
 * loop runs over contiguous memory (the batch, and at later stages the batch times the stage
 * stride). Callers gather a few rows or columns of a 2-D grid into this layout (a tile that
 * stays in cache through all stages) and scatter the result back.
 *
 * <p>Algorithm: Stockham autosort, decimation in frequency, ping-ponging between the data and a
 * scratch pair of the same size (no bit reversal). Stages of radix 4, 2, 3 and 5 have explicit
 * butterflies ({@link FftButterflies}: Vector API lanes along each run, or the scalar twin, same
 * bits); any other prime factor goes through a plain O(r²) DFT butterfly, correct but
 * slow, so sizes should come from {@link FftSizes#nextSmooth}. The forward transform is
 * X_k = Σ_j x_j e^{-2πi jk/n}, unscaled; the inverse (unscaled, e^{+...}) is the forward
 * transform with the real and imaginary arrays swapped. Results depend only on n and the input,
 * never on the batch size or on which thread runs them.
 *
 * <p>Instances are immutable and may be shared by threads; scratch arrays belong to the caller.
 */
public final class ComplexFft {

    private final int n;
    private final FftButterflies butterflies;
    private final int[] radix;
    /** Per stage, twiddle w^{p·j} for p < len/r, j = 1..r-1, at [p * (r - 1) + j - 1]. */
    private final float[][] twRe, twIm;

    /**
     * A transform of length {@code n} on the given butterflies: a run's come from its kernel set
     * ({@code dev.vtsne.simd.KernelSet.fft()}; the tests also pass the scalar twin); the twiddle
     * factors are computed once here.
     */
    public ComplexFft(int n, FftButterflies butterflies) {
        this.butterflies = Objects.requireNonNull(butterflies, "butterflies");
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        this.radix = factor(n);
        twRe = new float[radix.length][];
        twIm = new float[radix.length][];
        int len = n;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st], m = len / r;
            twRe[st] = new float[m * (r - 1)];
            twIm[st] = new float[m * (r - 1)];
            for (int p = 0; p < m; p++) {
                for (int j = 1; j < r; j++) {
                    // p·j < len, so the angle is reduced exactly before the trigonometry.
                    double angle = -2 * Math.PI * ((long) p * j % len) / len;
                    twRe[st][p * (r - 1) + j - 1] = (float) Math.cos(angle);
                    twIm[st][p * (r - 1) + j - 1] = (float) Math.sin(angle);
                }
            }
            len = m;
        }
    }

    /** The transform length. */
    public int size() {
        return n;
    }

    private static int[] factor(int n) {
        List<Integer> f = new ArrayList<>();
        while (n % 4 == 0) {
            f.add(4);
            n /= 4;
        }
        for (int p = 2; n > 1; p++) {
            while (n % p == 0) {
                f.add(p);
                n /= p;
            }
        }
        return f.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Forward transform of {@code batch} sequences in place in {@code re, im} (length at least
     * n·batch), using {@code sRe, sIm} (same length) as scratch.
     */
    public void forward(float[] re, float[] im, float[] sRe, float[] sIm, int batch) {
        float[] xr = re, xi = im, yr = sRe, yi = sIm;
        int len = n, s = batch;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st], m = len / r;
            switch (r) {
                case 2 -> butterflies.radix2(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 3 -> butterflies.radix3(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 4 -> butterflies.radix4(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 5 -> butterflies.radix5(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                default -> radixGeneric(r, xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
            }
            float[] t = xr;
            xr = yr;
            yr = t;
            t = xi;
            xi = yi;
            yi = t;
            len = m;
            s *= r;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n * batch);
            System.arraycopy(xi, 0, im, 0, n * batch);
        }
    }

    /** Inverse transform, unscaled (the caller divides by n): the forward one on swapped parts. */
    public void inverse(float[] re, float[] im, float[] sRe, float[] sIm, int batch) {
        forward(im, re, sIm, sRe, batch);
    }

    private static void radixGeneric(int r, float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        float[] cr = new float[r], ci = new float[r];
        for (int k = 0; k < r; k++) {
            cr[k] = (float) Math.cos(-2 * Math.PI * k / r);
            ci[k] = (float) Math.sin(-2 * Math.PI * k / r);
        }
        for (int p = 0; p < m; p++) {
            for (int t = 0; t < s; t++) {
                for (int j = 0; j < r; j++) {
                    float accR = 0, accI = 0;
                    for (int k = 0; k < r; k++) {
                        int a = s * (p + k * m) + t, jk = j * k % r;
                        accR += xr[a] * cr[jk] - xi[a] * ci[jk];
                        accI += xr[a] * ci[jk] + xi[a] * cr[jk];
                    }
                    float twr = j == 0 ? 1 : wr[p * (r - 1) + j - 1], twi = j == 0 ? 0 : wi[p * (r - 1) + j - 1];
                    int o = s * (r * p + j) + t;
                    yr[o] = accR * twr - accI * twi;
                    yi[o] = accR * twi + accI * twr;
                }
            }
        }
    }
}
