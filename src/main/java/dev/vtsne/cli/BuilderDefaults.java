package dev.vtsne.cli;

import dev.vtsne.TransformOptions;
import dev.vtsne.TsneOptions;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults the command line starts from and shows, read from the library's builders so that
 * none is written twice: picocli asks {@link Tsne} (embed, demo) and {@link Transform} for the
 * default of each option that sets a builder value, and help texts take the defaults that no
 * option sets from {@link HelpValues} ({@code ${bundle:...}}).
 */
final class BuilderDefaults {

    private BuilderDefaults() {}

    /** The defaults of the options that set {@code d}'s values, by longest name, spelled as the options take them. */
    static Map<String, String> tsne(TsneOptions d) {
        return Map.ofEntries(
                Map.entry("--objective", d.objective().name().toLowerCase(Locale.ROOT)),
                Map.entry("--perplexity", EmbedRun.number(d.perplexity())),
                Map.entry("--iterations", Integer.toString(d.iterations())),
                Map.entry("--learning-rate", Double.isNaN(d.learningRate()) ? "auto" : EmbedRun.number(d.learningRate())),
                Map.entry("--seed", Long.toString(d.seed())),
                Map.entry("--threads", threads(d.threads())),
                Map.entry("--dims", Integer.toString(d.dimensions())),
                Map.entry("--init", d.initialization().name().toLowerCase(Locale.ROOT)),
                Map.entry("--method", d.method().label()),
                Map.entry("--theta", EmbedRun.number(d.theta())),
                Map.entry("--pca", Integer.toString(d.pcaComponents())));
    }

    /**
     * The defaults of transform's options: {@code d}'s values, and the PCA and seed a map made
     * with {@code map} was made with.
     */
    static Map<String, String> transform(TransformOptions d, TsneOptions map) {
        return Map.ofEntries(
                Map.entry("--perplexity", EmbedRun.number(d.perplexity())),
                Map.entry("--iterations", Integer.toString(d.iterations())),
                Map.entry("--learning-rate", EmbedRun.number(d.learningRate())),
                Map.entry("--exaggeration", EmbedRun.number(d.exaggeration())),
                Map.entry("--init", d.initialization().name().toLowerCase(Locale.ROOT)),
                Map.entry("--init-neighbours", Integer.toString(d.initNeighbours())),
                Map.entry("--pca", Integer.toString(map.pcaComponents())),
                Map.entry("--seed", Long.toString(map.seed())),
                Map.entry("--threads", threads(d.threads())));
    }

    /** "all" for every processor (what the builders default to), else the count. */
    private static String threads(int threads) {
        return threads == Runtime.getRuntime().availableProcessors() ? "all" : Integer.toString(threads);
    }

    private static String option(ArgSpec arg, Map<String, String> defaults) {
        return arg instanceof OptionSpec o ? defaults.get(o.longestName()) : null;
    }

    /** Defaults of embed's and demo's options: {@link TsneOptions#builder()}'s. */
    static final class Tsne implements IDefaultValueProvider {
        private final Map<String, String> defaults = tsne(TsneOptions.builder().build());

        @Override
        public String defaultValue(ArgSpec arg) {
            return option(arg, defaults);
        }
    }

    /** Defaults of transform's options: {@link TransformOptions#defaults()}, and the map's PCA and seed from {@link TsneOptions#builder()}. */
    static final class Transform implements IDefaultValueProvider {
        private final Map<String, String> defaults = transform(TransformOptions.defaults(), TsneOptions.builder().build());

        @Override
        public String defaultValue(ArgSpec arg) {
            return option(arg, defaults);
        }
    }

    /** Builder defaults that no option sets, for help texts: {@code ${bundle:tsne.exaggeration}}. */
    public static final class HelpValues extends ListResourceBundle {
        /** The bundle's name, for {@code @Command(resourceBundle = ...)}. */
        static final String NAME = "dev.vtsne.cli.BuilderDefaults$HelpValues";

        @Override
        protected Object[][] getContents() {
            TsneOptions d = TsneOptions.builder().build();
            return new Object[][] {
                {"tsne.exaggeration", EmbedRun.number(d.exaggeration())},
                {"tsne.exaggerationIterations", Integer.toString(d.exaggerationIterations())}};
        }
    }
}
