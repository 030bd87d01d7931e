package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.knn.QueryKnn;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.testing.Digits;
import dev.vtsne.transform.ReferenceForces;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out-of-sample embedding: fit on 1,400 of the digits, place the other 397 with openTSNE's
 * transform defaults, and judge them by their 10 nearest reference points' labels (seen: 0.982
 * with the plain fit, 0.970 at the median start before any step, 0.975 with PCA to 20
 * components; chance is 0.10).
 */
class TransformTest {

    static final int TRAIN = 1400;

    private static Points train, test;
    private static int[] trainLabels, testLabels;
    private static Embedding fit;

    @BeforeAll
    static void split() {
        Digits d = Digits.load();
        int n = d.points.size(), dim = d.points.dim();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(11);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] a = new float[TRAIN * dim], b = new float[(n - TRAIN) * dim];
        trainLabels = new int[TRAIN];
        testLabels = new int[n - TRAIN];
        for (int i = 0; i < n; i++) {
            float[] dst = i < TRAIN ? a : b;
            int row = i < TRAIN ? i : i - TRAIN;
            System.arraycopy(d.points.rowMajor(), order[i] * dim, dst, row * dim, dim);
            (i < TRAIN ? trainLabels : testLabels)[row] = d.labels[order[i]];
        }
        train = Points.ofRowMajor(a, TRAIN, dim);
        test = Points.ofRowMajor(b, n - TRAIN, dim);
        fit = TSne.fit(train, TsneOptions.builder().threads(2).build(), null);
    }

    /** Fraction of new points whose 10 nearest reference points (in the map) vote their own label. */
    static double referenceKnnAccuracy(float[][] ref, int[] refLabels, float[][] y, int[] labels, int k) {
        int correct = 0, n = ref[0].length;
        Integer[] idx = new Integer[n];
        double[] d = new double[n];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < ref.length; a++) {
                    double t = (double) y[a][i] - ref[a][j];
                    s += t * t;
                }
                d[j] = s;
                idx[j] = j;
            }
            Arrays.sort(idx, (p, q) -> Double.compare(d[p], d[q]));
            int[] votes = new int[10];
            for (int t = 0; t < k; t++) {
                votes[refLabels[idx[t]]]++;
            }
            int arg = 0;
            for (int c = 1; c < 10; c++) {
                if (votes[c] > votes[arg]) {
                    arg = c;
                }
            }
            if (arg == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    private static TransformOptions threads(int t) {
        return TransformOptions.builder().threads(t).build();
    }

    @Test
    void newDigitsLandAmongTheirOwnClassAndNothingElseMoves() {
        float[][] before = fit.coordinates();
        float[] trainCopy = train.rowMajor().clone(), testCopy = test.rowMajor().clone();
        PartialEmbedding p = fit.transform(test, threads(2));
        assertEquals(test.size(), p.size());
        assertEquals(2, p.dimensions());
        assertEquals(250, p.iterations());
        double acc = referenceKnnAccuracy(before, trainLabels, p.coordinates(), testLabels, 10);
        System.out.printf("transform: 10-NN accuracy of %d new digits against the %d-point map: %.4f; mean KL %.4f -> %.4f%n",
                test.size(), TRAIN, acc, p.initialKl(), p.kl());
        assertTrue(acc >= 0.9, "10-NN accuracy " + acc);
        assertTrue(p.kl() < p.initialKl(), "the optimization lowers the per-point KL: " + p.initialKl() + " -> " + p.kl());
        for (int a = 0; a < 2; a++) {
            assertArrayEquals(before[a], fit.coordinates()[a], "the reference map did not move");
        }
        assertArrayEquals(trainCopy, train.rowMajor(), "reference input untouched");
        assertArrayEquals(testCopy, test.rowMajor(), "new points untouched");
        // the median start alone already places points well; the optimization must not undo that
        TransformOptions none = TransformOptions.builder().iterations(0).threads(2).build();
        double accInit = referenceKnnAccuracy(before, trainLabels, fit.transform(test, none).coordinates(), testLabels, 10);
        System.out.printf("transform: 10-NN accuracy at the median initialization: %.4f%n", accInit);
        assertTrue(acc >= accInit - 0.01, "the optimization keeps the start's quality: " + accInit + " -> " + acc);
    }

    @Test
    void sameBitsOnAnyThreadCountAndAloneOrInABatch() {
        ReferenceMap map = fit.referenceMap();
        float[] one = map.transform(test, threads(1)).rowMajor();
        assertArrayEquals(one, map.transform(test, threads(2)).rowMajor());
        assertArrayEquals(one, map.transform(test, threads(3)).rowMajor());
        // a point does not feel the other new points: transformed alone, it lands at the same bits
        int dim = test.dim();
        for (int i : new int[] {0, 17, test.size() - 1}) {
            Points single = Points.ofRowMajor(Arrays.copyOfRange(test.rowMajor(), i * dim, (i + 1) * dim), 1, dim);
            float[] alone = map.transform(single, threads(1)).rowMajor();
            assertArrayEquals(Arrays.copyOfRange(one, i * 2, i * 2 + 2), alone, "point " + i);
        }
    }

    @Test
    void aMapBuiltFromFilesEqualsTheFitsMap() {
        // what the CLI does: the reference input and its map as rows, no fit in this JVM
        float[] rows = fit.rowMajor();
        ReferenceMap fromRows = ReferenceMap.of(train, Points.ofRowMajor(rows, TRAIN, 2));
        Points few = Points.ofRowMajor(Arrays.copyOf(test.rowMajor(), 40 * test.dim()), 40, test.dim());
        assertArrayEquals(fit.transform(few, threads(2)).rowMajor(), fromRows.transform(few, threads(2)).rowMajor());
    }

    @Test
    void pcaMapsProjectNewPointsWithTheFitsPca() {
        Embedding e = TSne.fit(train, TsneOptions.builder().pcaComponents(20).threads(2).iterations(500).build(), null);
        assertTrue(e.referenceMap().usesPca());
        assertEquals(64, e.referenceMap().inputDim());
        PartialEmbedding p = e.transform(test, threads(2));
        double acc = referenceKnnAccuracy(e.coordinates(), trainLabels, p.coordinates(), testLabels, 10);
        System.out.printf("transform with --pca 20: 10-NN accuracy %.4f%n", acc);
        assertTrue(acc >= 0.9, "10-NN accuracy with PCA " + acc);
        // refitting the PCA from the raw reference input with the fit's seed gives the same placement
        ReferenceMap refit = ReferenceMap.withPca(train, Points.ofRowMajor(e.rowMajor(), TRAIN, 2), 20, 42, 1);
        assertArrayEquals(p.rowMajor(), refit.transform(test, threads(2)).rowMajor());
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        ReferenceMap map = fit.referenceMap();
        Points wrong = Points.ofRowMajor(new float[30], 3, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.transform(wrong));
        assertTrue(e.getMessage().contains("10 columns") && e.getMessage().contains("64") && e.getMessage().contains("same 64 features"),
                e.getMessage());
        float[] nan = new float[64];
        Points tampered = Points.ofRowMajor(nan, 1, 64);
        nan[5] = Float.NaN; // Points checks on construction; a caller who writes into its array later is caught here
        e = assertThrows(IllegalArgumentException.class, () -> map.transform(tampered));
        assertTrue(e.getMessage().contains("new point 1, column 6 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> map.transform(null));
        assertTrue(e.getMessage().contains("no new points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Points.of(new double[0][]));
        assertTrue(e.getMessage().contains("no points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> map.transform(test, TransformOptions.builder().perplexity(500).build()));
        assertTrue(e.getMessage().contains("at most 466.66"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReferenceMap.of(train, Points.ofRowMajor(new float[20], 10, 2)));
        assertTrue(e.getMessage().contains("10 rows") && e.getMessage().contains("1400"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReferenceMap.of(train, Points.ofRowMajor(new float[TRAIN * 4], TRAIN, 4)));
        assertTrue(e.getMessage().contains("2 or 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().learningRate(0).build());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().initNeighbours(0).build());
        assertTrue(e.getMessage().contains("initial position"), e.getMessage());
        // each message names the one value that is wrong, not a default beside it
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().exaggeration(-1).build());
        assertEquals("transform exaggeration must be a finite number >= 1, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().earlyExaggeration(0.5).build());
        assertEquals("transform early exaggeration must be a finite number >= 1, got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().iterations(-2).build());
        assertEquals("transform iterations must be >= 0, got -2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransformOptions.builder().earlyExaggerationIterations(-3).build());
        assertEquals("transform early exaggeration iterations must be >= 0, got -3", e.getMessage());
    }

    @Test
    void defaultsAreOpenTsnes() {
        TransformOptions o = TransformOptions.defaults();
        assertEquals(5, o.perplexity());
        assertEquals(15, o.affinityNeighbours());
        assertEquals(25, o.initNeighbours());
        assertEquals(TransformOptions.TransformInitialization.MEDIAN, o.initialization());
        assertEquals(0.1, o.learningRate());
        assertEquals(0, o.earlyExaggerationIterations());
        assertEquals(1.5, o.exaggeration());
        assertEquals(250, o.iterations());
        assertEquals(0.8, o.finalMomentum());
        assertEquals(0.25, o.maxGradientNorm());
    }

    // ---- the pieces, against plain double loops ----

    @Test
    void queryKnnEqualsBruteForce() {
        Random r = new Random(3);
        int n = 700, m = 90, dim = 13, k = 20;
        float[] ref = new float[n * dim], q = new float[m * dim];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian();
        }
        System.arraycopy(ref, 5 * dim, q, 0, dim); // query 0 coincides with reference 5
        Points refP = Points.ofRowMajor(ref, n, dim), qP = Points.ofRowMajor(q, m, dim);
        for (KernelSet kernels : new KernelSet[] {KernelSet.preferred(), KernelSet.scalar()}) {
            QueryKnn.Result res;
            try (RowBlocks pool = new RowBlocks(2)) {
                res = QueryKnn.search(qP, refP, k, kernels.distances(), pool);
            }
            assertEquals(5, res.indices()[0][0], kernels.name());
            assertEquals(0f, res.squaredDistances()[0][0], kernels.name());
            for (int i = 0; i < m; i++) {
                double[] d = new double[n];
                Integer[] idx = new Integer[n];
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < dim; c++) {
                        double t = (double) q[i * dim + c] - ref[j * dim + c];
                        s += t * t;
                    }
                    d[j] = s;
                    idx[j] = j;
                }
                Arrays.sort(idx, (a, b) -> Double.compare(d[a], d[b]));
                for (int t = 0; t < k; t++) {
                    int got = res.indices()[i][t];
                    // equal up to float rounding of near ties
                    assertEquals(d[idx[t]], d[got], 1e-4 * (1 + d[idx[t]]), kernels.name() + " query " + i + " rank " + t);
                    assertEquals(d[got], res.squaredDistances()[i][t], 1e-4 * (1 + d[got]), kernels.name());
                }
            }
        }
    }

    @Test
    void forcesAreHalfTheDerivativeOfThePerPointCost() {
        Random r = new Random(5);
        for (int dims = 2; dims <= 3; dims++) {
            int n = 300, count = 12;
            float[][] ref = new float[dims][n];
            for (float[] axis : ref) {
                for (int j = 0; j < n; j++) {
                    axis[j] = (float) (r.nextGaussian() * 5);
                }
            }
            int[] cols = new int[count];
            float[] p = new float[count];
            double sum = 0;
            for (int t = 0; t < count; t++) {
                cols[t] = r.nextInt(n);
                p[t] = (float) (0.1 + r.nextDouble());
                sum += p[t];
            }
            double pLogP = 0;
            for (int t = 0; t < count; t++) {
                p[t] = (float) (p[t] / sum);
                pLogP += p[t] * Math.log(p[t]);
            }
            float[] y = new float[dims];
            for (int a = 0; a < dims; a++) {
                y[a] = (float) r.nextGaussian();
            }
            double[] expected = plainForce(ref, y, cols, p, count, 1.7);
            for (KernelSet kernels : new KernelSet[] {KernelSet.preferred(), KernelSet.scalar()}) {
                ReferenceForces forces = new ReferenceForces(ref, kernels.gradient());
                double[] f = new double[dims];
                forces.force(y, cols, p, count, 1.7, f);
                for (int a = 0; a < dims; a++) {
                    assertEquals(expected[a], f[a], 1e-5 * (1 + Math.abs(expected[a])), kernels.name() + " axis " + a);
                }
                // at exaggeration 1, f = 1/2 dC/dy (central differences of the cost)
                forces.force(y, cols, p, count, 1.0, f);
                for (int a = 0; a < dims; a++) {
                    float h = 1e-2f;
                    float[] plus = y.clone(), minus = y.clone();
                    plus[a] += h;
                    minus[a] -= h;
                    double fd = (forces.kl(plus, cols, p, count, pLogP) - forces.kl(minus, cols, p, count, pLogP))
                            / ((double) plus[a] - minus[a]);
                    assertEquals(fd, 2 * f[a], 2e-3 * (1 + Math.abs(fd)), kernels.name() + " d=" + dims + " axis " + a);
                }
                double kl = forces.kl(y, cols, p, count, pLogP);
                assertTrue(kl >= -1e-6, "KL is not negative: " + kl);
            }
        }
    }

    /** α Σ p w (y - r) - Σ_all w² (y - r) / Σ_all w, in double. */
    private static double[] plainForce(float[][] ref, float[] y, int[] cols, float[] p, int count, double alpha) {
        int dims = ref.length, n = ref[0].length;
        double[] att = new double[dims], rep = new double[dims];
        double z = 0;
        for (int j = 0; j < n; j++) {
            double d2 = 0;
            for (int a = 0; a < dims; a++) {
                double t = (double) y[a] - ref[a][j];
                d2 += t * t;
            }
            double w = 1 / (1 + d2);
            z += w;
            for (int a = 0; a < dims; a++) {
                rep[a] += w * w * ((double) y[a] - ref[a][j]);
            }
        }
        for (int t = 0; t < count; t++) {
            int j = cols[t];
            double d2 = 0;
            for (int a = 0; a < dims; a++) {
                double u = (double) y[a] - ref[a][j];
                d2 += u * u;
            }
            for (int a = 0; a < dims; a++) {
                att[a] += p[t] / (1 + d2) * ((double) y[a] - ref[a][j]);
            }
        }
        double[] f = new double[dims];
        for (int a = 0; a < dims; a++) {
            f[a] = alpha * att[a] - rep[a] / z;
        }
        return f;
    }
}
