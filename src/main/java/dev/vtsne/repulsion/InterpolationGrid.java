package dev.vtsne.repulsion;

/**
 * The box geometry of one {@link FftRepulsion} call: a square box from {@code lo} cut into
 * {@code intervals} intervals of {@code intervalWidth} per axis, {@code nodes} interpolation nodes
 * per interval, and the box centre the charges are taken relative to. Boxes (intervals in 1-D,
 * interval squares in 2-D) are numbered x-first: box = bx + by · intervals.
 */
record InterpolationGrid(int dims, int intervals, int nodes, double lo, double intervalWidth, double centre) {

    /** Intervals in 1-D, interval squares in 2-D. */
    int boxes() {
        return dims == 2 ? intervals * intervals : intervals;
    }

    /** Interval index along one axis; points on the upper bound join the last interval. */
    int interval(double x) {
        return Math.min(intervals - 1, (int) ((x - lo) / intervalWidth));
    }

    /** Position within interval k in node spacings, in [0, nodes]. */
    double local(double x, int k) {
        return ((x - lo) / intervalWidth - k) * nodes;
    }
}
