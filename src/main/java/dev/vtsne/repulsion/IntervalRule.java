package dev.vtsne.repulsion;

import dev.vtsne.fft.FftSizes;

/**
 * How many intervals per axis {@link FftRepulsion} cuts a box of a given width into:
 * max(min intervals, ⌈width × intervals per unit⌉, min(⌈2 × width⌉, fine max)), the automatic
 * part capped at {@link FftRepulsion#MAX_AUTO_INTERVALS_2D} in 2-D and
 * {@link FftRepulsion#MAX_AUTO_INTERVALS_1D} in 1-D, rounded up to a 5-smooth number so that the
 * transform length is fast. A fine max of 0 is FIt-SNE's rule exactly.
 */
record IntervalRule(int minIntervals, double intervalsPerUnit, int fineMax) {

    /** Interval count per axis for a box of this width in a {@code dims}-axis map. */
    int intervals(double width, int dims) {
        double auto = Math.max(Math.ceil(width * intervalsPerUnit), Math.min(Math.ceil(2 * width), fineMax));
        int cap = dims == 2 ? FftRepulsion.MAX_AUTO_INTERVALS_2D : FftRepulsion.MAX_AUTO_INTERVALS_1D;
        int want = Math.max(minIntervals, (int) Math.min(cap, auto));
        return FftSizes.nextSmooth(want);
    }
}
