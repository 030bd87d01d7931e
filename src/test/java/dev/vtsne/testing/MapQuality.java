package dev.vtsne.testing;

/** Label-based quality of a map: leave-one-out k-NN classification accuracy, in double. */
public final class MapQuality {

    private MapQuality() {}

    /** Fraction of points whose k nearest map neighbours (excluding itself) vote their own label. */
    public static double knnAccuracy(float[][] y, int[] labels, int k) {
        int n = labels.length;
        int classes = 0;
        for (int l : labels) {
            classes = Math.max(classes, l + 1);
        }
        int correct = 0;
        double[] d = new double[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (float[] axis : y) {
                    double t = (double) axis[i] - axis[j];
                    s += t * t;
                }
                d[j] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            // partial selection of the k smallest
            for (int j = 0; j < n; j++) {
                idx[j] = j;
            }
            int[] votes = new int[classes];
            for (int t = 0; t < k; t++) {
                int best = t;
                for (int j = t + 1; j < n; j++) {
                    if (d[idx[j]] < d[idx[best]]) {
                        best = j;
                    }
                }
                int tmp = idx[t];
                idx[t] = idx[best];
                idx[best] = tmp;
                votes[labels[idx[t]]]++;
            }
            int arg = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[arg]) {
                    arg = c;
                }
            }
            if (arg == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
