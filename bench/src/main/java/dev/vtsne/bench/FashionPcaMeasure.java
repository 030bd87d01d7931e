package dev.vtsne.bench;

import dev.vtsne.Points;
import dev.vtsne.io.NpyReader;
import dev.vtsne.parallel.RowBlocks;
import dev.vtsne.pca.PcaResult;
import dev.vtsne.pca.RandomizedPca;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.MatrixKernels;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Not a unit test (it needs Debian's dataset-fashion-mnist): times 784 → 50 randomized PCA on all
 * 70,000 Fashion-MNIST images (train then test, pixels / 255) for 0 to 4 power iterations, and
 * compares the variance captured by the projection with the exact projection in
 * /work/shared/data/fashion-mnist-pca50.npy. Run:
 * {@code java @jvm.config -cp bench/target/benchmarks.jar dev.vtsne.bench.FashionPcaMeasure [threads]}
 */
public final class FashionPcaMeasure {

    private FashionPcaMeasure() {}

    private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Path EXACT = Path.of("/work/shared/data/fashion-mnist-pca50.npy");

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        float[] train = readImages(DIR.resolve("train-images-idx3-ubyte.gz"));
        float[] test = readImages(DIR.resolve("t10k-images-idx3-ubyte.gz"));
        float[] all = new float[train.length + test.length];
        System.arraycopy(train, 0, all, 0, train.length);
        System.arraycopy(test, 0, all, train.length, test.length);
        Points x = Points.ofRowMajor(all, all.length / 784, 784);
        Points exact = NpyReader.readPoints(EXACT);
        double exactVar = 0;
        for (int c = 0; c < 50; c++) {
            exactVar += columnVariance(exact, c);
        }
        MatrixKernels kernels = KernelSet.preferred().matrix();
        System.out.printf("kernels %s, threads %d, n = %d, d = %d%n", kernels.name(), threads, x.size(), x.dim());
        try (RowBlocks pool = new RowBlocks(threads)) {
            RandomizedPca.fit(x, 50, 1, 1, pool, kernels).project(x, pool); // warm-up (JIT)
            for (int q = 0; q <= 4; q++) {
                long t0 = System.nanoTime();
                PcaResult pca = RandomizedPca.fit(x, 50, 1, q, pool, kernels);
                long t1 = System.nanoTime();
                Points y = pca.project(x, pool);
                long t2 = System.nanoTime();
                double captured = 0, minCorr = 1;
                for (int c = 0; c < 50; c++) {
                    captured += columnVariance(y, c);
                    minCorr = Math.min(minCorr, Math.abs(correlation(y, exact, c)));
                }
                double explained = 0;
                for (double v : pca.explainedVariance()) {
                    explained += v;
                }
                System.out.printf("q=%d fit %.2f s, project %.2f s; projected variance / exact top-50 = %.6f (1 - ratio = %.2e);"
                        + " of total: %.4f (exact %.4f); explainedVariance sum / exact %.6f; min |corr| with exact columns %.5f%n",
                        q, (t1 - t0) / 1e9, (t2 - t1) / 1e9, captured / exactVar, 1 - captured / exactVar,
                        captured / pca.totalVariance(), exactVar / pca.totalVariance(), explained / exactVar, minCorr);
            }
        }
    }

    private static double columnVariance(Points y, int c) {
        double m = 0;
        for (int i = 0; i < y.size(); i++) {
            m += y.get(i, c);
        }
        m /= y.size();
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            double t = y.get(i, c) - m;
            s += t * t;
        }
        return s / (y.size() - 1);
    }

    private static double correlation(Points a, Points b, int c) {
        int n = a.size();
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a.get(i, c);
            mb += b.get(i, c);
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double u = a.get(i, c) - ma, v = b.get(i, c) - mb;
            sab += u * v;
            saa += u * u;
            sbb += v * v;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** idx3-ubyte: magic 0x803, count, rows, cols (big-endian int32), then unsigned bytes. */
    private static float[] readImages(Path gz) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16))) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(gz + ": not an idx3-ubyte file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt(), rows = in.readInt(), cols = in.readInt();
            byte[] raw = new byte[count * rows * cols];
            in.readFully(raw);
            float[] out = new float[raw.length];
            for (int t = 0; t < raw.length; t++) {
                out[t] = (raw[t] & 0xff) / 255f;
            }
            return out;
        }
    }
}
