package dev.vtsne.testing;

import dev.vtsne.Points;
import dev.vtsne.knn.KnnGraph;
import java.util.Arrays;

/** The k nearest neighbours by brute force in double, nearest first, ties by index: a test referee. */
public final class BruteForceKnn {

    private BruteForceKnn() {}

    public static KnnGraph graph(Points x, int k) {
        double[][] dist = new double[x.size()][];
        int[][] idx = indices(x, k, dist);
        float[][] fdist = new float[x.size()][k];
        for (int i = 0; i < x.size(); i++) {
            for (int t = 0; t < k; t++) {
                fdist[i][t] = (float) dist[i][t];
            }
        }
        return new KnnGraph(x.size(), k, idx, fdist);
    }

    /** The neighbours' indices; their squared distances, in double, go to {@code distOut[i]}. */
    public static int[][] indices(Points x, int k, double[][] distOut) {
        int n = x.size(), dim = x.dim();
        float[] v = x.rowMajor();
        int[][] idx = new int[n][k];
        double[] d = new double[n];
        Integer[] order = new Integer[n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    double t = (double) v[i * dim + c] - v[j * dim + c];
                    s += t * t;
                }
                d[j] = s;
                if (j != i) {
                    order[o++] = j;
                }
            }
            Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
            distOut[i] = new double[k];
            for (int t = 0; t < k; t++) {
                idx[i][t] = order[t];
                distOut[i][t] = d[order[t]];
            }
        }
        return idx;
    }
}
