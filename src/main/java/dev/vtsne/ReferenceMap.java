package dev.vtsne;

import dev.vtsne.affinity.PerplexityCalibration;
import dev.vtsne.knn.QueryKnn;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.pca.PcaResult;
import dev.vtsne.pca.RandomizedPca;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.transform.PartialDescent;
import dev.vtsne.transform.ReferenceForces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed map of reference points (their input rows and their map coordinates) that new points
 * can be embedded into: out-of-sample t-SNE as openTSNE does it ({@code TSNEEmbedding.transform},
 * i.e. {@code prepare_partial} then two {@code optimize} phases). Get one from a fit
 * ({@link Embedding#referenceMap()}) or build one from reference points and a map of them
 * written earlier ({@link #of(Points, Points)}).
 *
 * <p>{@link #transform} embeds each new point on its own, against the fixed reference points only:
 * <ol>
 *   <li>its exact nearest reference points in the input space (after the fit's PCA projection,
 *       when the map was made with one), on the vector distance kernels ({@link QueryKnn});</li>
 *   <li>conditional affinities p_j|i over the ⌊3·perplexity⌋ nearest, calibrated to the transform
 *       perplexity by the fit's {@link PerplexityCalibration}, each row summing to 1 (openTSNE's
 *       "point-wise" normalization, no symmetrization);</li>
 *   <li>the initial position: the coordinate-wise median of the map positions of its k nearest
 *       reference points (or their p-weighted mean);</li>
 *   <li>gradient descent on its own cost KL(p_·|i || q_·|i), q_j|i = w_ij / Σ_j w_ij over the
 *       reference points, attraction toward its neighbours and repulsion from every reference point
 *       ({@link ReferenceForces}, O(N) per point and step), with openTSNE's schedule
 *       ({@link PartialDescent}, {@link TransformOptions}).</li>
 * </ol>
 * The reference map never moves, and the new points do not interact, so each new point's result
 * is the same whether it is transformed alone or with others, on any number of threads.
 * Differences from openTSNE: the reference map is not re-centred (openTSNE centres it in place
 * first; here the new coordinates are in the given map's frame), the repulsion is exact rather
 * than Barnes-Hut or interpolated, new points are not clipped to the interpolation grid's disc
 * (there is no grid), and a perplexity too large for the reference is refused, not lowered.
 *
 * <p>{@link #save} writes a map to one file and {@link #load} reads it back in another process,
 * to transform new points without the reference input or a refit.
 *
 * <p>Immutable: the coordinates are copied; the reference input points are kept and only read.
 */
public final class ReferenceMap {

    /** The format version of the file {@link #save} writes, and the newest {@link #load} reads. */
    public static final int FORMAT_VERSION = 1;

    /** New points per parallel task: each task copies the reference axes once. */
    private static final int BLOCK = 16;

    private final Points input;
    private final PcaResult pca;
    private final int rawDim;
    private final float[][] y;

    private ReferenceMap(Points input, PcaResult pca, int rawDim, float[][] y) {
        this.input = input;
        this.pca = pca;
        this.rawDim = rawDim;
        this.y = y;
    }

    /**
     * A map of {@code input} whose coordinates are {@code coordinates[axis][row]} (2 or 3 axes,
     * copied), rows aligned with the input's.
     *
     * @throws IllegalArgumentException when the rows differ in number, the map is not 2-D or 3-D,
     *         or a coordinate is not finite
     */
    public static ReferenceMap of(Points input, float[][] coordinates) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(coordinates, "coordinates");
        return new ReferenceMap(input, null, input.dim(), checkedCopy(coordinates, input.size()));
    }

    /**
     * A map of {@code input} given as n rows of 2 or 3 coordinates ({@code map}, e.g. an embedding
     * read back from a file), rows aligned with the input's.
     */
    public static ReferenceMap of(Points input, Points map) {
        Objects.requireNonNull(map, "map");
        return of(input, axes(map));
    }

    /**
     * As {@link #of(Points, Points)} for a map fitted with {@link TsneOptions#pcaComponents()}
     * {@code = components}: refits the same randomized PCA on {@code input} (with the fit's
     * {@code seed} it gives the same bits on any thread count) and projects reference and new
     * points with it. {@code components} of 0, or at least the input's columns, means no PCA.
     */
    public static ReferenceMap withPca(Points input, Points map, int components, long seed, int threads) {
        Objects.requireNonNull(input, "input");
        if (components < 0) {
            throw new IllegalArgumentException("PCA components must be >= 0 (0 = no PCA), got " + components);
        }
        if (components == 0 || components >= input.dim()) {
            return of(input, map);
        }
        if (components > input.size()) {
            throw new IllegalArgumentException("a PCA to " + components + " components needs at least " + components
                    + " reference points, got " + input.size() + "; give the number of components the map was made with");
        }
        float[][] c = checkedCopy(axes(map), input.size());
        try (RowBlocks pool = new RowBlocks(threads)) {
            PcaResult pca = RandomizedPca.fit(input, components, seed, pool, KernelSet.preferred().matrix());
            return new ReferenceMap(pca.project(input, pool), pca, input.dim(), c);
        }
    }

    /** The map of a fit: {@code projected} is the fit's input after its PCA ({@code pca}, may be null). */
    static ReferenceMap fitted(int rawDim, Points projected, PcaResult pca, float[][] coordinates) {
        return new ReferenceMap(projected, pca, rawDim, checkedCopy(coordinates, projected.size()));
    }

    /**
     * Writes this map to {@code path}, whole or not at all (a temporary file beside it, renamed
     * into place; an existing file of that name is replaced). {@link #load} reads it back: the
     * loaded map transforms new points to the same bits as this one, on the same kernels.
     *
     * <p>The file (format version 1) is a ZIP archive of {@code .npy} entries, the container
     * numpy's {@code savez} writes, so {@code np.load(path)} opens it (name it {@code .npz});
     * entries, in this order:
     * <ul>
     *   <li>{@code model.txt}, UTF-8 lines: {@code vtsne reference map}, then {@code key=value}
     *       lines {@code format_version=1}, {@code points=N}, {@code input_columns=D} (the columns
     *       new points must have), {@code map_dimensions=2|3}, {@code pca_components=K} (0 without
     *       PCA) and, with PCA only, {@code pca_total_variance} (the input's total variance, a
     *       Java double) and {@code pca_power_iterations};</li>
     *   <li>{@code reference.npy}: float32 N × D, or N × K with PCA: the reference points as the
     *       fit saw them (after its PCA);</li>
     *   <li>{@code map.npy}: float32 N × 2|3, their map coordinates, rows aligned;</li>
     *   <li>with PCA only: {@code pca_components.npy} float64 K × D (unit rows), {@code pca_mean.npy}
     *       float64 D (the mean new points are centred on), {@code pca_explained_variance.npy}
     *       float64 K.</li>
     * </ul>
     * The settings of {@link #transform} (perplexity, iterations, ...) are not part of the map:
     * they are given to each transform.
     *
     * @throws IllegalArgumentException when the name ends in ".gz" (the archive is compressed already)
     * @throws IOException when the directory is missing or not writable, or the write fails
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        ReferenceMapFile.write(this, path);
    }

    /**
     * Reads a map that {@link #save} wrote. Every part is checked before it is used: the settings
     * entry, the format version (a newer one is refused, naming it), that each entry is there, is
     * intact (its CRC-32) and has the shape the settings give, that no other entry is, and that
     * every value is finite.
     *
     * @throws ModelFormatException naming the file and what is wrong with it, when it is missing,
     *         unreadable or not such a map
     */
    public static ReferenceMap load(Path path) throws ModelFormatException {
        Objects.requireNonNull(path, "path");
        return ReferenceMapFile.read(path);
    }

    /** The reference points as the map uses them (after the PCA when there is one); not a copy. */
    Points referencePoints() {
        return input;
    }

    /** The projection of new points, or null without PCA. */
    PcaResult pca() {
        return pca;
    }

    /** The coordinates, one array per axis; not a copy. */
    float[][] axesView() {
        return y;
    }

    /** Number of reference points. */
    public int size() {
        return input.size();
    }

    /** Map axes, 2 or 3. */
    public int dimensions() {
        return y.length;
    }

    /** Columns new points must have: those of the data the map was made from (before any PCA). */
    public int inputDim() {
        return rawDim;
    }

    /** The number of principal components new points are projected on first, 0 without PCA. */
    public int pcaComponents() {
        return pca == null ? 0 : pca.componentCount();
    }

    /** Whether new points are projected on the fit's principal components first. */
    public boolean usesPca() {
        return pca != null;
    }

    /** A copy of the reference coordinates, one array per axis. */
    public float[][] coordinates() {
        return Axes.copy(y);
    }

    /** {@link #transform(Points, TransformOptions)} with openTSNE's defaults ({@link TransformOptions#defaults()}). */
    public PartialEmbedding transform(Points newPoints) {
        return transform(newPoints, TransformOptions.defaults());
    }

    /**
     * Embeds {@code newPoints} into this map (see the class comment). Neither the map nor the
     * given points are modified.
     *
     * @throws IllegalArgumentException when the new points have another number of columns than
     *         the reference data, hold a non-finite value, or the perplexity needs more reference
     *         points than the map has
     * @throws dev.vtsne.DivergenceException when the learning rate throws a point out of
     *         the float range
     */
    public PartialEmbedding transform(Points newPoints, TransformOptions options) {
        Objects.requireNonNull(options, "options");
        check(newPoints, options);
        int n = size(), m = newPoints.size(), dims = y.length;
        int kp = options.affinityNeighbours();
        int kInit = Math.min(n, options.initNeighbours());
        int kSearch = Math.max(kp, kInit);
        KernelSet kernels = KernelSet.preferred();
        long t0 = System.nanoTime();
        try (RowBlocks pool = new RowBlocks(options.threads())) {
            Points q = pca == null ? newPoints : pca.project(newPoints, pool);
            QueryKnn.Result knn = QueryKnn.search(q, input, kSearch, kernels.distances(), pool);
            int[][] nbr = knn.indices();
            float[][] p = new float[m][kp];
            double[] pLogP = new double[m];
            pool.forEach(m, 256, (from, to) -> {
                PerplexityCalibration calibration = new PerplexityCalibration(kernels.calibration(), options.perplexity());
                for (int i = from; i < to; i++) {
                    calibration.calibrate(knn.squaredDistances()[i], kp, p[i]);
                    double s = 0;
                    for (float v : p[i]) {
                        if (v > 0) {
                            s += v * Math.log(v);
                        }
                    }
                    pLogP[i] = s;
                }
            });
            long t1 = System.nanoTime();
            float[][] out = new float[dims][m];
            double[] kl0 = new double[m];
            double[] kl1 = new double[m];
            PartialDescent descent = new PartialDescent(options.learningRate(), options.earlyExaggeration(),
                    options.earlyExaggerationIterations(), options.exaggeration(), options.iterations(),
                    options.initialMomentum(), options.finalMomentum(), options.maxGradientNorm(), options.minGain());
            long work = (long) m * n * (options.totalIterations() + 2);
            pool.forEach(m, BLOCK, work, (from, to) -> {
                ReferenceForces forces = new ReferenceForces(y, kernels.gradient());
                float[] yi = new float[dims];
                float[] scratch = new float[kInit];
                for (int i = from; i < to; i++) {
                    initialPosition(options.initialization(), nbr[i], kInit, p[i], kp, scratch, yi);
                    kl0[i] = forces.kl(yi, nbr[i], p[i], kp, pLogP[i]);
                    descent.run(forces, yi, nbr[i], p[i], kp);
                    kl1[i] = forces.kl(yi, nbr[i], p[i], kp, pLogP[i]);
                    for (int a = 0; a < dims; a++) {
                        out[a][i] = yi[a];
                    }
                }
            });
            double s0 = 0, s1 = 0;
            for (int i = 0; i < m; i++) { // serial, in row order: the same sum on any thread count
                s0 += kl0[i];
                s1 += kl1[i];
            }
            long t2 = System.nanoTime();
            return new PartialEmbedding(out, s0 / m, s1 / m, options.totalIterations(), t1 - t0, t2 - t1);
        }
    }

    /** The median (per axis) of the first k neighbours' map positions, or their p-weighted mean. */
    private void initialPosition(TransformOptions.TransformInitialization how, int[] nbr, int k, float[] p, int kp,
                                 float[] scratch, float[] out) {
        for (int a = 0; a < y.length; a++) {
            if (how == TransformOptions.TransformInitialization.WEIGHTED) {
                double s = 0, w = 0;
                for (int t = 0; t < kp; t++) {
                    s += (double) p[t] * y[a][nbr[t]];
                    w += p[t];
                }
                out[a] = (float) (s / w);
            } else {
                for (int t = 0; t < k; t++) {
                    scratch[t] = y[a][nbr[t]];
                }
                Arrays.sort(scratch, 0, k);
                out[a] = k % 2 == 1 ? scratch[k / 2] : (float) (((double) scratch[k / 2 - 1] + scratch[k / 2]) / 2);
            }
        }
    }

    private void check(Points newPoints, TransformOptions options) {
        if (newPoints == null) {
            throw new IllegalArgumentException("no new points given; pass the points to place into the map");
        }
        if (newPoints.dim() != rawDim) {
            throw new IllegalArgumentException("the new points have " + newPoints.dim() + " columns but the map was made from data with "
                    + rawDim + "; give the new points the same " + rawDim + " features in the same order"
                    + (pca != null ? " (before PCA: the map projects them itself)" : ""));
        }
        float[] v = newPoints.rowMajor();
        int d = newPoints.dim();
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw new IllegalArgumentException("new point " + (k / d + 1) + ", column " + (k % d + 1) + " is " + v[k]
                        + "; remove or impute non-finite values before transform");
            }
        }
        int kp = options.affinityNeighbours();
        if (kp > size()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "transform perplexity %s needs %d reference neighbours but the map has %d points; use a transform perplexity of at most %.2f",
                    options.perplexity(), kp, size(), Math.floor(size() / 3.0 * 100) / 100));
        }
    }

    private static float[][] axes(Points map) {
        int n = map.size(), dims = map.dim();
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("the map has " + dims + " columns; a t-SNE map has 2 or 3 (x, y[, z])");
        }
        float[][] a = new float[dims][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims; c++) {
                a[c][i] = map.get(i, c);
            }
        }
        return a;
    }

    private static float[][] checkedCopy(float[][] coordinates, int n) {
        int dims = coordinates.length;
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("the map has " + dims + " axes; a t-SNE map has 2 or 3");
        }
        float[][] c = new float[dims][];
        for (int a = 0; a < dims; a++) {
            Objects.requireNonNull(coordinates[a], "coordinates axis " + a);
            if (coordinates[a].length != n) {
                throw new IllegalArgumentException("the map has " + coordinates[a].length + " rows but the reference input has " + n
                        + "; give the map of exactly these points, rows in the same order");
            }
            c[a] = coordinates[a].clone();
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(c[a][i])) {
                    throw new IllegalArgumentException("map row " + (i + 1) + ", axis " + (a + 1) + " is " + c[a][i]
                            + "; the reference map must be finite");
                }
            }
        }
        return c;
    }
}
