package dev.vtsne.simd;

import dev.vtsne.fft.FftButterflies;
import dev.vtsne.fft.ScalarFftButterflies;
import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM: the Vector API kernels when the {@code jdk.incubator.vector}
 * module is in the boot layer (jvm.config adds it), otherwise the scalar twins with one logged
 * warning. The panama class is loaded by name, so nothing links the incubator module unless it
 * is present.
 */
public final class KernelProvider {

    private static final String VECTOR_CLASS = "dev.vtsne.simd.panama.VectorKernels";

    private KernelProvider() {}

    private static final class Holder {
        static final Kernels INSTANCE = load();
    }

    /** The kernels this JVM uses. */
    public static Kernels kernels() {
        return Holder.INSTANCE;
    }

    /** The scalar twins, whatever the JVM supports. */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** Why the vector kernels are not in use, or null when they are. */
    public static String fallbackReason() {
        return Holder.INSTANCE instanceof ScalarKernels ? reason : null;
    }

    private static volatile String reason;

    // ---------------------------------------------------------------- matrix kernels (PCA)

    private static final String VECTOR_MATRIX_CLASS = "dev.vtsne.simd.panama.VectorMatrixKernels";

    private static final class MatrixHolder {
        static final MatrixKernels INSTANCE = loadMatrix();
    }

    /** The matrix kernels this JVM uses: vector when {@link #kernels()} is, with the same fallback. */
    public static MatrixKernels matrixKernels() {
        return MatrixHolder.INSTANCE;
    }

    /** The scalar matrix twins, whatever the JVM supports. */
    public static MatrixKernels scalarMatrixKernels() {
        return ScalarMatrixKernels.INSTANCE;
    }

    private static MatrixKernels loadMatrix() {
        if (kernels() instanceof ScalarKernels) {
            return ScalarMatrixKernels.INSTANCE; // the reason was logged once already
        }
        try {
            return (MatrixKernels) Class.forName(VECTOR_MATRIX_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.getLogger("dev.vtsne.simd").log(Level.WARNING, "vtsne: using scalar matrix kernels (vector matrix kernels failed to load: " + e + "); expect a large slowdown");
            return ScalarMatrixKernels.INSTANCE;
        }
    }

    // ---------------------------------------------------------------- FFT butterflies

    private static final String VECTOR_FFT_CLASS = "dev.vtsne.simd.panama.VectorFftButterflies";

    private static final class FftHolder {
        static final FftButterflies INSTANCE = loadFft();
    }

    /** The FFT butterflies this JVM uses: vector when {@link #kernels()} is, with the same fallback. */
    public static FftButterflies fftButterflies() {
        return FftHolder.INSTANCE;
    }

    private static FftButterflies loadFft() {
        if (kernels() instanceof ScalarKernels) {
            return ScalarFftButterflies.INSTANCE;
        }
        try {
            return (FftButterflies) Class.forName(VECTOR_FFT_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.getLogger("dev.vtsne.simd").log(Level.WARNING, "vtsne: using scalar FFT butterflies (vector ones failed to load: " + e + "); expect a slowdown");
            return ScalarFftButterflies.INSTANCE;
        }
    }

    private static Kernels load() {
        if ("scalar".equals(System.getProperty("vtsne.kernels"))) {
            reason = "scalar kernels requested with -Dvtsne.kernels=scalar";
            return ScalarKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "module jdk.incubator.vector is not present; run with --add-modules=jdk.incubator.vector (see jvm.config)";
        } else {
            try {
                return (Kernels) Class.forName(VECTOR_CLASS).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                reason = "vector kernels failed to load: " + e;
            }
        }
        System.getLogger("dev.vtsne.simd").log(Level.WARNING, "vtsne: using scalar kernels (" + reason + "); expect a large slowdown");
        return ScalarKernels.INSTANCE;
    }
}
