package dev.vtsne.simd.panama;

import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.ScalarFftButterflies;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link FftButterflies}: lanes run along each contiguous run of {@code s} slots
 * (the batch of sequences times the stage stride), with the twiddles broadcast. C2 does not
 * auto-vectorize the scalar loops (measured: the same time with and without
 * {@code -XX:-UseSuperWord}), because it cannot prove the input and output arrays apart.
 *
 * <p>Each lane does exactly the scalar twin's operations in its order (mul, add, sub; no fma),
 * so the bits are the twin's. A run whose length is not a multiple of the lane count (a last
 * grid tile of odd width) is handed to the twin whole: same bits, no tail code.
 * The species is {@link VectorKernels}' float species, so all kernels run at one width.
 */
public final class VectorFftButterflies implements FftButterflies {

    private static final VectorSpecies<Float> D = VectorKernels.F;
    private static final int L = D.length();
    private static final ScalarFftButterflies TWIN = ScalarFftButterflies.INSTANCE;

    @Override
    public String name() {
        return "vector-" + D.vectorBitSize();
    }

    @Override
    public void radix2(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        if (s % L != 0) {
            TWIN.radix2(xr, xi, yr, yi, m, s, wr, wi);
            return;
        }
        for (int p = 0; p < m; p++) {
            float w1r = wr[p], w1i = wi[p];
            int a0 = s * p, a1 = s * (p + m), o0 = s * 2 * p, o1 = o0 + s;
            for (int t = 0; t < s; t += L) {
                FloatVector ar = FloatVector.fromArray(D, xr, a0 + t), ai = FloatVector.fromArray(D, xi, a0 + t);
                FloatVector br = FloatVector.fromArray(D, xr, a1 + t), bi = FloatVector.fromArray(D, xi, a1 + t);
                ar.add(br).intoArray(yr, o0 + t);
                ai.add(bi).intoArray(yi, o0 + t);
                FloatVector dr = ar.sub(br), di = ai.sub(bi);
                dr.mul(w1r).sub(di.mul(w1i)).intoArray(yr, o1 + t);
                dr.mul(w1i).add(di.mul(w1r)).intoArray(yi, o1 + t);
            }
        }
    }

    @Override
    public void radix3(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        if (s % L != 0) {
            TWIN.radix3(xr, xi, yr, yi, m, s, wr, wi);
            return;
        }
        for (int p = 0; p < m; p++) {
            float w1r = wr[2 * p], w1i = wi[2 * p], w2r = wr[2 * p + 1], w2i = wi[2 * p + 1];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), o0 = s * 3 * p, o1 = o0 + s, o2 = o1 + s;
            for (int t = 0; t < s; t += L) {
                FloatVector x0r = FloatVector.fromArray(D, xr, a0 + t), x0i = FloatVector.fromArray(D, xi, a0 + t);
                FloatVector x1r = FloatVector.fromArray(D, xr, a1 + t), x1i = FloatVector.fromArray(D, xi, a1 + t);
                FloatVector x2r = FloatVector.fromArray(D, xr, a2 + t), x2i = FloatVector.fromArray(D, xi, a2 + t);
                FloatVector sr = x1r.add(x2r), si = x1i.add(x2i);
                FloatVector cr = x0r.sub(sr.mul(0.5f)), ci = x0i.sub(si.mul(0.5f));
                FloatVector dr = x1i.sub(x2i).mul(S3), di = x1r.sub(x2r).mul(-S3);
                x0r.add(sr).intoArray(yr, o0 + t);
                x0i.add(si).intoArray(yi, o0 + t);
                FloatVector b1r = cr.add(dr), b1i = ci.add(di), b2r = cr.sub(dr), b2i = ci.sub(di);
                b1r.mul(w1r).sub(b1i.mul(w1i)).intoArray(yr, o1 + t);
                b1r.mul(w1i).add(b1i.mul(w1r)).intoArray(yi, o1 + t);
                b2r.mul(w2r).sub(b2i.mul(w2i)).intoArray(yr, o2 + t);
                b2r.mul(w2i).add(b2i.mul(w2r)).intoArray(yi, o2 + t);
            }
        }
    }

    @Override
    public void radix4(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        if (s % L != 0) {
            TWIN.radix4(xr, xi, yr, yi, m, s, wr, wi);
            return;
        }
        for (int p = 0; p < m; p++) {
            float w1r = wr[3 * p], w1i = wi[3 * p], w2r = wr[3 * p + 1], w2i = wi[3 * p + 1];
            float w3r = wr[3 * p + 2], w3i = wi[3 * p + 2];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m);
            int o0 = s * 4 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
            for (int t = 0; t < s; t += L) {
                FloatVector x0r = FloatVector.fromArray(D, xr, a0 + t), x0i = FloatVector.fromArray(D, xi, a0 + t);
                FloatVector x1r = FloatVector.fromArray(D, xr, a1 + t), x1i = FloatVector.fromArray(D, xi, a1 + t);
                FloatVector x2r = FloatVector.fromArray(D, xr, a2 + t), x2i = FloatVector.fromArray(D, xi, a2 + t);
                FloatVector x3r = FloatVector.fromArray(D, xr, a3 + t), x3i = FloatVector.fromArray(D, xi, a3 + t);
                FloatVector pr = x0r.add(x2r), pi = x0i.add(x2i), qr = x0r.sub(x2r), qi = x0i.sub(x2i);
                FloatVector ur = x1r.add(x3r), ui = x1i.add(x3i), vr = x1r.sub(x3r), vi = x1i.sub(x3i);
                pr.add(ur).intoArray(yr, o0 + t);
                pi.add(ui).intoArray(yi, o0 + t);
                FloatVector b1r = qr.add(vi), b1i = qi.sub(vr);
                FloatVector b2r = pr.sub(ur), b2i = pi.sub(ui);
                FloatVector b3r = qr.sub(vi), b3i = qi.add(vr);
                b1r.mul(w1r).sub(b1i.mul(w1i)).intoArray(yr, o1 + t);
                b1r.mul(w1i).add(b1i.mul(w1r)).intoArray(yi, o1 + t);
                b2r.mul(w2r).sub(b2i.mul(w2i)).intoArray(yr, o2 + t);
                b2r.mul(w2i).add(b2i.mul(w2r)).intoArray(yi, o2 + t);
                b3r.mul(w3r).sub(b3i.mul(w3i)).intoArray(yr, o3 + t);
                b3r.mul(w3i).add(b3i.mul(w3r)).intoArray(yi, o3 + t);
            }
        }
    }

    @Override
    public void radix5(float[] xr, float[] xi, float[] yr, float[] yi, int m, int s, float[] wr, float[] wi) {
        if (s % L != 0) {
            TWIN.radix5(xr, xi, yr, yi, m, s, wr, wi);
            return;
        }
        for (int p = 0; p < m; p++) {
            int w = 4 * p;
            float w1r = wr[w], w1i = wi[w], w2r = wr[w + 1], w2i = wi[w + 1];
            float w3r = wr[w + 2], w3i = wi[w + 2], w4r = wr[w + 3], w4i = wi[w + 3];
            int a0 = s * p, a1 = s * (p + m), a2 = s * (p + 2 * m), a3 = s * (p + 3 * m), a4 = s * (p + 4 * m);
            int o0 = s * 5 * p, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s, o4 = o3 + s;
            for (int t = 0; t < s; t += L) {
                FloatVector x0r = FloatVector.fromArray(D, xr, a0 + t), x0i = FloatVector.fromArray(D, xi, a0 + t);
                FloatVector x1r = FloatVector.fromArray(D, xr, a1 + t), x1i = FloatVector.fromArray(D, xi, a1 + t);
                FloatVector x2r = FloatVector.fromArray(D, xr, a2 + t), x2i = FloatVector.fromArray(D, xi, a2 + t);
                FloatVector x3r = FloatVector.fromArray(D, xr, a3 + t), x3i = FloatVector.fromArray(D, xi, a3 + t);
                FloatVector x4r = FloatVector.fromArray(D, xr, a4 + t), x4i = FloatVector.fromArray(D, xi, a4 + t);
                FloatVector b1r = x1r.add(x4r), b1i = x1i.add(x4i), d1r = x1r.sub(x4r), d1i = x1i.sub(x4i);
                FloatVector b2r = x2r.add(x3r), b2i = x2i.add(x3i), d2r = x2r.sub(x3r), d2i = x2i.sub(x3i);
                x0r.add(b1r).add(b2r).intoArray(yr, o0 + t);
                x0i.add(b1i).add(b2i).intoArray(yi, o0 + t);
                FloatVector c1r = x0r.add(b1r.mul(C1)).add(b2r.mul(C2)), c1i = x0i.add(b1i.mul(C1)).add(b2i.mul(C2));
                FloatVector c2r = x0r.add(b1r.mul(C2)).add(b2r.mul(C1)), c2i = x0i.add(b1i.mul(C2)).add(b2i.mul(C1));
                FloatVector e1r = d1r.mul(S1).add(d2r.mul(S2)), e1i = d1i.mul(S1).add(d2i.mul(S2));
                FloatVector e2r = d1r.mul(S2).sub(d2r.mul(S1)), e2i = d1i.mul(S2).sub(d2i.mul(S1));
                FloatVector r1r = c1r.add(e1i), r1i = c1i.sub(e1r), r4r = c1r.sub(e1i), r4i = c1i.add(e1r);
                FloatVector r2r = c2r.add(e2i), r2i = c2i.sub(e2r), r3r = c2r.sub(e2i), r3i = c2i.add(e2r);
                r1r.mul(w1r).sub(r1i.mul(w1i)).intoArray(yr, o1 + t);
                r1r.mul(w1i).add(r1i.mul(w1r)).intoArray(yi, o1 + t);
                r2r.mul(w2r).sub(r2i.mul(w2i)).intoArray(yr, o2 + t);
                r2r.mul(w2i).add(r2i.mul(w2r)).intoArray(yi, o2 + t);
                r3r.mul(w3r).sub(r3i.mul(w3i)).intoArray(yr, o3 + t);
                r3r.mul(w3i).add(r3i.mul(w3r)).intoArray(yi, o3 + t);
                r4r.mul(w4r).sub(r4i.mul(w4i)).intoArray(yr, o4 + t);
                r4r.mul(w4i).add(r4i.mul(w4r)).intoArray(yi, o4 + t);
            }
        }
    }
}
