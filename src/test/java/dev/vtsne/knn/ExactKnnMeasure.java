package dev.vtsne.knn;

import dev.vtsne.data.Points;
import dev.vtsne.io.NpyReader;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.simd.KernelProvider;
import dev.vtsne.simd.Kernels;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a unit test: times the symmetric exact kNN search ({@link ExactKnn#searchSymmetric}: each
 * distance once, heaps of one long key per neighbour) against the query-by-query search it replaced
 * ({@link ExactKnn#searchQueryBlocks}), alternating in one JVM (which goes first alternates too), on the
 * 70,000 x 50 Fashion-MNIST PCA, and checks that both give the same arrays. Prints wall and process
 * CPU seconds (CPU time is steadier when other work shares the machine). Run:
 * {@code java @jvm.config -cp target/classes:target/test-classes dev.vtsne.knn.ExactKnnMeasure [threads [reps [k [n [block strip]]]]]}
 * (n: the first n points; no block, strip: the defaults)
 */
public final class ExactKnnMeasure {

    private static final Path DATA = Path.of("/work/shared/data/fashion-mnist-pca50.npy");

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        Points x = NpyReader.readPoints(DATA);
        if (limit < x.size()) {
            x = Points.ofRowMajor(Arrays.copyOf(x.rowMajor(), limit * x.dim()), limit, x.dim());
        }
        int block = args.length > 4 ? Integer.parseInt(args[4]) : x.size() >= ExactKnn.LARGE ? ExactKnn.BLOCK : ExactKnn.REF_BLOCK;
        int strip = args.length > 5 ? Integer.parseInt(args[5]) : ExactKnn.STRIP;
        Kernels kernels = KernelProvider.kernels();
        System.out.printf("kernels %s, threads %d, n = %d, d = %d, k = %d, block %d, strip %d%n",
                kernels.name(), threads, x.size(), x.dim(), k, block, strip);
        double[] old = new double[reps], oldCpu = new double[reps], neu = new double[reps], neuCpu = new double[reps];
        try (RowBlocks pool = new RowBlocks(threads)) {
            for (int rep = 0; rep < reps; rep++) {
                KnnGraph a = null, b = null;
                for (int turn = 0; turn < 2; turn++) {
                    boolean oldTurn = (turn + rep) % 2 == 0;
                    long t0 = System.nanoTime(), c0 = cpu();
                    KnnGraph g = oldTurn
                            ? ExactKnn.searchQueryBlocks(x, k, kernels, pool, KnnProgress.NONE)
                            : ExactKnn.searchSymmetric(x, k, kernels, pool, KnnProgress.NONE, block, strip);
                    double wall = (System.nanoTime() - t0) / 1e9, c = (cpu() - c0) / 1e9;
                    if (oldTurn) {
                        a = g;
                        old[rep] = wall;
                        oldCpu[rep] = c;
                    } else {
                        b = g;
                        neu[rep] = wall;
                        neuCpu[rep] = c;
                    }
                }
                System.out.printf("rep %d: query blocks %.3f s (cpu %.3f), symmetric %.3f s (cpu %.3f)%s%n",
                        rep, old[rep], oldCpu[rep], neu[rep], neuCpu[rep], same(a, b) ? "" : " DIFFERENT");
            }
        }
        double[] ratio = new double[reps], ratioCpu = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            ratio[rep] = neu[rep] / old[rep];
            ratioCpu[rep] = neuCpu[rep] / oldCpu[rep];
        }
        System.out.printf("median: query blocks %.3f s (cpu %.3f), symmetric %.3f s (cpu %.3f); median per-rep ratio symmetric/query blocks %.3f (cpu %.3f)%n",
                median(old), median(oldCpu), median(neu), median(neuCpu), median(ratio), median(ratioCpu));
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
