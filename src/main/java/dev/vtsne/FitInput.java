package dev.vtsne;

import dev.vtsne.pca.PcaResult;

/**
 * What an {@link Embedding} keeps of its fit's input to place new points against the map later.
 *
 * @param rawDim   columns of the input as given
 * @param points   the points the map was fitted on: the input, or its PCA projection (then the raw
 *                 input is not kept)
 * @param pca      the projection new points go through, or null without PCA
 * @param rescaled whether the fit multiplied the input by a power of two to keep float distances
 *                 finite ({@link FitPoints#toFloatRange}); new points could not be placed consistently
 */
record FitInput(int rawDim, Points points, PcaResult pca, boolean rescaled) {

    /** The map at {@code coordinates} (copied) as a fixed reference for new points. */
    ReferenceMap referenceMap(float[][] coordinates) {
        if (rescaled) {
            throw new IllegalStateException("this map's input had magnitudes beyond 2^40 or below 2^-40 and was rescaled "
                    + "for the fit, so new points cannot be placed against it; scale the data to ordinary magnitudes "
                    + "(e.g. standardize the columns), fit again, then transform");
        }
        return ReferenceMap.fitted(rawDim, points, pca, coordinates);
    }
}
