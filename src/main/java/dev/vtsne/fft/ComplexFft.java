package dev.vtsne.fft;

import java.util.ArrayList;
import java.util.List;

/**
 * A mixed-radix complex FFT of one fixed length n, on split real/imaginary {@code double}
 * arrays, transforming a batch of sequences at once.
 *
 * <p>Layout: element e of sequence b is at {@code [e * batch + b]}, so every butterfly's inner
 * loop runs over contiguous memory (the batch, and at later stages the batch times the stage
 * stride). Callers gather a few rows or columns of a 2-D grid into this layout (a tile that
 * stays in cache through all stages) and scatter the result back.
 *
 * <p>Algorithm: Stockham autosort, decimation in frequency, ping-ponging between the data and a
 * scratch pair of the same size (no bit reversal). Stages of radix 4, 2, 3 and 5 have explicit
 * butterflies; any other prime factor goes through a plain O(r²) DFT butterfly, correct but
 * slow, so sizes should come from {@link FftSizes#nextSmooth}. The forward transform is
 * X_k = Σ_j x_j e^{-2πi jk/n}, unscaled; the inverse (unscaled, e^{+...}) is the forward
 * transform with the real and imaginary arrays swapped. Results depend only on n and the input,
 * never on the batch size or on which thread runs them.
 *
 * <p>Instances are immutable and may be shared by threads; scratch arrays belong to the caller.
 */
public final class ComplexFft {

    private final int n;
    private final int[] radix;
    /** Per stage, twiddle w^{p·j} for p < len/r, j = 1..r-1, at [p * (r - 1) + j - 1]. */
    private final double[][] twRe, twIm;

    /** A transform of length {@code n}; the twiddle factors are computed once here. */
    public ComplexFft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        this.radix = factor(n);
        twRe = new double[radix.length][];
        twIm = new double[radix.length][];
        int len = n;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st], m = len / r;
            twRe[st] = new double[m * (r - 1)];
            twIm[st] = new double[m * (r - 1)];
            for (int p = 0; p < m; p++) {
                for (int j = 1; j < r; j++) {
                    // p·j < len, so the angle is reduced exactly before the trigonometry.
                    double angle = -2 * Math.PI * ((long) p * j % len) / len;
                    twRe[st][p * (r - 1) + j - 1] = Math.cos(angle);
                    twIm[st][p * (r - 1) + j - 1] = Math.sin(angle);
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
    public void forward(double[] re, double[] im, double[] sRe, double[] sIm, int batch) {
        double[] xr = re, xi = im, yr = sRe, yi = sIm;
        int len = n, s = batch;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st], m = len / r;
            switch (r) {
                case 2 -> radix2(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 3 -> radix3(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 4 -> radix4(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                case 5 -> radix5(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
                default -> radixGeneric(r, xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
            }
            double[] t = xr;
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
    public void inverse(double[] re, double[] im, double[] sRe, double[] sIm, int batch) {
        forward(im, re, sIm, sRe, batch);
    }

    // In each stage: s = stride in array slots (stage stride times batch), m = len / r. Input
    // slot run k of group p starts at s·(p + k·m), output run j at s·(r·p + j); each run is s
    // contiguous slots sharing one twiddle w^{p·j}.

    private static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int p = 0; p < m; p++) {
            double w1r = wr[p], w1i = wi[p];
            int a0 = s * p, a1 = s * (p + m), o0 = s * 2 * p, o1 = o0 + s;
            for (int t = 0; t < s; t++) {
                double ar = xr[a0 + t], ai = xi[a0 + t], br = xr[a1 + t], bi = xi[a1 + t];
                yr[o0 + t] = ar + br;
                yi[o0 + t] = ai + bi;
                double dr = ar - br, di = ai - bi;
                yr[o1 + t] = dr * w1r - di * w1i;
                yi[o1 + t] = dr * w1i + di * w1r;
            }
        }
    }

    private static final double S3 = Math.sqrt(3) / 2;

    private static void radix3(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int p = 0; p < m; p++) {
            double w1r = wr[2 * p], w1i = wi[2 * p], w2r = wr[2 * p + 1], w2i = wi[2 * p + 1];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), o0 = s * 3 * p, o1 = o0 + s, o2 = o1 + s;
            for (int t = 0; t < s; t++) {
                double x0r = xr[a0 + t], x0i = xi[a0 + t];
                double x1r = xr[a1 + t], x1i = xi[a1 + t];
                double x2r = xr[a2 + t], x2i = xi[a2 + t];
                double sr = x1r + x2r, si = x1i + x2i;
                double cr = x0r - 0.5 * sr, ci = x0i - 0.5 * si;
                // ±i·(√3/2)·(x1 − x2): -i·d = (d.im, -d.re)
                double dr = S3 * (x1i - x2i), di = -S3 * (x1r - x2r);
                yr[o0 + t] = x0r + sr;
                yi[o0 + t] = x0i + si;
                double b1r = cr + dr, b1i = ci + di, b2r = cr - dr, b2i = ci - di;
                yr[o1 + t] = b1r * w1r - b1i * w1i;
                yi[o1 + t] = b1r * w1i + b1i * w1r;
                yr[o2 + t] = b2r * w2r - b2i * w2i;
                yi[o2 + t] = b2r * w2i + b2i * w2r;
            }
        }
    }

    private static void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int p = 0; p < m; p++) {
            double w1r = wr[3 * p], w1i = wi[3 * p], w2r = wr[3 * p + 1], w2i = wi[3 * p + 1];
            double w3r = wr[3 * p + 2], w3i = wi[3 * p + 2];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m);
            int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            for (int t = 0; t < s; t++) {
                double x0r = xr[a0 + t], x0i = xi[a0 + t], x1r = xr[a1 + t], x1i = xi[a1 + t];
                double x2r = xr[a2 + t], x2i = xi[a2 + t], x3r = xr[a3 + t], x3i = xi[a3 + t];
                double pr = x0r + x2r, pi = x0i + x2i, qr = x0r - x2r, qi = x0i - x2i;
                double ur = x1r + x3r, ui = x1i + x3i, vr = x1r - x3r, vi = x1i - x3i;
                yr[o0 + t] = pr + ur;
                yi[o0 + t] = pi + ui;
                // A1 = q − i·v, A3 = q + i·v; −i·v = (v.im, −v.re)
                double b1r = qr + vi, b1i = qi - vr;
                double b2r = pr - ur, b2i = pi - ui;
                double b3r = qr - vi, b3i = qi + vr;
                yr[o1 + t] = b1r * w1r - b1i * w1i;
                yi[o1 + t] = b1r * w1i + b1i * w1r;
                yr[o2 + t] = b2r * w2r - b2i * w2i;
                yi[o2 + t] = b2r * w2i + b2i * w2r;
                yr[o3 + t] = b3r * w3r - b3i * w3i;
                yi[o3 + t] = b3r * w3i + b3i * w3r;
            }
        }
    }

    private static final double C1 = Math.cos(2 * Math.PI / 5), C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5), S2 = Math.sin(4 * Math.PI / 5);

    private static void radix5(double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        for (int p = 0; p < m; p++) {
            int w = 4 * p;
            double w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1];
            double w3r = wr[w + 2], w3i = wi[w + 2], w4r = wr[w + 3], w4i = wi[w + 3];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m), a4 = s * (p + 4 * m);
            int o0 = s * 5 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s, o4 = o3 + s;
            for (int t = 0; t < s; t++) {
                double x0r = xr[a0 + t], x0i = xi[a0 + t];
                double b1r = xr[a1 + t] + xr[a4 + t], b1i = xi[a1 + t] + xi[a4 + t];
                double d1r = xr[a1 + t] - xr[a4 + t], d1i = xi[a1 + t] - xi[a4 + t];
                double b2r = xr[a2 + t] + xr[a3 + t], b2i = xi[a2 + t] + xi[a3 + t];
                double d2r = xr[a2 + t] - xr[a3 + t], d2i = xi[a2 + t] - xi[a3 + t];
                yr[o0 + t] = x0r + b1r + b2r;
                yi[o0 + t] = x0i + b1i + b2i;
                double c1r = x0r + C1 * b1r + C2 * b2r, c1i = x0i + C1 * b1i + C2 * b2i;
                double c2r = x0r + C2 * b1r + C1 * b2r, c2i = x0i + C2 * b1i + C1 * b2i;
                // e1 = s1·d1 + s2·d2, e2 = s2·d1 − s1·d2; A1,4 = c1 ∓ i·e1, A2,3 = c2 ∓ i·e2
                double e1r = S1 * d1r + S2 * d2r, e1i = S1 * d1i + S2 * d2i;
                double e2r = S2 * d1r - S1 * d2r, e2i = S2 * d1i - S1 * d2i;
                double r1r = c1r + e1i, r1i = c1i - e1r, r4r = c1r - e1i, r4i = c1i + e1r;
                double r2r = c2r + e2i, r2i = c2i - e2r, r3r = c2r - e2i, r3i = c2i + e2r;
                yr[o1 + t] = r1r * w1r - r1i * w1i;
                yi[o1 + t] = r1r * w1i + r1i * w1r;
                yr[o2 + t] = r2r * w2r - r2i * w2i;
                yi[o2 + t] = r2r * w2i + r2i * w2r;
                yr[o3 + t] = r3r * w3r - r3i * w3i;
                yi[o3 + t] = r3r * w3i + r3i * w3r;
                yr[o4 + t] = r4r * w4r - r4i * w4i;
                yi[o4 + t] = r4r * w4i + r4i * w4r;
            }
        }
    }

    private static void radixGeneric(int r, double[] xr, double[] xi, double[] yr, double[] yi, int m, int s, double[] wr, double[] wi) {
        double[] cr = new double[r], ci = new double[r];
        for (int k = 0; k < r; k++) {
            cr[k] = Math.cos(-2 * Math.PI * k / r);
            ci[k] = Math.sin(-2 * Math.PI * k / r);
        }
        for (int p = 0; p < m; p++) {
            for (int t = 0; t < s; t++) {
                for (int j = 0; j < r; j++) {
                    double accR = 0, accI = 0;
                    for (int k = 0; k < r; k++) {
                        int a = s * (p + k * m) + t, jk = j * k % r;
                        accR += xr[a] * cr[jk] - xi[a] * ci[jk];
                        accI += xr[a] * ci[jk] + xi[a] * cr[jk];
                    }
                    double twr = j == 0 ? 1 : wr[p * (r - 1) + j - 1], twi = j == 0 ? 0 : wi[p * (r - 1) + j - 1];
                    int o = s * (r * p + j) + t;
                    yr[o] = accR * twr - accI * twi;
                    yi[o] = accR * twi + accI * twr;
                }
            }
        }
    }
}
