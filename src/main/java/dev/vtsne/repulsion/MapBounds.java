package dev.vtsne.repulsion;

import dev.vtsne.parallel.RowBlocks;

/**
 * The smallest and largest coordinate of a map over all its axes, in parallel blocks of
 * {@link FftRepulsion#POINT_BLOCK} points; min and max are exact, so the block order does not
 * matter. Rejects NaN and infinite coordinates. Keeps its per-block scratch between calls.
 */
final class MapBounds {

    private final RowBlocks pool;
    private float[] blockMin = new float[0], blockMax = new float[0];

    MapBounds(RowBlocks pool) {
        this.pool = pool;
    }

    /** {min, max} over every coordinate of the first n points of y. */
    double[] of(float[][] y, int n) {
        int block = FftRepulsion.POINT_BLOCK, blocks = (n + block - 1) / block;
        if (blockMin.length < blocks) {
            blockMin = new float[blocks];
            blockMax = new float[blocks];
        }
        float[] bMin = blockMin, bMax = blockMax;
        pool.forEach(n, block, (long) n * 64, (from, to) -> {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float[] axis : y) {
                for (int i = from; i < to; i++) {
                    float v = axis[i];
                    if (!Float.isFinite(v)) {
                        lo = Float.NaN;
                        break;
                    }
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            bMin[from / block] = lo;
            bMax[from / block] = hi;
        });
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            if (Float.isNaN(bMin[b])) {
                throw new IllegalArgumentException("embedding has a non-finite coordinate (NaN or infinite)");
            }
            lo = Math.min(lo, bMin[b]);
            hi = Math.max(hi, bMax[b]);
        }
        return new double[] {lo, hi};
    }
}
