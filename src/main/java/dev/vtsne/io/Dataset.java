package dev.vtsne.io;

import dev.vtsne.Points;
import java.util.Objects;

/**
 * A loaded input: the points and, when the file or a separate label file had them, one label per
 * point.
 *
 * @param points the feature rows
 * @param labels one per point, or null
 */
public record Dataset(Points points, Labels labels) {

    public Dataset {
        Objects.requireNonNull(points, "points");
        if (labels != null && labels.size() != points.size()) {
            throw new IllegalArgumentException("have " + labels.size() + " labels for " + points.size() + " points");
        }
    }

    /** Whether the points have labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The same points with other labels. */
    public Dataset withLabels(Labels newLabels) {
        return new Dataset(points, newLabels);
    }
}
