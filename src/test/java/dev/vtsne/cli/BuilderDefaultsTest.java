package dev.vtsne.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.TransformOptions;
import dev.vtsne.TsneOptions;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line starts from the library's defaults and shows them: a command without options
 * builds the builders' defaults, and every default its help shows, given back as the option's
 * value, builds them again (a copy of a default that the builder no longer has fails both).
 */
class BuilderDefaultsTest {

    /** Options of the command line's own (files, output, plots), not of a builder. */
    private static final Set<String> CLI_ONLY = Set.of("--output", "--labels", "--plot", "--header", "--plot-size", "--report",
            "--quiet", "--help", "--version", "--output-dir", "--debug", "--save-model", "--model");

    private static final String[] EMBED = {"in.csv", "-o", "out.csv"};
    private static final String[] TRANSFORM = {"ref.csv", "map.npy", "new.csv", "-o", "out.csv"};
    private static final String[] DEMO = {};

    private static CommandLine command(String name) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Cli.commandLine(none, none, false).getSubcommands().get(name);
    }

    /** The subcommand {@code name} after the whole command line parsed {@code args} (as Main does: from the top). */
    private static CommandLine parsed(String name, List<String> args) {
        CommandLine c = command(name);
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(args);
        c.getParent().parseArgs(all.toArray(String[]::new));
        return c;
    }

    private static TsneOptions tsneOptions(String name, String[] required, String... more) {
        List<String> args = new ArrayList<>(List.of(required));
        args.addAll(List.of(more));
        CommandLine c = parsed(name, args);
        TuningOptions tuning = name.equals("embed") ? c.<EmbedCommand>getCommand().tuning : c.<DemoCommand>getCommand().tuning;
        return tuning.toOptions(c.getCommandSpec());
    }

    /** What transform sets: the TransformOptions values it takes and the map's PCA and seed. */
    private static List<Object> transformValues(String... more) {
        List<String> args = new ArrayList<>(List.of(TRANSFORM));
        args.addAll(List.of(more));
        CommandLine c = parsed("transform", args);
        TransformCommand t = c.getCommand();
        return List.of(t.perplexity, t.iterations, t.learningRate, t.exaggeration, t.init, t.initNeighbours, t.threads, t.pca, t.seed);
    }

    private static List<Object> transformDefaults() {
        TransformOptions d = TransformOptions.defaults();
        TsneOptions map = TsneOptions.defaults();
        return List.of(d.perplexity(), d.iterations(), d.learningRate(), d.exaggeration(), d.initialization(), d.initNeighbours(),
                d.threads(), map.pcaComponents(), map.seed());
    }

    @Test
    void withoutOptionsTheCommandsBuildTheBuildersDefaults() {
        assertEquals(TsneOptions.defaults(), tsneOptions("embed", EMBED));
        assertEquals(TsneOptions.defaults(), tsneOptions("demo", DEMO));
        assertEquals(transformDefaults(), transformValues());
    }

    @Test
    void everyDefaultTheHelpShowsIsTheBuilders() {
        for (String name : List.of("embed", "demo", "transform")) {
            String help = CliRun.of(name, "--help").out().replaceAll("\\s+", " ");
            int checked = 0;
            for (OptionSpec o : command(name).getCommandSpec().options()) {
                if (CLI_ONLY.contains(o.longestName())) {
                    continue;
                }
                assertNull(o.defaultValue(), name + " " + o.longestName() + " has no default of its own (it takes the builder's)");
                String shown = shownDefault(help, o.longestName());
                String where = name + " " + o.longestName() + " shows Default: " + shown;
                if (name.equals("transform")) {
                    assertEquals(transformDefaults(), transformValues(o.longestName(), shown), where);
                } else {
                    String[] required = name.equals("embed") ? EMBED : DEMO;
                    assertEquals(TsneOptions.defaults(), tsneOptions(name, required, o.longestName(), shown), where);
                }
                checked++;
            }
            assertEquals(name.equals("transform") ? 9 : 11, checked, name + ": options that take a builder default");
        }
    }

    @Test
    void helpTextsTakeTheDefaultsNoOptionSets() {
        TsneOptions d = TsneOptions.defaults();
        String help = CliRun.of("embed", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(the first " + d.exaggerationIterations() + " with early exaggeration "
                + EmbedRun.number(d.exaggeration()) + ")"), help);
        assertFalse(help.contains("${"), help);
    }

    /** The value after "Default: " in the help of {@code option} (the first "Default:" after its entry in the list). */
    private static String shownDefault(String help, String option) {
        int at = help.lastIndexOf(option + "="); // the synopsis names it first
        assertTrue(at >= 0, option + " in " + help);
        int d = help.indexOf("Default: ", at) + "Default: ".length();
        return help.substring(d).split(" ")[0];
    }
}
