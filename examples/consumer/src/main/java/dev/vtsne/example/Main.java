package dev.vtsne.example;

import dev.vtsne.Embedding;
import dev.vtsne.PartialEmbedding;
import dev.vtsne.Points;
import dev.vtsne.TSne;
import dev.vtsne.TsneOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Embeds a seeded Gaussian mixture with vtsne's public API, then places held-out points of the
 * same mixture into the map. Prints the kernels in use, the map's KL divergence and how many
 * held-out points land in their own cluster; with a file argument, also writes the map
 * (x,y per line, the fitted points then the held-out ones) for examples/consumer/run to compare.
 */
public final class Main {

    static final int CLUSTERS = 8;
    static final int PER_CLUSTER = 100;
    static final int HELD_OUT_PER_CLUSTER = 10;
    static final int DIM = 30;

    public static void main(String[] args) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        float[][] centres = new float[CLUSTERS][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) (6 * random.nextGaussian());
            }
        }
        Points train = Points.of(sample(centres, PER_CLUSTER, random));
        Points heldOut = Points.of(sample(centres, HELD_OUT_PER_CLUSTER, random));

        Embedding map = TSne.fit(train, TsneOptions.builder().perplexity(30).seed(7).threads(1).build(), null);
        PartialEmbedding placed = map.transform(heldOut);

        int inCluster = countInOwnCluster(map.coordinates(), placed.coordinates());
        System.out.println("kernels: " + map.kernels());
        System.out.println("method: " + map.methodDescription());
        System.out.printf(Locale.ROOT, "kl: %.6f%n", map.lastKl());
        System.out.printf(Locale.ROOT, "held-out in their own cluster: %d of %d (transform KL %.4f)%n",
                inCluster, heldOut.size(), placed.kl());
        if (args.length > 0) {
            write(Path.of(args[0]), map.coordinates(), placed.coordinates());
        }
    }

    /** {@code perCluster} points around each centre (unit variance), cluster after cluster. */
    static double[][] sample(float[][] centres, int perCluster, SplittableRandom random) {
        double[][] rows = new double[centres.length * perCluster][];
        for (int c = 0; c < centres.length; c++) {
            for (int k = 0; k < perCluster; k++) {
                double[] row = new double[DIM];
                for (int d = 0; d < DIM; d++) {
                    row[d] = centres[c][d] + random.nextGaussian();
                }
                rows[c * perCluster + k] = row;
            }
        }
        return rows;
    }

    /** Held-out points whose nearest cluster centroid in the map is their own cluster's. */
    static int countInOwnCluster(float[][] map, float[][] placed) {
        int dims = map.length;
        double[][] centroid = new double[CLUSTERS][dims];
        for (int i = 0; i < map[0].length; i++) {
            for (int a = 0; a < dims; a++) {
                centroid[i / PER_CLUSTER][a] += map[a][i] / (double) PER_CLUSTER;
            }
        }
        int hits = 0;
        for (int i = 0; i < placed[0].length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < CLUSTERS; c++) {
                double d = 0;
                for (int a = 0; a < dims; a++) {
                    double diff = placed[a][i] - centroid[c][a];
                    d += diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (best == i / HELD_OUT_PER_CLUSTER) {
                hits++;
            }
        }
        return hits;
    }

    static void write(Path file, float[][] map, float[][] placed) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            for (float[][] part : new float[][][] {map, placed}) {
                for (int i = 0; i < part[0].length; i++) {
                    out.printf(Locale.ROOT, "%s,%s%n", part[0][i], part[1][i]);
                }
            }
        }
    }
}
