package dev.vtsne.simd;

import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.ScalarFftButterflies;
import java.lang.System.Logger.Level;

/**
 * The kernels a run uses, grouped by job: {@link #distances()} (kNN), {@link #calibration()}
 * (perplexity), {@link #gradient()} (the gradient and KL rows), {@link #step()} (the optimizer's
 * update), {@link #matrix()} (randomized PCA) and {@link #fft()} (the FFT repulsion's butterflies).
 * A set is all vector or all scalar, at one width: a fit obtains one set and hands each part to
 * the code that does that job.
 *
 * <p>{@link #preferred()} chooses once per JVM: the Vector API kernels when the
 * {@code jdk.incubator.vector} module is in the boot layer, otherwise the scalar twins with one
 * logged warning. The system property {@code vtsne.kernels=scalar} forces the scalar twins. The
 * panama classes are loaded by name, so nothing links the incubator module unless it is present.
 */
public final class KernelSet {

    /** The system property that forces the scalar twins when it is "scalar". */
    private static final String PROPERTY = "vtsne.kernels";
    private static final String SCALAR_VALUE = "scalar";
    /** The module the vector kernels need in the boot layer. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String PANAMA = "dev.vtsne.simd.panama.";

    private static final KernelSet SCALAR = twins(null);

    private static final class Preferred {
        static final KernelSet INSTANCE = warnOnFallback(
                choose(System.getProperty(PROPERTY), ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()));
    }

    private final KernelImplementation points;
    private final DistanceKernels distances;
    private final CalibrationKernels calibration;
    private final GradientKernels gradient;
    private final StepKernels step;
    private final MatrixKernels matrix;
    private final FftButterflies fft;
    private final String fallbackReason;

    private <K extends DistanceKernels & CalibrationKernels & GradientKernels & StepKernels> KernelSet(
            K points, MatrixKernels matrix, FftButterflies fft, String fallbackReason) {
        this.points = points;
        this.distances = points;
        this.calibration = points;
        this.gradient = points;
        this.step = points;
        this.matrix = matrix;
        this.fft = fft;
        this.fallbackReason = fallbackReason;
    }

    /** The set this JVM runs on (see the class comment); chosen at the first call. */
    public static KernelSet preferred() {
        return Preferred.INSTANCE;
    }

    /** The scalar twins, whatever the JVM supports: the reference every vector kernel is held to. */
    public static KernelSet scalar() {
        return SCALAR;
    }

    /**
     * The choice {@link #preferred()} makes for a value of the system property vtsne.kernels (may
     * be null) and whether the vector module is in the boot layer; nothing logged.
     */
    static KernelSet choose(String property, boolean vectorModule) {
        if (SCALAR_VALUE.equals(property)) {
            return twins("system property " + PROPERTY + " is " + SCALAR_VALUE);
        }
        if (!vectorModule) {
            return twins("module " + VECTOR_MODULE + " is not in the boot layer");
        }
        try {
            return new KernelSet((DistanceKernels & CalibrationKernels & GradientKernels & StepKernels) load("VectorKernels"),
                     (MatrixKernels) load("VectorMatrixKernels"),
                    (FftButterflies) load("VectorFftButterflies"), null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return twins("the vector kernels failed to load: " + e);
        }
    }

    /** Short name of the set, for logs and reports ("vector-512", "scalar"). */
    public String name() {
        return points.name();
    }

    /** Vector width in bits, 0 for the scalar twins. */
    public int vectorBits() {
        return points.vectorBits();
    }

    /**
     * Why {@link #preferred()} is the scalar twins (module or property named, with its value), or
     * null when it is the vector kernels or this set was asked for as {@link #scalar()}.
     */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** Squared distances and the kNN selection scans. */
    public DistanceKernels distances() {
        return distances;
    }

    /** The Gaussian sums of perplexity calibration. */
    public CalibrationKernels calibration() {
        return calibration;
    }

    /** The gradient and KL rows of t-SNE and SNE. */
    public GradientKernels gradient() {
        return gradient;
    }

    /** The optimizer's step. */
    public StepKernels step() {
        return step;
    }

    /** The products of randomized PCA. */
    public MatrixKernels matrix() {
        return matrix;
    }

    /** The butterflies of the FFT repulsion's convolutions. */
    public FftButterflies fft() {
        return fft;
    }

    @Override
    public String toString() {
        return name();
    }

    private static KernelSet twins(String fallbackReason) {
        return new KernelSet(ScalarKernels.INSTANCE, ScalarMatrixKernels.INSTANCE, ScalarFftButterflies.INSTANCE, fallbackReason);
    }

    private static Object load(String simpleName) throws ReflectiveOperationException {
        return Class.forName(PANAMA + simpleName).getConstructor().newInstance();
    }

    private static KernelSet warnOnFallback(KernelSet set) {
        if (set.fallbackReason != null) {
            System.getLogger("dev.vtsne.simd").log(Level.WARNING,
                    "vtsne: using scalar kernels (" + set.fallbackReason + "); expect a large slowdown");
        }
        return set;
    }
}
