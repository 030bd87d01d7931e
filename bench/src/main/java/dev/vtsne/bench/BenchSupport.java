package dev.vtsne.bench;

import dev.vtsne.Points;
import dev.vtsne.simd.KernelSet;
import java.util.SplittableRandom;

/** Shared set-up for the benchmarks: kernel choice with a hard check, and seeded synthetic data. */
final class BenchSupport {

    private BenchSupport() {}

    /**
     * "vector" = KernelSet.preferred(), refusing to run if it fell back to the scalar twins
     * (a fork without --add-modules=jdk.incubator.vector would otherwise silently measure scalar
     * code twice); "scalar" = KernelSet.scalar().
     */
    static KernelSet kernels(String impl) {
        KernelSet k;
        switch (impl) {
            case "vector" -> {
                String reason = KernelSet.preferred().fallbackReason();
                if (reason != null) {
                    throw new IllegalStateException("vector kernels not active in this fork: " + reason
                            + " (run the forks with -jvmArgsPrepend @<repo>/jvm.config)");
                }
                k = KernelSet.preferred();
            }
            case "scalar" -> k = KernelSet.scalar();
            default -> throw new IllegalArgumentException("impl must be vector or scalar, got " + impl);
        }
        System.err.println("[vtsne-bench] impl=" + impl + " kernels=" + k.name()
                + " preferredVector=" + KernelSet.preferred().name()
                + " maxHeap=" + (Runtime.getRuntime().maxMemory() >> 20) + "MiB");
        return k;
    }

    /**
     * Clustered Gaussian data, row-major n x dim: 10 cluster centres ~ N(0, 8^2) per coordinate,
     * points ~ centre + N(0, 1). Deterministic for a given seed.
     */
    static float[] clustered(int n, int dim, int clusters, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = spread * r.nextGaussian();
            }
        }
        float[] v = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % clusters];
            for (int k = 0; k < dim; k++) {
                v[i * dim + k] = (float) (c[k] + r.nextGaussian());
            }
        }
        return v;
    }

    static Points clusteredPoints(int n, int dim, long seed) {
        return Points.ofRowMajor(clustered(n, dim, 10, 8.0, seed), n, dim);
    }

    /** A 2-D SoA embedding in the state it has mid-run: 10 clusters, centres spread by {@code spread}. */
    static float[][] embedding2d(int n, double spread, long seed) {
        float[] rm = clustered(n, 2, 10, spread, seed);
        float[][] y = new float[2][n];
        for (int i = 0; i < n; i++) {
            y[0][i] = rm[2 * i];
            y[1][i] = rm[2 * i + 1];
        }
        return y;
    }

    /** max_i |a_i - b_i| / max_i |b_i|: a norm-wise relative difference that ignores tiny entries. */
    static double relDiff(double[] a, double[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return den == 0 ? num : num / den;
    }

    /** The same over SoA float arrays (one per axis). */
    static double relDiff(float[][] a, float[][] b) {
        double num = 0, den = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                num = Math.max(num, Math.abs((double) a[k][i] - b[k][i]));
                den = Math.max(den, Math.abs((double) b[k][i]));
            }
        }
        return den == 0 ? num : num / den;
    }

    static void check(String what, double rel, double tol) {
        System.err.printf(java.util.Locale.ROOT, "[vtsne-bench] check %s: vector vs scalar rel diff %.3g (tol %.1g)%n", what, rel, tol);
        if (!(rel <= tol)) {
            throw new IllegalStateException(what + ": vector and scalar kernels disagree, rel diff " + rel + " > " + tol);
        }
    }
}
