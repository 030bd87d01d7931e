package dev.vtsne.simd;

import dev.vtsne.data.CsrMatrix;
import dev.vtsne.fft.FftButterflies;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The kernels in use against their scalar twins on random data, at run time: what
 * {@code vtsne selftest} runs on the user's machine, and what the property tests drive with
 * random shapes. Each check returns null when every output is within its {@link TwinTolerance},
 * else one line naming the first output that is not. Values are Gaussians at a chosen scale, with a chosen fraction replaced by zeros,
 * float subnormals and copies of another value (exact ties and coincident points).
 */
public final class SelfCheck {

    private SelfCheck() {}

    /** One named check's outcome; {@code detail} says what failed, or what ran. */
    public record Result(String name, boolean passed, String detail) {}

    /** How the random inputs look: Gaussian values times {@code scale}, a {@code special} fraction of zeros, subnormals and ties. */
    public record Data(double scale, double special, long seed) {}

    /**
     * Every check on a fixed set of shapes and scales (sizes around the vector width and the
     * j-tile, scales from 1e-30 to 1e12); a few hundred milliseconds with the vector kernels.
     */
    public static List<Result> runAll(KernelSet vectors, KernelSet twins, long seed) {
        List<Result> results = new ArrayList<>();
        int lanes = Math.max(1, vectors.vectorBits() / 32);
        int[] sizes = {1, 2, 3, lanes - 1, lanes, lanes + 1, 31, 97, KernelImplementation.TILE + 7};
        double[] scales = {1e-30, 1, 1e4, 1e12};
        DistanceKernels vector = vectors.distances(), twin = twins.distances();
        check(results, "squared distances", sizes, scales, seed, (n, d) -> squaredDistances(vector, twin, n, 1 + n % 70, d));
        check(results, "squared distances to rows", sizes, scales, seed, (n, d) -> squaredDistancesToRows(vector, twin, n, 1 + n % 53, d));
        check(results, "squared distance tile", sizes, scales, seed, (n, d) -> squaredDistanceTile(vector, twin, n, 1 + n % 37, d));
        check(results, "gaussian sums", sizes, scales, seed, (n, d) -> gaussianSums(vectors.calibration(), twins.calibration(), n, d));
        double[] mapScales = {1e-30, 1, 30, 1e6};
        check(results, "t-SNE repulsion, attraction, log kernel", sizes, mapScales, seed, (n, d) -> tsne(vectors.gradient(), twins.gradient(), n, 2 + n % 2, d));
        check(results, "SNE normalizers, repulsion, weighted sums", sizes, new double[] {1e-30, 1, 5}, seed, (n, d) -> sne(vectors.gradient(), twins.gradient(), n, 2 + n % 2, d));
        check(results, "first below a threshold", sizes, scales, seed, (n, d) -> firstBelow(vector, twin, n, d));
        check(results, "first at most per-lane limits", sizes, scales, seed, (n, d) -> firstAtMost(vector, twin, n, d));
        check(results, "optimizer step (gains, momentum)", sizes, new double[] {1e-30, 1e-3, 1, 1e6}, seed, (n, d) -> gainsStep(vectors.step(), twins.step(), n, d));
        check(results, "FFT butterflies", new int[] {1, 2, 3, 5, 16}, new double[] {1e-30, 1, 1e12}, seed,
                (n, d) -> fftButterflies(vectors.fft(), twins.fft(), n, d));
        check(results, "PCA products", new int[] {1, 5, 130, 300}, new double[] {1e-20, 1, 1e8}, seed,
                (n, d) -> pcaProducts(vectors.matrix(), twins.matrix(), n, 1 + n % 29, 16 * (1 + n % 3), d));
        return results;
    }

    @FunctionalInterface
    private interface Check {
        String run(int n, Data data);
    }

    private static void check(List<Result> results, String name, int[] sizes, double[] scales, long seed, Check c) {
        int runs = 0;
        for (int n : sizes) {
            if (n < 1) {
                continue;
            }
            for (double scale : scales) {
                Data d = new Data(scale, 0.2, seed + 31L * n + Double.hashCode(scale));
                String failure;
                try {
                    failure = c.run(n, d);
                } catch (RuntimeException e) {
                    failure = "n = " + n + ", scale " + scale + ": " + e;
                }
                if (failure != null) {
                    results.add(new Result(name, false, failure));
                    return;
                }
                runs++;
            }
        }
        results.add(new Result(name, true, runs + " shapes"));
    }

    // ------------------------------------------------------------------ the checks

    /** {@link DistanceKernels#firstBelow}: the same index, for thresholds at, between and beyond the values. */
    public static String firstBelow(DistanceKernels vector, DistanceKernels twin, int n, Data data) {
        float[] a = values(n, data, Float.MAX_VALUE);
        SplittableRandom r = new SplittableRandom(data.seed());
        for (int trial = 0; trial < 8; trial++) {
            float t = trial == 0 ? Float.NEGATIVE_INFINITY : trial == 1 ? Float.POSITIVE_INFINITY : a[r.nextInt(n)];
            int from = r.nextInt(n + 1), to = from + r.nextInt(n - from + 1);
            int want = twin.firstBelow(a, from, to, t), got = vector.firstBelow(a, from, to, t);
            if (want != got) {
                return String.format(java.util.Locale.ROOT, "n = %d, scale %s: [%d, %d) below %s: vector %d, twin %d",
                        n, data.scale(), from, to, t, got, want);
            }
        }
        return null;
    }

    /** {@link DistanceKernels#firstAtMost}: the same index, for limits at, between and beyond the values. */
    public static String firstAtMost(DistanceKernels vector, DistanceKernels twin, int n, Data data) {
        float[] a = values(n, data, Float.MAX_VALUE);
        float[] limits = values(n + 3, new Data(data.scale(), 0.5, data.seed() + 1), Float.MAX_VALUE);
        SplittableRandom r = new SplittableRandom(data.seed());
        for (int trial = 0; trial < 8; trial++) {
            float t = trial == 0 ? Float.NEGATIVE_INFINITY : trial == 1 ? Float.POSITIVE_INFINITY : a[r.nextInt(n)];
            int from = r.nextInt(n + 1), to = from + r.nextInt(n - from + 1), lFrom = r.nextInt(4);
            int want = twin.firstAtMost(a, from, to, t, limits, lFrom), got = vector.firstAtMost(a, from, to, t, limits, lFrom);
            if (want != got) {
                return String.format(java.util.Locale.ROOT, "n = %d, scale %s: [%d, %d) at most max(%s, limits from %d): vector %d, twin %d",
                        n, data.scale(), from, to, t, lFrom, got, want);
            }
        }
        return null;
    }

    /** {@link StepKernels#gainsStep}: the twin's bits, over three steps with signs that agree, differ and are zero. */
    public static String gainsStep(StepKernels vector, StepKernels twin, int n, Data data) {
        float[][] a = {values(n, data, 1e30), values(n, new Data(data.scale(), 0.3, data.seed() + 1), 1e30), new float[n]};
        SplittableRandom r = new SplittableRandom(data.seed() + 2);
        for (int i = 0; i < n; i++) {
            a[2][i] = (float) r.nextDouble(0.005, 3); // gains, some under the floor
        }
        float[][] b = {a[0].clone(), a[1].clone(), a[2].clone()};
        for (int step = 0; step < 3; step++) {
            float[] grad = values(n, new Data(data.scale(), 0.3, data.seed() + 3 + step), 1e30);
            twin.gainsStep(a[0], a[1], a[2], grad, n, 0.8f, 100f, 0.01f);
            vector.gainsStep(b[0], b[1], b[2], grad, n, 0.8f, 100f, 0.01f);
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < n; i++) {
                    if (Float.floatToIntBits(a[k][i]) != Float.floatToIntBits(b[k][i])) {
                        return String.format(java.util.Locale.ROOT, "n = %d, scale %s, step %d, %s[%d]: vector %s, twin %s", n, data.scale(),
                                step, new String[] {"y", "update", "gains"}[k], i, b[k][i], a[k][i]);
                    }
                }
            }
        }
        return null;
    }

    /**
     * {@link FftButterflies}: every radix on {@code groups} groups of runs of 48 and 3 slots (a
     * run the vector code takes, 3 vectors at 512 bits, and one it hands to the twin), the twin's
     * bits exactly.
     */
    public static String fftButterflies(FftButterflies vector, FftButterflies twin, int groups, Data data) {
        for (int s : new int[] {48, 3}) {
            int len = 5 * groups * s;
            float[] v = values(4 * len + 8 * groups, data, 1e30);
            float[] xr = new float[len], xi = new float[len], wr = new float[4 * groups], wi = new float[4 * groups];
            for (int k = 0; k < len; k++) {
                xr[k] = v[k];
                xi[k] = v[len + k];
            }
            for (int k = 0; k < 4 * groups; k++) {
                double angle = v[2 * len + k] % 6.283185307179586;
                wr[k] = (float) Math.cos(angle);
                wi[k] = (float) Math.sin(angle);
            }
            for (int radix = 2; radix <= 5; radix++) {
                float[] vr = new float[len], vi = new float[len], tr = new float[len], ti = new float[len];
                switch (radix) {
                    case 2 -> { vector.radix2(xr, xi, vr, vi, groups, s, wr, wi); twin.radix2(xr, xi, tr, ti, groups, s, wr, wi); }
                    case 3 -> { vector.radix3(xr, xi, vr, vi, groups, s, wr, wi); twin.radix3(xr, xi, tr, ti, groups, s, wr, wi); }
                    case 4 -> { vector.radix4(xr, xi, vr, vi, groups, s, wr, wi); twin.radix4(xr, xi, tr, ti, groups, s, wr, wi); }
                    default -> { vector.radix5(xr, xi, vr, vi, groups, s, wr, wi); twin.radix5(xr, xi, tr, ti, groups, s, wr, wi); }
                }
                if (!java.util.Arrays.equals(vr, tr) || !java.util.Arrays.equals(vi, ti)) {
                    return "radix " + radix + ", " + groups + " groups of runs of " + s + ", scale " + data.scale()
                            + ": vector " + vector.name() + " differs from the scalar twin's bits";
                }
            }
        }
        return null;
    }

    /** {@link DistanceKernels#squaredDistances}: within {@link TwinTolerance#squaredDistance}. */
    public static String squaredDistances(DistanceKernels vector, DistanceKernels twin, int n, int dim, Data data) {
        float[] pts = values(n * dim, data, distanceLimit(dim));
        float[] v = new float[n], s = new float[n];
        for (int i = 0; i < n; i += Math.max(1, n / 5)) {
            vector.squaredDistances(pts, dim, i, 0, n, v);
            twin.squaredDistances(pts, dim, i, 0, n, s);
            for (int j = 0; j < n; j++) {
                if (!(Math.abs(v[j] - s[j]) <= TwinTolerance.squaredDistance(s[j]))) {
                    return String.format("squaredDistances n %d dim %d %s: row %d to %d: vector %s, twin %s", n, dim, data, i, j, v[j], s[j]);
                }
            }
        }
        return null;
    }

    /** {@link DistanceKernels#squaredDistancesToRows}: as {@link #squaredDistances}; a row to itself is exactly 0. */
    public static String squaredDistancesToRows(DistanceKernels vector, DistanceKernels twin, int count, int dim, Data data) {
        int n = count + 3;
        float[] pts = values(n * dim, data, distanceLimit(dim));
        SplittableRandom r = new SplittableRandom(data.seed() ^ 0x5DEECE66DL);
        int[] js = new int[count + 1];
        for (int c = 0; c < js.length; c++) {
            js[c] = r.nextInt(n);
        }
        float[] v = new float[count], s = new float[count];
        for (int i : new int[] {0, n - 1}) {
            js[1] = i;
            vector.squaredDistancesToRows(pts, dim, i, js, 1, count, v);
            twin.squaredDistancesToRows(pts, dim, i, js, 1, count, s);
            for (int c = 0; c < count; c++) {
                if (!(Math.abs(v[c] - s[c]) <= TwinTolerance.squaredDistance(s[c])) || (c == 0 && v[c] != 0f)) {
                    return String.format("squaredDistancesToRows count %d dim %d %s: row %d to %d: vector %s, twin %s",
                            count, dim, data, i, js[1 + c], v[c], s[c]);
                }
            }
        }
        return null;
    }

    /** {@link DistanceKernels#squaredDistanceTile}: as {@link #squaredDistances}, for 5 queries against {@code refs} references. */
    public static String squaredDistanceTile(DistanceKernels vector, DistanceKernels twin, int refs, int dim, Data data) {
        int n = refs + 5;
        float[] pts = values(n * dim, data, distanceLimit(dim));
        float[] refT = new float[dim * refs];
        for (int r = 0; r < refs; r++) {
            for (int k = 0; k < dim; k++) {
                refT[k * refs + r] = pts[r * dim + k];
            }
        }
        float[] v = new float[5 * refs], s = new float[5 * refs];
        vector.squaredDistanceTile(pts, dim, 0, 5, refT, refs, v);
        twin.squaredDistanceTile(pts, dim, 0, 5, refT, refs, s);
        for (int t = 0; t < v.length; t++) {
            if (!(Math.abs(v[t] - s[t]) <= TwinTolerance.squaredDistance(s[t]))) {
                return String.format("squaredDistanceTile refs %d dim %d %s: query %d ref %d: vector %s, twin %s",
                        refs, dim, data, t / refs, t % refs, v[t], s[t]);
            }
        }
        return null;
    }

    /** {@link CalibrationKernels#gaussianSums}: both sums and each e_j within their {@link TwinTolerance}, all finite. */
    public static String gaussianSums(CalibrationKernels vector, CalibrationKernels twin, int m, Data data) {
        float[] d = values(m, data, 1e30);
        float dMin = Float.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            d[j] = Math.abs(d[j]);
            dMin = Math.min(dMin, d[j]);
        }
        for (double beta : new double[] {1e-3 / (data.scale() * data.scale()), 1 / data.scale(), 1, 1e6}) {
            if (!(beta <= Float.MAX_VALUE)) {
                continue; // the vector kernel clamps beta to the float range (documented there); calibration never needs more
            }
            float[] ev = new float[m], es = new float[m];
            double[] sv = new double[2], ss = new double[2];
            vector.gaussianSums(d, m, beta, dMin, ev, sv);
            twin.gaussianSums(d, m, beta, dMin, es, ss);
            if (!(Math.abs(sv[0] - ss[0]) <= TwinTolerance.gaussianSum(ss[0])) || !(Math.abs(sv[1] - ss[1]) <= TwinTolerance.gaussianWeightedSum(ss[1]))
                    || !Double.isFinite(sv[0]) || !Double.isFinite(sv[1])) {
                return String.format("gaussianSums m %d beta %s %s: vector %s %s, twin %s %s", m, beta, data, sv[0], sv[1], ss[0], ss[1]);
            }
            for (int j = 0; j < m; j++) {
                if (!(Math.abs(ev[j] - es[j]) <= TwinTolerance.GAUSSIAN_TERM)) {
                    return String.format("gaussianSums m %d beta %s %s: e_%d vector %s, twin %s", m, beta, data, j, ev[j], es[j]);
                }
            }
        }
        return null;
    }

    /**
     * The t-SNE kernels: repulsion and attraction within {@link TwinTolerance#forceColumn} of their
     * column's largest magnitude, the log kernel within {@link TwinTolerance#logKernel}.
     */
    public static String tsne(GradientKernels vector, GradientKernels twin, int n, int dims, Data data) {
        if (n < 2) {
            return null;
        }
        float[][] y = axes(n, dims, data);
        CsrMatrix p = randomCsr(n, data.seed());
        double[] v = new double[n * (dims + 1)], s = new double[n * (dims + 1)];
        int mid = n / 2;
        vector.tsneRepulsionRows(y, n, 0, mid, v);
        vector.tsneRepulsionRows(y, n, mid, n, v);
        twin.tsneRepulsionRows(y, n, 0, n, s);
        String f = columnsClose(s, v, n, dims + 1, "tsneRepulsionRows", data);
        if (f != null) {
            return f;
        }
        double[] av = new double[n * dims], as = new double[n * dims];
        vector.tsneAttractionRows(y, p.rowStart(), p.cols(), p.values(), 0, n, av);
        twin.tsneAttractionRows(y, p.rowStart(), p.cols(), p.values(), 0, n, as);
        f = columnsClose(as, av, n, dims, "tsneAttractionRows", data);
        if (f != null) {
            return f;
        }
        double[] lv = new double[n], ls = new double[n];
        vector.tsneLogKernelRows(y, p.rowStart(), p.cols(), p.values(), 0, n, lv);
        twin.tsneLogKernelRows(y, p.rowStart(), p.cols(), p.values(), 0, n, ls);
        for (int i = 0; i < n; i++) {
            double rowP = 0;
            for (int k = p.rowStart()[i]; k < p.rowStart()[i + 1]; k++) {
                rowP += p.values()[k];
            }
            if (!(Math.abs(lv[i] - ls[i]) <= TwinTolerance.logKernel(ls[i], rowP))) {
                return String.format("tsneLogKernelRows n %d %s: row %d vector %s, twin %s", n, data, i, lv[i], ls[i]);
            }
        }
        return null;
    }

    /**
     * The SNE kernels: log-normalizers within {@link TwinTolerance#logNormalizer} and finite,
     * repulsion and weighted differences within {@link TwinTolerance#forceColumn} of their column's
     * scale, weighted distances within {@link TwinTolerance#weightedSquaredDistance}.
     * Domain: maps whose squared distances stay below ~1,000 (SNE maps are a few units wide: the
     * Gaussian kernel of points 30 apart is e^-900). exp(-d² - log Z) is evaluated in float, so its
     * relative error grows as d² · 2^-24: 6e-4 at d² = 10,000, beyond the column tolerance (1e-4).
     */
    public static String sne(GradientKernels vector, GradientKernels twin, int n, int dims, Data data) {
        if (n < 2) {
            return null;
        }
        float[][] y = axes(n, dims, data);
        CsrMatrix w = randomCsr(n, data.seed() + 1);
        double[] zv = new double[n], zs = new double[n];
        vector.sneLogNormalizerRows(y, n, 0, n, zv);
        twin.sneLogNormalizerRows(y, n, 0, n, zs);
        float[] logZ = new float[n];
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(zv[i] - zs[i]) <= TwinTolerance.logNormalizer(zs[i])) || !Double.isFinite(zv[i])) {
                return String.format("sneLogNormalizerRows n %d %s: row %d vector %s, twin %s", n, data, i, zv[i], zs[i]);
            }
            logZ[i] = (float) zs[i];
        }
        double[] gv = new double[n * dims], gs = new double[n * dims];
        vector.sneRepulsionRows(y, logZ, n, 0, n, gv);
        twin.sneRepulsionRows(y, logZ, n, 0, n, gs);
        String f = columnsClose(gs, gv, n, dims, "sneRepulsionRows", data);
        if (f != null) {
            return f;
        }
        vector.weightedDifferenceRows(y, w.rowStart(), w.cols(), w.values(), 0, n, gv);
        twin.weightedDifferenceRows(y, w.rowStart(), w.cols(), w.values(), 0, n, gs);
        f = columnsClose(gs, gv, n, dims, "weightedDifferenceRows", data);
        if (f != null) {
            return f;
        }
        double[] wv = new double[n], ws = new double[n];
        vector.weightedSquaredDistanceRows(y, w.rowStart(), w.cols(), w.values(), 0, n, wv);
        twin.weightedSquaredDistanceRows(y, w.rowStart(), w.cols(), w.values(), 0, n, ws);
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(wv[i] - ws[i]) <= TwinTolerance.weightedSquaredDistance(ws[i]))) {
                return String.format("weightedSquaredDistanceRows n %d %s: row %d vector %s, twin %s", n, data, i, wv[i], ws[i]);
            }
        }
        return null;
    }

    /** The PCA products: each output within {@link TwinTolerance#matrixProduct} of the sum of its terms' magnitudes. */
    public static String pcaProducts(MatrixKernels vector, MatrixKernels twin, int n, int d, int width, Data data) {
        float[] x = values(n * d, data, 1e15);
        float[] mean = values(d, data, 1e15);
        float[] w = values(d * width, new Data(1, data.special(), data.seed() + 5), 1e15);
        float[] v = new float[n * width], s = new float[n * width];
        vector.centeredTimes(x, d, mean, w, width, 0, n, v);
        twin.centeredTimes(x, d, mean, w, width, 0, n, s);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < width; c++) {
                double scale = 0;
                for (int k = 0; k < d; k++) {
                    scale += Math.abs(((double) x[i * d + k] - mean[k]) * w[k * width + c]);
                }
                if (!(Math.abs(v[i * width + c] - s[i * width + c]) <= TwinTolerance.matrixProduct(scale))) {
                    return String.format("centeredTimes n %d d %d width %d %s: row %d col %d vector %s, twin %s",
                            n, d, width, data, i, c, v[i * width + c], s[i * width + c]);
                }
            }
        }
        float[] q = values(n * width, new Data(1, data.special(), data.seed() + 9), 1e15);
        double[] tv = new double[d * width], ts = new double[d * width];
        vector.centeredTransposeTimes(x, d, mean, q, width, 0, n, tv);
        twin.centeredTransposeTimes(x, d, mean, q, width, 0, n, ts);
        for (int k = 0; k < d; k++) {
            for (int c = 0; c < width; c++) {
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    scale += Math.abs(((double) x[i * d + k] - mean[k]) * q[i * width + c]);
                }
                if (!(Math.abs(tv[k * width + c] - ts[k * width + c]) <= TwinTolerance.matrixProduct(scale))) {
                    return String.format("centeredTransposeTimes n %d d %d width %d %s: k %d col %d vector %s, twin %s",
                            n, d, width, data, k, c, tv[k * width + c], ts[k * width + c]);
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ data

    /**
     * The largest magnitude for which {@code dim} squared differences still sum inside the float
     * range (the kernels' documented domain: vtsne scales input beyond 2^40 down before any distance).
     */
    private static double distanceLimit(int dim) {
        return Math.sqrt(Float.MAX_VALUE / (4.0 * dim)) / 4;
    }

    /** Gaussian values times the scale (clamped to ±limit), a fraction replaced by zeros, subnormals and ties. */
    public static float[] values(int count, Data data, double limit) {
        SplittableRandom r = new SplittableRandom(data.seed());
        float[] v = new float[count];
        for (int k = 0; k < count; k++) {
            double g = r.nextGaussian() * data.scale();
            v[k] = (float) Math.max(-limit, Math.min(limit, g));
            if (r.nextDouble() < data.special()) {
                v[k] = switch (r.nextInt(3)) {
                    case 0 -> 0f;
                    case 1 -> Float.MIN_VALUE * (1 + r.nextInt(1 << 20)) * (r.nextBoolean() ? 1 : -1); // subnormal
                    default -> k > 0 ? v[r.nextInt(k)] : v[k]; // a tie with an earlier value
                };
            }
        }
        return v;
    }

    /** An embedding: three loose clusters at the data's scale, some points coincident. */
    private static float[][] axes(int n, int dims, Data data) {
        float[][] y = new float[dims][];
        for (int a = 0; a < dims; a++) {
            y[a] = values(n, new Data(data.scale(), data.special(), data.seed() + 17L * a), 1e15);
            for (int i = 0; i < n; i++) {
                y[a][i] += (float) ((i % 3) * data.scale());
            }
        }
        return y;
    }

    /**
     * Rows holding none to all of the other points (so some rows span more than one tile), values
     * over many magnitudes, columns ascending, no diagonal. Also the twin tests' matrix.
     */
    static CsrMatrix randomCsr(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] rowStart = new int[n + 1];
        int[] cols = new int[n * (n - 1)];
        float[] vals = new float[n * (n - 1)];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            double density = switch (i % 4) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> r.nextDouble();
            };
            for (int j = 0; j < n; j++) {
                if (j != i && r.nextDouble() < density) {
                    cols[nnz] = j;
                    vals[nnz++] = (float) (Math.exp(-20 * r.nextDouble()) / n);
                }
            }
            rowStart[i + 1] = nnz;
        }
        return CsrMatrix.of(n, rowStart, java.util.Arrays.copyOf(cols, nnz), java.util.Arrays.copyOf(vals, nnz));
    }

    private static String columnsClose(double[] expected, double[] actual, int n, int stride, String what, Data data) {
        for (int c = 0; c < stride; c++) {
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(expected[i * stride + c]));
            }
            for (int i = 0; i < n; i++) {
                double e = expected[i * stride + c], a = actual[i * stride + c];
                if (!(Math.abs(e - a) <= TwinTolerance.forceColumn(scale))) {
                    return String.format("%s n %d %s: row %d column %d vector %s, twin %s (column scale %s)", what, n, data, i, c, a, e, scale);
                }
            }
        }
        return null;
    }
}
