package dev.vtsne.bench;

import dev.vtsne.Embedding;
import dev.vtsne.TSne;
import dev.vtsne.TsneOptions;
import dev.vtsne.Points;
import dev.vtsne.simd.KernelSet;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Runs exact t-SNE on a labelled CSV (gzip or plain, no header, last column = label) through the
 * library API (TSne.fit with the default TsneOptions: perplexity 30, 750 iterations, exaggeration
 * 12 for 250, momentum 0.5 then 0.8, learning rate auto, PCA init), independent of the CLI.
 *
 * <p>Usage: DigitsExact CSV THREADS [OUT.npy] [REPEATS]. Prints one JSON line per fit with the
 * in-process fit time (TSne.fit only: affinities + init + 750 iterations + the KL evaluations;
 * file reading and JVM start excluded) and the final exact KL; the first fit is the cold one
 * (JIT warm-up included), later ones are warm. The embedding of the first fit is written to
 * OUT.npy (float32, n x 2, C order).
 */
public final class DigitsExact {

    private DigitsExact() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: DigitsExact CSV[.gz] THREADS [OUT.npy] [REPEATS]");
            System.exit(2);
        }
        String reason = KernelSet.preferred().fallbackReason();
        if (reason != null) {
            System.err.println("DigitsExact: WARNING vector kernels not active: " + reason);
        }
        int threads = Integer.parseInt(args[1]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        float[][] rows = readFeatures(args[0]);
        Points x = Points.of(rows);
        // exact, as the scikit-learn side is: auto would pick Barnes-Hut for 1,797 points
        TsneOptions options = TsneOptions.builder().threads(threads).method(dev.vtsne.Method.EXACT).build();
        for (int rep = 0; rep < repeats; rep++) {
            long t0 = System.nanoTime();
            Embedding e = TSne.fit(x, options, null);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT,
                    "{\"engine\":\"vtsne\",\"run\":%d,\"n\":%d,\"dim\":%d,\"threads\":%d,\"kernels\":\"%s\",\"fit_seconds\":%.4f,"
                            + "\"affinity_seconds\":%.4f,\"optimize_seconds\":%.4f,\"iterations\":%d,\"learning_rate\":%.1f,\"kl\":%.6f}%n",
                    rep, x.size(), x.dim(), threads, KernelSet.preferred().name(), secs, e.affinityNanos() / 1e9,
                    e.optimizeNanos() / 1e9, e.iterations(), options.learningRateFor(x.size()), e.lastKl());
            if (rep == 0 && args.length > 2) {
                writeNpy(args[2], e.rowMajor(), e.size(), e.dimensions());
            }
        }
    }

    static float[][] readFeatures(String path) throws IOException {
        List<float[]> out = new ArrayList<>();
        var in = path.endsWith(".gz") ? new GZIPInputStream(new FileInputStream(path)) : new FileInputStream(path);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                float[] v = new float[f.length - 1]; // last column is the label
                for (int k = 0; k < v.length; k++) {
                    v[k] = Float.parseFloat(f[k].trim());
                }
                out.add(v);
            }
        }
        return out.toArray(new float[0][]);
    }

    /** .npy v1.0, little-endian float32, C order. */
    static void writeNpy(String path, float[] rowMajor, int n, int d) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(pad)).append('\n');
        ByteBuffer b = ByteBuffer.allocate(rowMajor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : rowMajor) {
            b.putFloat(v);
        }
        try (DataOutputStream o = new DataOutputStream(new FileOutputStream(path))) {
            o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int hl = h.length();
            o.write(hl & 0xff);
            o.write((hl >> 8) & 0xff);
            o.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            o.write(b.array());
        }
    }
}
