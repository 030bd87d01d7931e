package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.io.NpyReader;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a unit test: times the exact kNN search, the query-block algorithm (each distance computed
 * twice) against the symmetric one (once), alternating in one JVM, on the 70,000 x 50
 * Fashion-MNIST PCA, and checks that both give the same arrays. Prints wall and process CPU
 * seconds (CPU time is steadier when other work shares the machine). Run:
 * {@code java @jvm.config -cp target/classes:target/test-classes dev.vtsne.knn.ExactKnnMeasure [threads [reps [k [n [block strip]...]]]]}
 * (n: the first n points; no block, strip: the defaults)
 */
public final class ExactKnnMeasure {

    private static final Path DATA = Path.of("/work/shared/data/fashion-mnist-pca50.npy");

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        int variants = Math.max(1, (args.length - 4) / 2);
        int[] block = new int[variants], strip = new int[variants];
        Points x = NpyReader.readPoints(DATA);
        if (limit < x.size()) {
            x = Points.ofRowMajor(Arrays.copyOf(x.rowMajor(), limit * x.dim()), limit, x.dim());
        }
        for (int v = 0; v < variants; v++) {
            block[v] = args.length > 4 + 2 * v ? Integer.parseInt(args[4 + 2 * v])
                    : x.size() >= ExactKnn.LARGE ? ExactKnn.BLOCK : ExactKnn.REF_BLOCK;
            strip[v] = args.length > 5 + 2 * v ? Integer.parseInt(args[5 + 2 * v]) : ExactKnn.STRIP;
        }
        Kernels kernels = KernelProvider.kernels();
        System.out.printf("kernels %s, threads %d, n = %d, d = %d, k = %d%n", kernels.name(), threads, x.size(), x.dim(), k);
        double[] old = new double[reps], oldCpu = new double[reps];
        double[][] sym = new double[variants][reps], symCpu = new double[variants][reps];
        try (RowBlocks pool = new RowBlocks(threads)) {
            KnnGraph reference = null;
            for (int rep = 0; rep < reps; rep++) {
                long t0 = System.nanoTime(), c0 = cpu();
                KnnGraph a = ExactKnn.searchQueryBlocks(x, k, kernels, pool, KnnProgress.NONE);
                old[rep] = (System.nanoTime() - t0) / 1e9;
                oldCpu[rep] = (cpu() - c0) / 1e9;
                reference = a;
                System.out.printf("rep %d: query blocks %.3f s (cpu %.3f)", rep, old[rep], oldCpu[rep]);
                for (int v = 0; v < variants; v++) {
                    t0 = System.nanoTime();
                    c0 = cpu();
                    KnnGraph b = ExactKnn.searchSymmetric(x, k, kernels, pool, KnnProgress.NONE, block[v], strip[v]);
                    sym[v][rep] = (System.nanoTime() - t0) / 1e9;
                    symCpu[v][rep] = (cpu() - c0) / 1e9;
                    System.out.printf(", symmetric %d/%d %.3f s (cpu %.3f)%s", block[v], strip[v], sym[v][rep], symCpu[v][rep],
                            same(reference, b) ? "" : " DIFFERENT");
                }
                System.out.println();
            }
        }
        System.out.printf("median: query blocks %.3f s (cpu %.3f)", median(old), median(oldCpu));
        for (int v = 0; v < variants; v++) {
            System.out.printf(", symmetric %d/%d %.3f s (cpu %.3f)", block[v], strip[v], median(sym[v]), median(symCpu[v]));
        }
        System.out.println();
    }

    /** CPU time of the whole process (every thread, GC and JIT included), in ns: less disturbed than wall time on a shared machine. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static boolean same(KnnGraph a, KnnGraph b) {
        for (int i = 0; i < a.n(); i++) {
            if (!Arrays.equals(a.indices()[i], b.indices()[i]) || !Arrays.equals(a.squaredDistances()[i], b.squaredDistances()[i])) {
                return false;
            }
        }
        return true;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
