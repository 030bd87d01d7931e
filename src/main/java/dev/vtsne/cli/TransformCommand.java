package dev.vtsne.cli;

import dev.vtsne.ModelFormatException;
import dev.vtsne.PartialEmbedding;
import dev.vtsne.ReferenceMap;
import dev.vtsne.TransformOptions;
import dev.vtsne.TransformOptions.TransformInitialization;
import dev.vtsne.Points;
import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.DataFiles;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.FileFormat;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.LabelColumn;
import dev.vtsne.io.Labels;
import dev.vtsne.simd.KernelSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code vtsne transform REFERENCE_INPUT REFERENCE_MAP NEW_INPUT -o OUTPUT}, or
 * {@code vtsne transform --model MODEL.npz NEW_INPUT -o OUTPUT}: places new points into an
 * existing map (openTSNE's transform; see {@link ReferenceMap}).
 */
@Command(name = "transform",
        mixinStandardHelpOptions = true,
        versionProvider = VtsneCommand.Version.class,
        defaultValueProvider = BuilderDefaults.Transform.class,
        sortOptions = false,
        customSynopsis = {"vtsne transform REFERENCE_INPUT REFERENCE_MAP NEW_INPUT -o OUTPUT [OPTIONS]",
                "   or: vtsne transform --model MODEL.npz NEW_INPUT -o OUTPUT [OPTIONS]"},
        description = {"Places the rows of NEW_INPUT into an existing map without moving it: REFERENCE_MAP is a map "
                + "written by 'vtsne embed' (or any .npy/.csv of x,y[,z]) of the rows of REFERENCE_INPUT, in the same order, "
                + "or MODEL.npz holds both (written by 'vtsne embed --save-model'). "
                + "Each new point starts at the median map position of its nearest reference points and is optimized "
                + "against the reference points alone (openTSNE's transform and its defaults). "
                + "Writes the new points' coordinates, in the map's frame, to OUTPUT (.csv/.tsv x,y[,z][,label] or .npy).",
                "Progress goes to stderr; the last lines are 'done: ...' and 'time: ...'."},
        footer = {"",
                "Examples:",
                "  vtsne embed train.csv -o map.npy",
                "  vtsne transform train.csv map.npy new.csv -o new-map.csv",
                "  vtsne embed train.csv -o map.csv --labels col:label --pca 50 --seed 7",
                "  vtsne transform train.csv map.csv new.csv -o new-map.csv --labels col:label --pca 50 --seed 7",
                "  vtsne embed train.csv -o map.csv --pca 50 --save-model model.npz",
                "  vtsne transform --model model.npz new.csv -o new-map.csv",
                "",
                "If the map was made with --pca K, pass the same --pca K and --seed S: the PCA is refitted on REFERENCE_INPUT "
                        + "(the same seed gives the same components) and the new points are projected with it. "
                        + "A --model file holds the PCA itself: neither REFERENCE_INPUT nor --pca and --seed are needed."})
final class TransformCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = {"REFERENCE_INPUT REFERENCE_MAP NEW_INPUT, or with --model NEW_INPUT alone:",
            "REFERENCE_INPUT: the points the map was made from (.csv, .tsv or .npy, optionally .gz).",
            "REFERENCE_MAP: their map, rows in the same order: .npy (n x 2|3) or .csv/.tsv (x,y[,z], a 'label' column is ignored).",
            "NEW_INPUT: the points to place, with the same columns as REFERENCE_INPUT."})
    List<Path> files;

    @Option(names = "--model", paramLabel = "MODEL.npz",
            description = "A map saved by 'vtsne embed --save-model', in place of REFERENCE_INPUT and REFERENCE_MAP. Default: none")
    Path model;

    private Path referenceInput;
    private Path referenceMap;
    private Path newInput;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Where to write the new points' map coordinates: .csv, .tsv or .npy.")
    Path output;

    @Option(names = "--labels", paramLabel = "SPEC",
            description = {"col:NAME / col:INDEX: a label column of both CSV inputs (not a feature; the new points' labels "
                    + "go to the output), or a file (.npy, .csv) with one label per new point. Default: none"})
    String labels;

    @Option(names = {"-p", "--perplexity"}, paramLabel = "P",
            description = "Effective number of reference neighbours of each new point (affinities over the 3 x P nearest). Default: ${DEFAULT-VALUE}")
    double perplexity;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N",
            description = "Gradient steps per new point. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--learning-rate", paramLabel = "ETA",
            description = "Step size (openTSNE's convention; much smaller than a fit's). Default: ${DEFAULT-VALUE}")
    double learningRate;

    @Option(names = "--exaggeration", paramLabel = "A",
            description = "Exaggeration of the attraction to the neighbours. Default: ${DEFAULT-VALUE}")
    double exaggeration;

    @Option(names = "--init", paramLabel = "median|weighted", converter = InitConverter.class,
            description = "Start at the median of the K nearest reference points' map positions, or at the affinity-weighted mean. Default: ${DEFAULT-VALUE}")
    TransformInitialization init;

    @Option(names = "--init-neighbours", paramLabel = "K",
            description = "Reference neighbours the median start is taken over. Default: ${DEFAULT-VALUE}")
    int initNeighbours;

    @Option(names = "--pca", paramLabel = "K",
            description = "The --pca value the map was made with (0 = none). Default: ${DEFAULT-VALUE}")
    int pca;

    @Option(names = "--seed", paramLabel = "S",
            description = "The --seed the map was made with (matters only with --pca). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "all|T", converter = TuningOptions.ThreadsConverter.class,
            description = "Worker threads; the result does not depend on it. Default: ${DEFAULT-VALUE} (all cores)")
    int threads;

    @Option(names = {"-q", "--quiet"}, defaultValue = "false", description = "Print nothing but errors. Default: ${DEFAULT-VALUE}")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TransformOptions options;
        try {
            options = TransformOptions.builder().perplexity(perplexity).iterations(iterations).learningRate(learningRate)
                    .exaggeration(exaggeration).initialization(init).initNeighbours(initNeighbours).threads(threads).build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        files();
        if (pca < 0) {
            throw usage("--pca must be >= 0 (0 = none), got " + pca);
        }
        FileFormat refFormat = referenceInput == null ? null : format(referenceInput, "reference input");
        if (referenceMap != null) {
            format(referenceMap, "reference map");
        }
        FileFormat newFormat = format(newInput, "new input");
        format(output, "output");
        LabelColumn column = null;
        Path labelFile = null;
        if (labels != null) {
            if (labels.startsWith("col:")) {
                if (labels.substring(4).isBlank()) {
                    throw usage("--labels col: needs a column name or 0-based index, e.g. col:label or col:-1");
                }
                if (refFormat != null && (!refFormat.isText() || !newFormat.isText())) {
                    throw usage("--labels " + labels + " selects a column of both CSV inputs, but "
                            + (refFormat.isText() ? newInput : referenceInput)
                            + " is .npy; give the new points' labels as a separate file instead (--labels labels.npy)");
                }
                if (!newFormat.isText()) {
                    throw usage("--labels " + labels + " selects a column of a CSV new input, but " + newInput
                            + " is .npy; give the new points' labels as a separate file instead (--labels labels.npy)");
                }
                column = LabelColumn.parse(labels.substring(4));
            } else {
                labelFile = Path.of(labels);
                format(labelFile, "label");
            }
        }
        for (Path in : new Path[] {referenceInput, referenceMap, model, newInput, labelFile}) {
            if (in != null && AtomicFiles.sameFile(output, in)) {
                throw usage("output file " + output + " is the same file as input " + in
                        + "; choose another output path so the input is not overwritten");
            }
        }
        AtomicFiles.checkWritable(output, "output");

        ReferenceMap saved = model == null ? null : loadModel(model);
        Points reference = saved == null ? DataFiles.read(referenceInput, column).points() : null;
        Points map = saved == null ? readMap(referenceMap) : null;
        Dataset fresh = DataFiles.read(newInput, column);
        if (labelFile != null) {
            fresh = fresh.withLabels(DataFiles.readLabels(labelFile, fresh.points().size()));
        }
        if (saved == null) {
            checkMap(reference, map);
        }
        int refSize = saved != null ? saved.size() : reference.size();
        int refDim = saved != null ? saved.inputDim() : reference.dim();
        Points x = fresh.points();
        if (x.dim() != refDim) {
            throw new InputFormatException("new input " + newInput + " has " + x.dim() + " columns but "
                    + (saved != null ? "the map of model " + model + " was made from " + refDim + " columns"
                            : "reference input " + referenceInput + " has " + refDim)
                    + "; give the new points the same features in the same order");
        }
        if (options.affinityNeighbours() > refSize) {
            throw new InputFormatException(String.format(Locale.ROOT,
                    "perplexity %s needs %d reference neighbours but the reference has %d points; use --perplexity %s or less",
                    EmbedRun.number(perplexity), options.affinityNeighbours(), refSize,
                    EmbedRun.number(Math.floor(refSize / 3.0 * 100) / 100)));
        }
        boolean refitPca = saved == null && pca > 0 && pca < refDim;
        if (refitPca && pca > refSize) {
            throw new InputFormatException("--pca " + pca + " needs at least " + pca + " reference points, reference input "
                    + referenceInput + " has " + refSize + "; use the --pca value the map was made with");
        }
        int m = x.size();
        if (!quiet) {
            String source = saved != null
                    ? " from model " + model + (saved.usesPca() ? " (PCA to " + saved.pcaComponents() + " components)" : "")
                    : refitPca ? " (PCA to " + pca + " components, seed " + seed + ")" : "";
            err().println(String.format(Locale.ROOT,
                    "vtsne: transform %d points x %d dims into a %d-D map of %d points%s, perplexity %s, %d iterations, %d thread%s",
                    m, x.dim(), saved != null ? saved.dimensions() : map.dim(), refSize, source,
                    EmbedRun.number(perplexity), iterations, threads, threads == 1 ? "" : "s"));
            if (saved == null && pca > 0 && pca >= refDim) {
                err().println(EmbedRun.pcaSkipped(pca, refDim));
            }
        }
        ReferenceMap refMap = saved != null ? saved : ReferenceMap.withPca(reference, map, pca, seed, threads);
        PartialEmbedding placed = refMap.transform(x, options);
        DataFiles.writeEmbedding(output, placed.rowMajor(), m, placed.dimensions(), fresh.labels());
        if (!quiet) {
            err().println("wrote " + output);
            err().println(String.format(Locale.ROOT, "done: %d iterations, mean KL per point %.6f at the start, %.6f at the end, kernels %s",
                    placed.iterations(), placed.initialKl(), placed.kl(), KernelSet.preferred().name()));
            err().println(String.format(Locale.ROOT, "time: knn and affinities %.2f s, placement %.2f s",
                    placed.neighbourNanos() / 1e9, placed.optimizeNanos() / 1e9));
        }
        return 0;
    }

    /** The files by role: REFERENCE_INPUT REFERENCE_MAP NEW_INPUT, or NEW_INPUT alone with --model (then no --pca or --seed). */
    private void files() {
        List<Path> files = this.files == null ? List.of() : this.files;
        if (model != null) {
            if (files.size() != 1) {
                throw usage("--model replaces REFERENCE_INPUT and REFERENCE_MAP: give NEW_INPUT alone, got " + files.size() + " files");
            }
            var parsed = spec.commandLine().getParseResult();
            if (parsed.hasMatchedOption("--pca") || parsed.hasMatchedOption("--seed")) {
                throw usage("--pca and --seed describe a map given as REFERENCE_INPUT REFERENCE_MAP; a --model file "
                        + "holds its PCA: leave them out");
            }
            newInput = files.get(0);
            return;
        }
        if (files.size() != 3) {
            throw usage("give REFERENCE_INPUT REFERENCE_MAP NEW_INPUT, or --model MODEL.npz NEW_INPUT; got " + files.size()
                    + " file" + (files.size() == 1 ? "" : "s"));
        }
        referenceInput = files.get(0);
        referenceMap = files.get(1);
        newInput = files.get(2);
    }

    /** A --model file, its problems said as one line (the library's words, and what to do here). */
    private static ReferenceMap loadModel(Path path) throws InputFormatException {
        try {
            return ReferenceMap.load(path);
        } catch (ModelFormatException e) {
            String advice = e.newerFormatVersion() > 0
                    ? "; use a vtsne that reads it, or save the model again with this one (vtsne embed ... --save-model)"
                    : !Files.exists(path) || Files.isDirectory(path) ? "; check the path"
                    : "; give a file that 'vtsne embed ... --save-model' wrote";
            throw new InputFormatException("model file " + path + " " + e.problem() + advice, e);
        }
    }

    /** A reference map of the reference input's rows, 2 or 3 columns. */
    private void checkMap(Points reference, Points map) throws InputFormatException {
        if (map.size() != reference.size()) {
            throw new InputFormatException("reference map " + referenceMap + " has " + map.size() + " rows but reference input "
                    + referenceInput + " has " + reference.size() + "; give the map written for exactly these points, rows in the same order");
        }
        if (map.dim() != 2 && map.dim() != 3) {
            throw new InputFormatException("reference map " + referenceMap + " has " + map.dim()
                    + " columns; a map has 2 or 3 (x, y[, z]): give the file 'vtsne embed' wrote");
        }
    }

    /** The map's coordinates; a CSV's "label" column (what embed writes with --labels) is skipped. */
    private static Points readMap(Path path) throws InputFormatException {
        FileFormat f = FileFormat.of(path, "reference map");
        LabelColumn column = null;
        if (f.isText()) {
            String label = labelHeader(path, f.delimiter());
            if (label != null) {
                column = LabelColumn.byName(label);
            }
        }
        return DataFiles.read(path, column).points();
    }

    /** The name of a column called "label" in the first line of a text file, or null. */
    private static String labelHeader(Path path, char delimiter) {
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = FileFormat.isGzip(path) ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null) {
                return null;
            }
            for (String field : first.split(String.valueOf(delimiter), -1)) {
                String name = field.strip();
                if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                    name = name.substring(1, name.length() - 1);
                }
                if (name.equalsIgnoreCase("label")) {
                    return name;
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the reader that follows reports the problem with the file
        }
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private FileFormat format(Path p, String role) {
        try {
            return FileFormat.of(p, role);
        } catch (InputFormatException e) {
            throw usage(e.getMessage());
        }
    }

    private UsageException usage(String message) {
        return new UsageException(spec.commandLine(), message);
    }

    static final class InitConverter implements ITypeConverter<TransformInitialization> {
        @Override
        public TransformInitialization convert(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "median" -> TransformInitialization.MEDIAN;
                case "weighted" -> TransformInitialization.WEIGHTED;
                default -> throw new TypeConversionException("'" + v + "' is not median or weighted");
            };
        }
    }
}
