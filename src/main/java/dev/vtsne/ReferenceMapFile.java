package dev.vtsne;

import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.FileFormat;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.NpyReader;
import dev.vtsne.io.NpyWriter;
import dev.vtsne.pca.PcaResult;
import dev.vtsne.simd.KernelSet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The file of a saved {@link ReferenceMap}, format version {@value #VERSION}; see
 * {@link ReferenceMap#save} for what each entry holds. Writing goes through {@link AtomicFiles}
 * (a temporary file renamed into place); reading checks every entry against the settings in
 * {@value #SETTINGS} and refuses, with a {@link ModelFormatException}, anything that does not fit.
 */
final class ReferenceMapFile {

    static final int VERSION = ReferenceMap.FORMAT_VERSION;
    /** The first line of {@value #SETTINGS}. */
    static final String MAGIC = "vtsne reference map";

    static final String SETTINGS = "model.txt";
    static final String REFERENCE = "reference.npy";
    static final String MAP = "map.npy";
    static final String PCA_COMPONENTS = "pca_components.npy";
    static final String PCA_MEAN = "pca_mean.npy";
    static final String PCA_VARIANCE = "pca_explained_variance.npy";

    private static final String VERSION_KEY = "format_version";
    private static final String POINTS = "points";
    private static final String INPUT_COLUMNS = "input_columns";
    private static final String MAP_DIMENSIONS = "map_dimensions";
    private static final String PCA_COMPONENT_COUNT = "pca_components";
    private static final String PCA_TOTAL_VARIANCE = "pca_total_variance";
    private static final String PCA_POWER_ITERATIONS = "pca_power_iterations";

    /** A settings entry longer than this is not one vtsne wrote. */
    private static final int MAX_SETTINGS_BYTES = 1 << 16;
    /** Every entry's time stamp: fixed, so that the same map saves to the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private ReferenceMapFile() {}

    /** What {@value #SETTINGS} says; the pca_ fields are 0 without PCA. */
    private record Settings(int points, int inputColumns, int mapDimensions, int pcaComponents, double pcaTotalVariance,
                            int pcaPowerIterations) {

        /** Columns of the reference points as stored: after the PCA when there is one. */
        int referenceColumns() {
            return pcaComponents > 0 ? pcaComponents : inputColumns;
        }

        Set<String> entries() {
            Set<String> names = new LinkedHashSet<>(List.of(SETTINGS, REFERENCE, MAP));
            if (pcaComponents > 0) {
                names.addAll(List.of(PCA_COMPONENTS, PCA_MEAN, PCA_VARIANCE));
            }
            return names;
        }
    }

    static void write(ReferenceMap map, Path path) throws IOException {
        if (FileFormat.isGzip(path)) {
            throw new IllegalArgumentException("a saved reference map is a ZIP archive, compressed already; give " + path
                    + " a name without .gz (e.g. one ending in .npz)");
        }
        Points reference = map.referencePoints();
        PcaResult pca = map.pca();
        int n = map.size(), dims = map.dimensions();
        float[] coordinates = Axes.rowMajor(map.axesView());
        StringBuilder settings = new StringBuilder(MAGIC).append('\n')
                .append(VERSION_KEY).append('=').append(VERSION).append('\n')
                .append(POINTS).append('=').append(n).append('\n')
                .append(INPUT_COLUMNS).append('=').append(map.inputDim()).append('\n')
                .append(MAP_DIMENSIONS).append('=').append(dims).append('\n')
                .append(PCA_COMPONENT_COUNT).append('=').append(pca == null ? 0 : pca.componentCount()).append('\n');
        if (pca != null) {
            settings.append(PCA_TOTAL_VARIANCE).append('=').append(pca.totalVariance()).append('\n')
                    .append(PCA_POWER_ITERATIONS).append('=').append(pca.powerIterations()).append('\n');
        }
        byte[] settingsBytes = settings.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8); // closed by AtomicFiles with out
            zip.setLevel(Deflater.BEST_SPEED); // float data hardly compresses; the speed is what matters
            entry(zip, SETTINGS, o -> o.write(settingsBytes));
            entry(zip, REFERENCE, o -> NpyWriter.writeFloats(o, reference.rowMajor(), n, reference.dim()));
            entry(zip, MAP, o -> NpyWriter.writeFloats(o, coordinates, n, dims));
            if (pca != null) {
                int k = pca.componentCount(), d = pca.dim();
                double[] components = new double[k * d];
                for (int c = 0; c < k; c++) {
                    System.arraycopy(pca.component(c), 0, components, c * d, d);
                }
                entry(zip, PCA_COMPONENTS, o -> NpyWriter.writeDoubles(o, components, k, d));
                entry(zip, PCA_MEAN, o -> NpyWriter.writeDoubles(o, pca.mean(), d));
                entry(zip, PCA_VARIANCE, o -> NpyWriter.writeDoubles(o, pca.explainedVariance(), k));
            }
            zip.finish();
        });
    }

    private static void entry(ZipOutputStream zip, String name, AtomicFiles.Content content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
        content.writeTo(zip);
        zip.closeEntry();
    }

    static ReferenceMap read(Path path) throws ModelFormatException {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path, "does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new ModelFormatException(path, "is a directory, not a file");
        }
        if (!Files.isReadable(path)) {
            throw new ModelFormatException(path, "is not readable (permission denied)");
        }
        try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> entries = entries(zip, path);
            ZipEntry settingsEntry = entries.get(SETTINGS);
            if (settingsEntry == null) {
                throw new ModelFormatException(path, "has no entry " + SETTINGS + ": it is a ZIP archive but not a saved vtsne reference map");
            }
            verify(zip, settingsEntry, path);
            Settings s = settings(new String(bytes(zip, settingsEntry, path), StandardCharsets.UTF_8), path);
            Set<String> expected = s.entries();
            for (String name : expected) {
                if (!entries.containsKey(name)) {
                    throw new ModelFormatException(path, "has no entry " + name + " (" + SETTINGS + " says "
                            + PCA_COMPONENT_COUNT + "=" + s.pcaComponents() + ")");
                }
            }
            for (String name : entries.keySet()) {
                if (!expected.contains(name)) {
                    throw new ModelFormatException(path, "holds an entry " + name + " that a format " + VERSION + " map with "
                            + PCA_COMPONENT_COUNT + "=" + s.pcaComponents() + " does not have");
                }
            }
            for (ZipEntry e : entries.values()) {
                if (e != settingsEntry) {
                    verify(zip, e, path);
                }
            }
            Points reference = points(zip, entries.get(REFERENCE), path, s.points(), s.referenceColumns());
            Points map = points(zip, entries.get(MAP), path, s.points(), s.mapDimensions());
            PcaResult pca = s.pcaComponents() > 0 ? pca(zip, entries, path, s) : null;
            float[][] axes = new float[s.mapDimensions()][s.points()];
            for (int i = 0; i < s.points(); i++) {
                for (int a = 0; a < axes.length; a++) {
                    axes[a][i] = map.get(i, a);
                }
            }
            return ReferenceMap.fitted(s.inputColumns(), reference, pca, axes);
        } catch (ModelFormatException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelFormatException(path, "is not a ZIP archive, or is truncated or damaged (" + e.getMessage()
                    + "); a saved reference map is a ZIP of .npy entries", e);
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The entries by name; two of one name are refused (which one would be meant?). */
    private static Map<String, ZipEntry> entries(ZipFile zip, Path path) throws ModelFormatException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (entries.put(e.getName(), e) != null) {
                throw new ModelFormatException(path, "holds two entries named " + e.getName());
            }
        }
        return entries;
    }

    /** Reads the entry through, and refuses it when it does not inflate or its CRC-32 differs from the one recorded. */
    private static void verify(ZipFile zip, ZipEntry e, Path path) throws IOException {
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            in.transferTo(OutputStream.nullOutputStream());
            if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                throw new ModelFormatException(path, String.format(Locale.ROOT,
                        "is damaged: entry %s has CRC-32 %08x but the archive records %08x", e.getName(),
                        in.getChecksum().getValue(), e.getCrc()));
            }
        } catch (ZipException | java.io.EOFException damaged) {
            throw new ModelFormatException(path, "is damaged: entry " + e.getName() + " cannot be read (" + damaged.getMessage() + ")",
                    damaged);
        }
    }

    private static byte[] bytes(ZipFile zip, ZipEntry e, Path path) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes(MAX_SETTINGS_BYTES + 1);
            if (b.length > MAX_SETTINGS_BYTES) {
                throw new ModelFormatException(path, "has an entry " + e.getName() + " longer than " + MAX_SETTINGS_BYTES
                        + " bytes; vtsne writes a few lines there");
            }
            return b;
        } catch (ZipException | java.io.EOFException damaged) {
            throw new ModelFormatException(path, "is damaged: entry " + e.getName() + " cannot be read (" + damaged.getMessage() + ")",
                    damaged);
        }
    }

    /** Parses {@value #SETTINGS}: the magic line, then key=value lines; the format version is checked first. */
    private static Settings settings(String text, Path path) throws ModelFormatException {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        if (lines.isEmpty() || !lines.getFirst().equals(MAGIC)) {
            throw new ModelFormatException(path, "has an entry " + SETTINGS + " that does not start with the line '" + MAGIC
                    + "'; it is not a saved vtsne reference map");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String malformed = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int eq = line.indexOf('=');
            if (eq <= 0 || values.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                malformed = malformed != null ? malformed : "line " + (i + 1) + " of " + SETTINGS + " ('" + line + "') is "
                        + (eq <= 0 ? "not key=value" : "a second value of " + line.substring(0, eq));
            }
        }
        String v = values.get(VERSION_KEY);
        if (v == null) {
            throw new ModelFormatException(path, "has no " + VERSION_KEY + " in " + SETTINGS);
        }
        int version = integer(values, VERSION_KEY, path);
        if (version > VERSION) {
            throw ModelFormatException.newer(path, version);
        }
        if (version < 1) {
            throw new ModelFormatException(path, "says " + VERSION_KEY + "=" + version + "; versions start at 1");
        }
        if (malformed != null) {
            throw new ModelFormatException(path, "is damaged: " + malformed);
        }
        int points = integer(values, POINTS, path);
        int columns = integer(values, INPUT_COLUMNS, path);
        int dims = integer(values, MAP_DIMENSIONS, path);
        int k = integer(values, PCA_COMPONENT_COUNT, path);
        Set<String> known = new LinkedHashSet<>(List.of(VERSION_KEY, POINTS, INPUT_COLUMNS, MAP_DIMENSIONS, PCA_COMPONENT_COUNT));
        if (points < 1 || columns < 1) {
            throw new ModelFormatException(path, "says " + POINTS + "=" + points + " and " + INPUT_COLUMNS + "=" + columns
                    + "; a map has at least one point of at least one column");
        }
        if (dims != 2 && dims != 3) {
            throw new ModelFormatException(path, "says " + MAP_DIMENSIONS + "=" + dims + "; a t-SNE map has 2 or 3");
        }
        if (k < 0 || (k > 0 && (k >= columns || k > points))) {
            throw new ModelFormatException(path, "says " + PCA_COMPONENT_COUNT + "=" + k + " for " + points + " points of " + columns
                    + " columns; a PCA has from 1 to min(points, columns - 1) components, or 0 for none");
        }
        double total = 0;
        int power = 0;
        if (k > 0) {
            known.addAll(List.of(PCA_TOTAL_VARIANCE, PCA_POWER_ITERATIONS));
            String t = values.get(PCA_TOTAL_VARIANCE);
            try {
                total = t == null ? Double.NaN : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                total = Double.NaN;
            }
            if (!(total >= 0) || !Double.isFinite(total)) {
                throw new ModelFormatException(path, "says " + PCA_TOTAL_VARIANCE + "=" + t + "; it must be a finite number >= 0");
            }
            power = integer(values, PCA_POWER_ITERATIONS, path);
            if (power < 0) {
                throw new ModelFormatException(path, "says " + PCA_POWER_ITERATIONS + "=" + power + "; it must be >= 0");
            }
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new ModelFormatException(path, "has a setting " + key + " in " + SETTINGS + " that a format " + VERSION
                        + " map with " + PCA_COMPONENT_COUNT + "=" + k + " does not have");
            }
        }
        return new Settings(points, columns, dims, k, total, power);
    }

    private static int integer(Map<String, String> values, String key, Path path) throws ModelFormatException {
        String v = values.get(key);
        if (v == null) {
            throw new ModelFormatException(path, "has no " + key + " in " + SETTINGS);
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ModelFormatException(path, "says " + key + "=" + v + " in " + SETTINGS + "; it must be an integer");
        }
    }

    /** A 2-D entry of {@code rows} × {@code cols} finite values. */
    private static Points points(ZipFile zip, ZipEntry e, Path path, int rows, int cols) throws IOException {
        Points p;
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
            p = NpyReader.readPoints(in, e.getName());
        } catch (InputFormatException bad) {
            throw new ModelFormatException(path, "has a bad entry: " + bad.getMessage(), bad);
        }
        if (p.size() != rows || p.dim() != cols) {
            throw new ModelFormatException(path, "has an entry " + e.getName() + " of shape (" + p.size() + ", " + p.dim()
                    + ") but " + SETTINGS + " says (" + rows + ", " + cols + ")");
        }
        return p;
    }

    private static PcaResult pca(ZipFile zip, Map<String, ZipEntry> entries, Path path, Settings s) throws IOException {
        int k = s.pcaComponents(), d = s.inputColumns();
        double[] flat = doubles(zip, entries.get(PCA_COMPONENTS), path, k, d);
        double[] mean = doubles(zip, entries.get(PCA_MEAN), path, d);
        double[] variance = doubles(zip, entries.get(PCA_VARIANCE), path, k);
        for (int c = 0; c < k; c++) {
            if (!(variance[c] >= 0)) {
                throw new ModelFormatException(path, "has an entry " + PCA_VARIANCE + " whose value " + (c + 1) + " is " + variance[c]
                        + "; a variance is >= 0");
            }
        }
        double[][] components = new double[k][];
        for (int c = 0; c < k; c++) {
            components[c] = java.util.Arrays.copyOfRange(flat, c * d, (c + 1) * d);
        }
        return PcaResult.of(components, mean, variance, s.pcaTotalVariance(), s.pcaPowerIterations(),
                KernelSet.preferred().matrix());
    }

    /** A float64 entry of exactly {@code shape}, every value finite. */
    private static double[] doubles(ZipFile zip, ZipEntry e, Path path, int... shape) throws IOException {
        NpyReader.Doubles a;
        try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
            a = NpyReader.readDoubles(in, e.getName());
        } catch (InputFormatException bad) {
            throw new ModelFormatException(path, "has a bad entry: " + bad.getMessage(), bad);
        }
        long[] want = java.util.Arrays.stream(shape).asLongStream().toArray();
        if (!java.util.Arrays.equals(a.shape(), want)) {
            throw new ModelFormatException(path, "has an entry " + e.getName() + " of shape " + NpyReader.shapeText(a.shape())
                    + " but " + SETTINGS + " says " + NpyReader.shapeText(want));
        }
        double[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ModelFormatException(path, "has an entry " + e.getName() + " whose value " + (i + 1) + " is " + v[i]
                        + "; a saved PCA is finite");
            }
        }
        return v;
    }
}
