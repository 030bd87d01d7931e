package dev.vtsne;

/** Checks of a user's initial layout before a map starts from it. */
final class Layouts {

    private Layouts() {}

    /**
     * A copy of {@code layout}, one array per axis, after checking it has {@code dims} axes of
     * {@code n} finite values each.
     *
     * @throws IllegalArgumentException naming the axis or value that is wrong
     */
    static float[][] checkedCopy(float[][] layout, int dims, int n) {
        java.util.Objects.requireNonNull(layout, "layout is null");
        if (layout.length != dims) {
            throw new IllegalArgumentException("the layout has " + layout.length + " axes, the options " + dims
                    + " dimensions; give one array of n values per axis ([dimensions][n])");
        }
        float[][] y = new float[dims][];
        for (int a = 0; a < dims; a++) {
            float[] axis = layout[a];
            if (axis == null || axis.length != n) {
                throw new IllegalArgumentException("axis " + a + " of the layout has " + (axis == null ? "no array" : axis.length + " values")
                        + ", the affinities " + n + " points; give one value per point on each axis");
            }
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(axis[i])) {
                    throw new IllegalArgumentException("point " + i + " of the layout is " + axis[i] + " on axis " + a
                            + "; every coordinate must be finite");
                }
            }
            y[a] = axis.clone();
        }
        return y;
    }
}
