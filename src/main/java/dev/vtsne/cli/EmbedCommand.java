package dev.vtsne.cli;

import dev.vtsne.TsneOptions;
import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.CsvHeader;
import dev.vtsne.io.DataFiles;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.FileFormat;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.LabelColumn;
import dev.vtsne.io.Labels;
import dev.vtsne.plot.SvgPlot;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vtsne embed INPUT -o OUTPUT}: embeds a file of points. */
@Command(name = "embed",
        mixinStandardHelpOptions = true,
        versionProvider = VtsneCommand.Version.class,
        defaultValueProvider = BuilderDefaults.Tsne.class,
        resourceBundle = BuilderDefaults.HelpValues.NAME,
        sortOptions = false,
        description = {"Embeds the rows of INPUT (.csv, .tsv, .npy; .csv.gz ok) and writes the map to OUTPUT "
                + "(.csv/.tsv with a header x,y[,z][,label], or .npy float32).",
                "Progress goes to stderr; the last line is 'done: ...'."},
        footer = {"",
                "Examples:",
                "  vtsne embed data.csv -o map.csv",
                "  vtsne embed data.csv.gz -o map.csv --labels col:-1 --plot map.png",
                "  vtsne embed data.tsv -o map.npy --labels col:species --perplexity 50",
                "  vtsne embed x.npy -o y.csv --labels labels.npy --plot y.svg --dims 3",
                "  vtsne embed big.npy -o map.npy --pca 50 --report run.json --quiet",
                "  vtsne embed data.csv -o map.csv --header no --labels col:0",
                "  vtsne embed x.npy -o y.npy --objective sne --iterations 1000 --threads 4",
                "",
                "A CSV header is recognized when the first row is not all numbers (or declared with --header).",
                "Label columns may hold text. With --report, a JSON summary of the run is written after the map."})
final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Points, one per row: .csv, .tsv or .npy (2-D float, int, uint or bool; C or Fortran order), optionally .gz.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Where to write the map: .csv, .tsv or .npy.")
    Path output;

    @Option(names = "--labels", paramLabel = "SPEC",
            description = {"Labels for the plot and the output: a file with one label per row (.npy, .csv), "
                    + "or col:NAME / col:INDEX for a column of a CSV input (0-based, col:-1 = last), "
                    + "which is then not a feature. Default: none"})
    String labels;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Also draw the map as a scatter plot coloured by label, with a legend: PNG, or SVG (above "
                    + SvgPlot.MERGE_ABOVE + " points the SVG merges the points of a label that share a dot-sized cell). "
                    + "Default: none")
    Path plot;

    @Option(names = "--header", paramLabel = "auto|yes|no", defaultValue = "auto", converter = HeaderConverter.class,
            description = "Whether the first row of a .csv/.tsv input is a header: auto = when it is not all numbers "
                    + "(an index-selected label column aside). Default: ${DEFAULT-VALUE}")
    CsvHeader header;

    @Option(names = "--save-model", paramLabel = "FILE.npz",
            description = "Also save the map with what 'vtsne transform --model' needs to place new points into it "
                    + "(the input after any PCA, the PCA and the map; a ZIP of .npy entries that numpy.load opens). Default: none")
    Path saveModel;

    @Mixin
    TuningOptions tuning;

    @ParentCommand
    VtsneCommand parent;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        TsneOptions options = tuning.toOptions(spec);
        FileFormat inFormat = format(input, "input");
        format(output, "output");
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|svg)")) {
            throw usage("--plot file " + plot + " must end in .png or .svg");
        }
        if (!inFormat.isText() && header != CsvHeader.AUTO) {
            throw usage("--header " + header.name().toLowerCase(Locale.ROOT) + " applies to .csv/.tsv input, but "
                    + input + " is .npy; leave it out");
        }
        LabelColumn column = null;
        Path labelFile = null;
        if (labels != null) {
            if (labels.startsWith("col:")) {
                if (labels.substring(4).isBlank()) {
                    throw usage("--labels col: needs a column name or 0-based index, e.g. col:label or col:-1");
                }
                if (!inFormat.isText()) {
                    throw usage("--labels " + labels + " selects a column of a CSV input, but " + input
                            + " is .npy; give the labels as a separate file instead (--labels labels.npy)");
                }
                column = LabelColumn.parse(labels.substring(4));
            } else {
                labelFile = Path.of(labels);
                format(labelFile, "label");
            }
        }
        distinct(output, "output", input, labelFile);
        if (plot != null) {
            distinct(plot, "plot", input, labelFile);
            if (AtomicFiles.sameFile(plot, output)) {
                throw usage("--plot and --output name the same file " + plot + "; give two different files");
            }
        }
        if (tuning.report != null) {
            if (!tuning.report.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw usage("--report file " + tuning.report + " must end in .json");
            }
            distinct(tuning.report, "report", input, labelFile);
            for (Path other : new Path[] {output, plot}) {
                if (other != null && AtomicFiles.sameFile(tuning.report, other)) {
                    throw usage("--report and another output name the same file " + other + "; give different files");
                }
            }
        }
        if (saveModel != null) {
            checkModel(labelFile);
        }
        AtomicFiles.checkWritable(output, "output");
        if (saveModel != null) {
            AtomicFiles.checkWritable(saveModel, "model");
        }
        if (plot != null) {
            AtomicFiles.checkWritable(plot, "plot");
        }
        if (tuning.report != null) {
            AtomicFiles.checkWritable(tuning.report, "report");
        }

        Dataset data = DataFiles.read(input, column, header);
        if (labelFile != null) {
            Labels l = DataFiles.readLabels(labelFile, data.points().size());
            data = data.withLabels(l);
        }
        Path name = input.getFileName();
        EmbedRun.run(data, name == null ? input.toString() : name.toString(), input.toString(), options, output, plot,
                saveModel, tuning, parent != null && parent.terminal, spec.commandLine().getErr(), start);
        return 0;
    }

    static final class HeaderConverter implements ITypeConverter<CsvHeader> {
        @Override
        public CsvHeader convert(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> CsvHeader.AUTO;
                case "yes", "true" -> CsvHeader.YES;
                case "no", "false" -> CsvHeader.NO;
                default -> throw new TypeConversionException("'" + v + "' is not auto, yes or no");
            };
        }
    }

    /** The model file: a .npz name, no input and none of the other outputs. */
    private void checkModel(Path labelFile) {
        distinct(saveModel, "model", input, labelFile);
        for (Path other : new Path[] {output, plot, tuning.report}) {
            if (other != null && AtomicFiles.sameFile(saveModel, other)) {
                throw usage("--save-model and another output name the same file " + other + "; give different files");
            }
        }
        if (!saveModel.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw usage("--save-model file " + saveModel + " must end in .npz");
        }
    }

    private FileFormat format(Path p, String role) {
        try {
            return FileFormat.of(p, role);
        } catch (InputFormatException e) {
            throw usage(e.getMessage());
        }
    }

    private void distinct(Path out, String role, Path... inputs) {
        for (Path in : inputs) {
            if (in != null && AtomicFiles.sameFile(out, in)) {
                throw usage(role + " file " + out + " is the same file as input " + in
                        + "; choose another " + role + " path so the input is not overwritten");
            }
        }
    }

    private UsageException usage(String message) {
        return new UsageException(spec.commandLine(), message);
    }
}
