package dev.vtsne.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command; the work happens in its subcommands. */
@Command(name = "vtsne",
        mixinStandardHelpOptions = true,
        versionProvider = VtsneCommand.Version.class,
        subcommands = {EmbedCommand.class, DemoCommand.class, TransformCommand.class, SelftestCommand.class},
        description = "Exact t-SNE and SNE embeddings on the JDK Vector API.",
        footer = {"",
                "Examples:",
                "  vtsne demo -o out                          embed the bundled digits, write out/digits.csv and out/digits.png",
                "  vtsne embed data.csv -o map.csv --plot map.png --labels col:label",
                "  vtsne embed x.npy -o y.npy --labels labels.npy --plot y.png",
                "",
                "Exit codes: 0 done, 1 bad data or file, 2 bad command line.",
                "Set VTSNE_DEBUG=1 (or pass --debug) to see stack traces of unexpected errors."})
final class VtsneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, defaultValue = "false",
            description = "Print stack traces of unexpected errors. Default: ${DEFAULT-VALUE}")
    boolean debug;

    /** Whether stderr is a terminal, so progress is one live line; set by {@link Cli}. */
    boolean terminal;

    @Override
    public Integer call() {
        throw new UsageException(spec.commandLine(),
                "no command given; use 'vtsne embed INPUT -o OUTPUT' or 'vtsne demo' (see 'vtsne --help')");
    }

    /** The jar manifest's Implementation-Version, or "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage() == null ? null : Main.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vtsne " + version()};
        }
    }
}
