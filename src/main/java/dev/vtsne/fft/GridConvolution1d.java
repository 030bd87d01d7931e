package dev.vtsne.fft;

import java.util.Arrays;

/**
 * Step 4 of the FFT interpolation in 1-D: potentials at the m interpolation nodes, each the sum
 * over all nodes of charge × K(node offset), K(d) = 1 / (1 + d²)², as a circular convolution of
 * length 2m. Channels are node-major ({@code [node * channels + c]}); pairs of real channels
 * travel as one complex sequence, all pairs in one batched transform. The grid is small
 * (2m ≤ a few thousand), so this runs on the calling thread.
 */
public final class GridConvolution1d {

    private final int m, big, channels, pairs;
    private final ComplexFft fft;
    private final float[] re, im, sRe, sIm, kernelHat;
    private double kernelSpacing = Double.NaN;

    /** A convolution on m nodes of {@code channels} channels, transformed by {@code butterflies}. */
    public GridConvolution1d(int m, int channels, FftButterflies butterflies) {
        this.m = m;
        this.big = 2 * m;
        this.channels = channels;
        this.pairs = (channels + 1) / 2;
        this.fft = new ComplexFft(big, butterflies);
        int len = big * Math.max(pairs, 1);
        re = new float[len];
        im = new float[len];
        sRe = new float[len];
        sIm = new float[len];
        kernelHat = new float[big];
    }

    /** m, the nodes this convolution was made for. */
    public int nodesPerAxis() {
        return m;
    }

    /** Sets the node spacing h; the kernel's spectrum is recomputed only when h changes. */
    public void setSpacing(double h) {
        if (h == kernelSpacing) {
            return;
        }
        for (int e = 0; e < big; e++) {
            double d = h * (e < m ? e : e - big), q = 1 + d * d;
            re[e] = (float) (1 / (q * q));
            im[e] = 0;
        }
        fft.forward(re, im, sRe, sIm, 1);
        for (int e = 0; e < big; e++) {
            kernelHat[e] = re[e] / big;
        }
        kernelSpacing = h;
    }

    /** Convolves {@code charges} (m nodes × channels) with K into {@code potentials}. */
    public void convolve(double[] charges, double[] potentials) {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        for (int e = 0; e < m; e++) {
            for (int p = 0; p < pairs; p++) {
                re[e * pairs + p] = (float) charges[e * channels + 2 * p];
                im[e * pairs + p] = 2 * p + 1 < channels ? (float) charges[e * channels + 2 * p + 1] : 0;
            }
        }
        fft.forward(re, im, sRe, sIm, pairs);
        for (int e = 0; e < big; e++) {
            for (int p = 0; p < pairs; p++) {
                re[e * pairs + p] *= kernelHat[e];
                im[e * pairs + p] *= kernelHat[e];
            }
        }
        fft.inverse(re, im, sRe, sIm, pairs);
        for (int e = 0; e < m; e++) {
            for (int p = 0; p < pairs; p++) {
                potentials[e * channels + 2 * p] = re[e * pairs + p];
                if (2 * p + 1 < channels) {
                    potentials[e * channels + 2 * p + 1] = im[e * pairs + p];
                }
            }
        }
    }
}
