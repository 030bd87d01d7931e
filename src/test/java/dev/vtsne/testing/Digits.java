package dev.vtsne.testing;

import dev.vtsne.Points;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The bundled UCI digits (1,797 × 64, label last), read without the io package under test. */
public final class Digits {

    public final Points points;
    public final int[] labels;

    private Digits(Points points, int[] labels) {
        this.points = points;
        this.labels = labels;
    }

    public static Digits load() {
        try (InputStream raw = Digits.class.getResourceAsStream("/dev/vtsne/demo/digits.csv.gz");
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                double[] row = new double[f.length - 1];
                for (int k = 0; k < row.length; k++) {
                    row[k] = Double.parseDouble(f[k].trim());
                }
                rows.add(row);
                labels.add(Integer.parseInt(f[f.length - 1].trim()));
            }
            return new Digits(Points.of(rows.toArray(new double[0][])), labels.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
