package dev.vtsne.cli;

import dev.vtsne.TsneOptions;
import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.CsvReader;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.io.LabelColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code vtsne demo}: embeds the bundled handwritten digits and draws them. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VtsneCommand.Version.class,
        defaultValueProvider = BuilderDefaults.Tsne.class,
        resourceBundle = BuilderDefaults.HelpValues.NAME,
        sortOptions = false,
        description = {"Embeds the bundled UCI handwritten digits (1,797 images of 8x8 pixels, 10 classes; "
                + "Alpaydin and Kaynak 1998, CC BY 4.0) and writes digits.csv (x,y,label) and digits.png into DIR."},
        footer = {"",
                "Examples:",
                "  vtsne demo                       write digits.csv and digits.png here",
                "  vtsne demo -o /tmp/demo          into /tmp/demo (created if missing)",
                "  vtsne demo --perplexity 50 --objective sne --plot-size 1600"})
final class DemoCommand implements Callable<Integer> {

    static final String RESOURCE = "/dev/vtsne/demo/digits.csv.gz";

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory for digits.csv and digits.png. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Mixin
    TuningOptions tuning;

    @ParentCommand
    VtsneCommand parent;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        TsneOptions options = tuning.toOptions(spec);
        if (tuning.report != null && !tuning.report.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new UsageException(spec.commandLine(), "--report file " + tuning.report + " must end in .json");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputFormatException("output directory " + dir + " is a file; give a directory");
        }
        Dataset data = load();
        EmbedRun.checkSize(data.points().size());
        EmbedRun.checkCapacity(data.points(), options);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputFormatException("cannot create output directory " + dir + " (" + e.getMessage()
                    + "); choose a writable location", e);
        }
        AtomicFiles.checkWritable(dir.resolve("digits.csv"), "output");
        if (tuning.report != null) {
            for (String name : new String[] {"digits.csv", "digits.png"}) {
                if (AtomicFiles.sameFile(tuning.report, dir.resolve(name))) {
                    throw new UsageException(spec.commandLine(), "--report " + tuning.report + " is the demo's " + name
                            + "; give another file");
                }
            }
            AtomicFiles.checkWritable(tuning.report, "report");
        }
        EmbedRun.run(data, "UCI digits", "bundled:" + RESOURCE.substring(1), options, dir.resolve("digits.csv"), dir.resolve("digits.png"),
                tuning, parent != null && parent.terminal, spec.commandLine().getErr(), start);
        return 0;
    }

    /** The bundled digits with the last column as labels. */
    static Dataset load() throws IOException, InputFormatException {
        InputStream raw = DemoCommand.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("the demo data " + RESOURCE + " is missing from the jar; rebuild it");
        }
        try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
            return CsvReader.read(in, "bundled digits.csv.gz", ',', LabelColumn.byIndex(-1));
        }
    }
}
