package dev.vtsne;

import dev.vtsne.pca.PcaResult;
import dev.vtsne.pca.RandomizedPca;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.MatrixKernels;

/**
 * The points a fit works on, from the points given: brought into the float range
 * ({@link #toFloatRange}), then projected on their principal components when the options ask.
 * The steps that read points ({@link TSne#neighbors}, {@link TSne#initialLayout},
 * {@link TSne#affinities(Points, TsneOptions)}, {@link TSne#fit}) all start here, so each sees
 * the points the one-call fit sees.
 *
 * @param raw      the points as given
 * @param scaled   {@code raw}, or its rescaled copy
 * @param pca      the projection, or null without PCA
 * @param input    the points the steps use: {@code scaled}, or its projection
 * @param pcaNanos the time the rescale and projection took (0 without PCA)
 */
record FitPoints(Points raw, Points scaled, PcaResult pca, Points input, long pcaNanos) {

    /** Beyond this magnitude (2^40) squared distances could leave the float range; below 2^-40 they underflow. */
    private static final int SCALE_EXPONENT_LIMIT = 40;

    /** Prepares {@code x} for {@code options}, announcing the PCA phase to {@code listener} (may be null) when there is one. */
    static FitPoints of(Points x, TsneOptions options, RowBlocks pool, MatrixKernels matrix, IterationListener listener) {
        long t0 = System.nanoTime();
        Points scaled = toFloatRange(x);
        int k = options.pcaComponents();
        if (k == 0 || k >= x.dim()) {
            return new FitPoints(x, scaled, null, scaled, 0); // nothing to reduce: as many components as columns keeps the input
        }
        if (listener != null) {
            listener.onPhase(Phase.PCA);
        }
        PcaResult pca = RandomizedPca.fit(scaled, k, options.seed(), pool, matrix);
        Points input = pca.project(scaled, pool);
        return new FitPoints(x, scaled, pca, input, System.nanoTime() - t0);
    }

    /** What an embedding fitted on these points keeps of them, to place new points later. */
    FitInput fitInput() {
        return new FitInput(raw.dim(), input, pca, scaled != raw);
    }

    /**
     * The input multiplied by a power of two that brings its largest magnitude into [1, 2), when
     * that magnitude is above 2^40 or below 2^-40; otherwise the input itself. Distances are
     * computed in float, so a column of 1e30 made every squared distance infinite and data of
     * 1e-30 made them all 0. t-SNE and SNE do not depend on the input's scale (each point's
     * Gaussian precision is calibrated to the perplexity, PCA initialization is rescaled), and a
     * power of two changes no float's mantissa, so this only changes what could not be computed.
     */
    static Points toFloatRange(Points x) {
        float[] v = x.rowMajor();
        float max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        if (max == 0 || Math.abs(Math.getExponent(max)) <= SCALE_EXPONENT_LIMIT) {
            return x;
        }
        float scale = Math.scalb(1f, -Math.getExponent(max));
        float[] s = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            s[k] = v[k] * scale; // exact unless a value falls below the float range relative to the largest
        }
        return Points.ofRowMajor(s, x.size(), x.dim());
    }
}
