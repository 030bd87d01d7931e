package dev.vtsne.cli;

import dev.vtsne.Embedding;
import dev.vtsne.Method;
import dev.vtsne.TSne;
import dev.vtsne.TsneOptions;
import dev.vtsne.Points;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.SelfCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtsne selftest}: checks this machine's setup. The vector kernels against their scalar
 * twins on random data ({@link SelfCheck}), then small embeddings of 500 clustered points with
 * each method: finite KL, clusters kept apart, same bits on 1 and 2 threads.
 */
@Command(name = "selftest",
        mixinStandardHelpOptions = true,
        versionProvider = VtsneCommand.Version.class,
        sortOptions = false,
        description = {"Checks this machine's setup: which vector kernels are in use, each vector kernel against its "
                + "scalar twin on random data, and small embeddings with every method (finite KL, clusters apart, "
                + "the same bits on 1 and 2 threads). Prints PASS or FAIL per check; exit code 0 only if all pass."},
        footer = {"", "Examples:", "  vtsne selftest", "  vtsne selftest --seed 7"})
final class SelftestCommand implements Callable<Integer> {

    /** Points, clusters and input dimensions of the test embeddings. */
    static final int POINTS = 500, CLUSTERS = 5, DIM = 10;

    /** The 10-NN leave-one-out accuracy a map of the clusters must reach (chance is 0.2). */
    static final double MIN_ACCURACY = 0.9;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the random test data. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        KernelSet kernels = KernelSet.preferred();
        out.println("vtsne selftest " + VtsneCommand.version() + " on Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        out.println("kernels: " + kernels.name() + ", PCA kernels: " + kernels.matrix().name()
                + (kernels.vectorBits() > 0 ? " (" + kernels.vectorBits() + "-bit vectors, " + kernels.vectorBits() / 32 + " float lanes)" : ""));
        List<SelfCheck.Result> results = new ArrayList<>();
        String fallback = kernels.fallbackReason();
        results.add(new SelfCheck.Result("vector kernels in use", fallback == null,
                fallback == null ? kernels.name() : "scalar twins instead: " + fallback + moduleAdvice()));
        results.addAll(SelfCheck.runAll(kernels, KernelSet.scalar(), seed));
        Points x = clusters(seed);
        for (Method m : new Method[] {Method.EXACT, Method.BARNES_HUT, Method.FFT}) {
            results.add(embedding(x, m));
        }
        results.add(sameBits(x));
        int failed = 0;
        for (SelfCheck.Result r : results) {
            out.println((r.passed() ? "PASS  " : "FAIL  ") + r.name() + ": " + r.detail());
            failed += r.passed() ? 0 : 1;
        }
        out.println(failed == 0 ? "selftest: all " + results.size() + " checks passed"
                : "selftest: " + failed + " of " + results.size() + " checks FAILED");
        out.flush();
        return failed == 0 ? 0 : Cli.EXIT_DATA;
    }

    /** How to get the vector module when this JVM lacks it: the launcher's flag, from jvm.config. */
    private static String moduleAdvice() {
        return ModuleLayer.boot().findModule(KernelSet.VECTOR_MODULE).isPresent() ? ""
                : "; run Java with --add-modules=" + KernelSet.VECTOR_MODULE + " (bin/vtsne does: see jvm.config)";
    }

    private static TsneOptions.Builder options(Method method) {
        return TsneOptions.builder().method(method).perplexity(30).iterations(300).seed(1).threads(2);
    }

    private SelfCheck.Result embedding(Points x, Method method) {
        String name = "embedding, " + method.label() + " method";
        try {
            Embedding e = TSne.fit(x, options(method).build(), null);
            double kl = e.lastKl();
            double accuracy = accuracy(e);
            boolean finite = Double.isFinite(kl) && allFinite(e);
            boolean ok = finite && accuracy >= MIN_ACCURACY;
            return new SelfCheck.Result(name, ok, String.format(Locale.ROOT,
                    "%d points in %d clusters, KL %.4f, 10-NN accuracy %.3f (needs %.2f)%s", POINTS, CLUSTERS, kl, accuracy,
                    MIN_ACCURACY, finite ? "" : ", NON-FINITE coordinates or KL"));
        } catch (RuntimeException ex) {
            return new SelfCheck.Result(name, false, ex.toString());
        }
    }

    private static SelfCheck.Result sameBits(Points x) {
        String name = "same bits on 1 and 2 threads (bh)";
        try {
            TsneOptions.Builder b = options(Method.BARNES_HUT).iterations(60);
            float[] one = TSne.fit(x, b.threads(1).build(), null).rowMajor();
            float[] two = TSne.fit(x, b.threads(2).build(), null).rowMajor();
            return new SelfCheck.Result(name, Arrays.equals(one, two), Arrays.equals(one, two) ? "60 iterations" : "the maps differ");
        } catch (RuntimeException ex) {
            return new SelfCheck.Result(name, false, ex.toString());
        }
    }

    private static boolean allFinite(Embedding e) {
        for (float v : e.rowMajor()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Gaussian clusters around random centres 10 apart per coordinate; point i is in cluster i % CLUSTERS. */
    static Points clusters(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[CLUSTERS][DIM];
        for (double[] c : centres) {
            for (int k = 0; k < DIM; k++) {
                c[k] = 10 * r.nextGaussian();
            }
        }
        float[] v = new float[POINTS * DIM];
        for (int i = 0; i < POINTS; i++) {
            for (int k = 0; k < DIM; k++) {
                v[i * DIM + k] = (float) (centres[i % CLUSTERS][k] + r.nextGaussian());
            }
        }
        return Points.ofRowMajor(v, POINTS, DIM);
    }

    /** Leave-one-out 10-NN majority vote of the cluster labels, in the map. */
    static double accuracy(Embedding e) {
        float[][] y = e.coordinates();
        int n = e.size(), k = 10, correct = 0;
        double[] d = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (float[] axis : y) {
                    s += (axis[i] - axis[j]) * (double) (axis[i] - axis[j]);
                }
                d[j] = j == i ? Double.POSITIVE_INFINITY : s;
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            int[] votes = new int[CLUSTERS];
            for (int t = 0; t < k; t++) {
                votes[order[t] % CLUSTERS]++;
            }
            int best = 0;
            for (int c = 1; c < CLUSTERS; c++) {
                best = votes[c] > votes[best] ? c : best;
            }
            correct += best == i % CLUSTERS ? 1 : 0;
        }
        return correct / (double) n;
    }
}
