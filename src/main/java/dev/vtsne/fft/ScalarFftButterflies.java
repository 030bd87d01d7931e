package dev.vtsne.fft;

/**
 * The scalar butterflies of {@link ComplexFft}, and the twin the tests hold the vector ones to.
 * Every output is formed with the same operations in the same order (no fused multiply-add), so
 * a vector implementation that follows them gives the same bits.
 */
public final class ScalarFftButterflies implements FftButterflies {

    public static final ScalarFftButterflies INSTANCE = new ScalarFftButterflies();

    private ScalarFftButterflies() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[p], w1i = wi[p];
            int a0 = s * p, a1 = s * (p + m), o0 = s * 2 * p, o1 = o0 + s;
            for (int t = 0; t < s; t++) {
                float ar = xr[a0 + t], ai = xi[a0 + t], br = xr[a1 + t], bi = xi[a1 + t];
                yr[o0 + t] = ar + br;
                yi[o0 + t] = ai + bi;
                float dr = ar - br, di = ai - bi;
                yr[o1 + t] = dr * w1r - di * w1i;
                yi[o1 + t] = dr * w1i + di * w1r;
            }
        }
    }

    @Override
    public void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[2 * p], w1i = wi[2 * p], w2r = wr[2 * p + 1], w2i = wi[2 * p + 1];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), o0 = s * 3 * p, o1 = o0 + s, o2 = o1 + s;
            for (int t = 0; t < s; t++) {
                float x0r = xr[a0 + t], x0i = xi[a0 + t];
                float x1r = xr[a1 + t], x1i = xi[a1 + t];
                float x2r = xr[a2 + t], x2i = xi[a2 + t];
                float sr = x1r + x2r, si = x1i + x2i;
                float cr = x0r - 0.5f * sr, ci = x0i - 0.5f * si;
                // ±i·(√3/2)·(x1 − x2): -i·d = (d.im, -d.re)
                float dr = S3 * (x1i - x2i), di = -S3 * (x1r - x2r);
                yr[o0 + t] = x0r + sr;
                yi[o0 + t] = x0i + si;
                float b1r = cr + dr, b1i = ci + di, b2r = cr - dr, b2i = ci - di;
                yr[o1 + t] = b1r * w1r - b1i * w1i;
                yi[o1 + t] = b1r * w1i + b1i * w1r;
                yr[o2 + t] = b2r * w2r - b2i * w2i;
                yi[o2 + t] = b2r * w2i + b2i * w2r;
            }
        }
    }

    @Override
    public void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        for (int p = 0; p < m; p++) {
            float w1r = wr[3 * p], w1i = wi[3 * p], w2r = wr[3 * p + 1], w2i = wi[3 * p + 1];
            float w3r = wr[3 * p + 2], w3i = wi[3 * p + 2];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m);
            int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            for (int t = 0; t < s; t++) {
                float x0r = xr[a0 + t], x0i = xi[a0 + t], x1r = xr[a1 + t], x1i = xi[a1 + t];
                float x2r = xr[a2 + t], x2i = xi[a2 + t], x3r = xr[a3 + t], x3i = xi[a3 + t];
                float pr = x0r + x2r, pi = x0i + x2i, qr = x0r - x2r, qi = x0i - x2i;
                float ur = x1r + x3r, ui = x1i + x3i, vr = x1r - x3r, vi = x1i - x3i;
                yr[o0 + t] = pr + ur;
                yi[o0 + t] = pi + ui;
                // A1 = q − i·v, A3 = q + i·v; −i·v = (v.im, −v.re)
                float b1r = qr + vi, b1i = qi - vr;
                float b2r = pr - ur, b2i = pi - ui;
                float b3r = qr - vi, b3i = qi + vr;
                yr[o1 + t] = b1r * w1r - b1i * w1i;
                yi[o1 + t] = b1r * w1i + b1i * w1r;
                yr[o2 + t] = b2r * w2r - b2i * w2i;
                yi[o2 + t] = b2r * w2i + b2i * w2r;
                yr[o3 + t] = b3r * w3r - b3i * w3i;
                yi[o3 + t] = b3r * w3i + b3i * w3r;
            }
        }
    }

    @Override
    public void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        for (int p = 0; p < m; p++) {
            int w = 4 * p;
            float w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1];
            float w3r = wr[w + 2], w3i = wi[w + 2], w4r = wr[w + 3], w4i = wi[w + 3];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m), a4 = s * (p + 4 * m);
            int o0 = s * 5 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s, o4 = o3 + s;
            for (int t = 0; t < s; t++) {
                float x0r = xr[a0 + t], x0i = xi[a0 + t];
                float b1r = xr[a1 + t] + xr[a4 + t], b1i = xi[a1 + t] + xi[a4 + t];
                float d1r = xr[a1 + t] - xr[a4 + t], d1i = xi[a1 + t] - xi[a4 + t];
                float b2r = xr[a2 + t] + xr[a3 + t], b2i = xi[a2 + t] + xi[a3 + t];
                float d2r = xr[a2 + t] - xr[a3 + t], d2i = xi[a2 + t] - xi[a3 + t];
                yr[o0 + t] = x0r + b1r + b2r;
                yi[o0 + t] = x0i + b1i + b2i;
                float c1r = x0r + C1 * b1r + C2 * b2r, c1i = x0i + C1 * b1i + C2 * b2i;
                float c2r = x0r + C2 * b1r + C1 * b2r, c2i = x0i + C2 * b1i + C1 * b2i;
                // e1 = s1·d1 + s2·d2, e2 = s2·d1 − s1·d2; A1,4 = c1 ∓ i·e1, A2,3 = c2 ∓ i·e2
                float e1r = S1 * d1r + S2 * d2r, e1i = S1 * d1i + S2 * d2i;
                float e2r = S2 * d1r - S1 * d2r, e2i = S2 * d1i - S1 * d2i;
                float r1r = c1r + e1i, r1i = c1i - e1r, r4r = c1r - e1i, r4i = c1i + e1r;
                float r2r = c2r + e2i, r2i = c2i - e2r, r3r = c2r - e2i, r3i = c2i + e2r;
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
}
