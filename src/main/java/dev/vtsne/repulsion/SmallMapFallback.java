package dev.vtsne.repulsion;

/**
 * FFT interpolation with the exact sums for the iterations where the grid would have more nodes
 * per axis than there are points. The grid's size follows the map's width, not n, so a few
 * points spread wide (2 points under the default learning rate end up ~1,400 units apart) asked
 * for a grid of thousands of nodes per axis: seconds per iteration for what the exact sums do in
 * microseconds, and an interpolation that is no longer accurate when most intervals are empty.
 * The choice depends only on the coordinates, so results stay the same on any thread count; on
 * ordinary maps (more points than grid nodes per axis) this is exactly {@link FftRepulsion}.
 */
public final class SmallMapFallback implements Repulsion {

    private final FftRepulsion fft;
    private final Repulsion exact;

    /** FFT repulsion with the exact sums taken when the grid would have more nodes per axis than there are points. */
    public SmallMapFallback(FftRepulsion fft, Repulsion exact) {
        this.fft = fft;
        this.exact = exact;
    }

    @Override
    public double compute(float[][] y, double[] out) {
        // the FFT's own bounds (one parallel pass), so the box is measured once per call
        double[] bounds = fft.checkedBounds(y, out);
        if (bounds == null) {
            return 0; // fewer than 2 points: no forces
        }
        long nodesPerAxis = (long) fft.intervals(bounds[1] - bounds[0], y.length) * fft.nodesPerInterval();
        return nodesPerAxis > y[0].length ? exact.compute(y, out) : fft.computeInBox(y, out, bounds);
    }

    @Override
    public String describe() {
        return fft.describe();
    }
}
