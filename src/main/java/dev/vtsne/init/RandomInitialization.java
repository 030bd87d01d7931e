package dev.vtsne.init;

import java.util.SplittableRandom;

/** Seeded N(0, 1e-4²) coordinates, as bhtsne and openTSNE's random initialization. */
public final class RandomInitialization {

    public static final double STD = 1e-4;

    private RandomInitialization() {}

    /** SoA coordinates, {@code dims} arrays of length n; the same seed gives the same bits. */
    public static float[][] compute(int n, int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] y = new float[dims][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                y[a][i] = (float) (random.nextGaussian() * STD);
            }
        }
        return y;
    }
}
