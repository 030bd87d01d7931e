package dev.vtsne.cli;

import dev.vtsne.Embedding;
import dev.vtsne.KlRecord;
import dev.vtsne.Phase;
import dev.vtsne.PhaseTimes;
import dev.vtsne.TsneOptions;
import dev.vtsne.io.Dataset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --report FILE.json} of a run: what ran (version, input, parameters, method,
 * kernels), how long each phase took, the KL history and the wall time. Keys are snake_case,
 * times are in seconds, and a value that does not apply is null.
 */
final class Report {

    /** Bumped when a key changes meaning or disappears. */
    static final int FORMAT = 1;

    private Report() {}

    /** Where the files of a run go. */
    record Locations(String input, Path output, Path plot) {}

    static Map<String, Object> build(Dataset data, Locations files, TsneOptions options, Embedding e, Instant started,
                                     long wallNanos) {
        int n = data.points().size();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("report_format", FORMAT);
        r.put("vtsne_version", VtsneCommand.version());
        r.put("started_at", started.toString());
        r.put("wall_time_s", seconds(wallNanos));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("path", files.input());
        input.put("n", n);
        input.put("dims", data.points().dim());
        input.put("labels", data.hasLabels() ? data.labels().count() : null);
        r.put("input", input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("embedding", files.output() == null ? null : files.output().toString());
        out.put("plot", files.plot() == null ? null : files.plot().toString());
        r.put("output", out);
        r.put("parameters", parameters(options, n));
        r.put("method", e.method().label());
        r.put("method_description", e.methodDescription());
        r.put("neighbours", e.method() == dev.vtsne.Method.EXACT ? null : options.neighboursFor(n));
        r.put("kernels", e.kernels());
        r.put("vector_bits", vectorBits(e.kernels()));
        r.put("iterations_done", e.iterations());
        r.put("kl", e.lastKl());
        r.put("times_s", times(e.phaseTimes()));
        List<Object> history = new ArrayList<>();
        for (KlRecord k : e.klHistory()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("iteration", k.iteration());
            h.put("kl", k.kl());
            h.put("elapsed_s", seconds(k.elapsedNanos()));
            history.add(h);
        }
        r.put("kl_history", history);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java_version", System.getProperty("java.version"));
        env.put("java_vendor", System.getProperty("java.vendor"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        r.put("environment", env);
        return r;
    }

    private static Map<String, Object> parameters(TsneOptions o, int n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", o.objective().name().toLowerCase(Locale.ROOT));
        p.put("dimensions", o.dimensions());
        p.put("perplexity", o.perplexity());
        p.put("iterations", o.iterations());
        p.put("learning_rate", o.learningRateFor(n));
        p.put("learning_rate_auto", Double.isNaN(o.learningRate()));
        p.put("exaggeration", o.exaggeration());
        p.put("exaggeration_iterations", o.exaggerationIterations());
        p.put("initial_momentum", o.initialMomentum());
        p.put("final_momentum", o.finalMomentum());
        p.put("momentum_switch_iteration", o.momentumSwitchIteration());
        p.put("min_gain", o.minGain());
        p.put("kl_every", o.klEvery());
        p.put("initialization", o.initialization().name().toLowerCase(Locale.ROOT));
        p.put("seed", o.seed());
        p.put("threads", o.threads());
        p.put("method", o.method().label());
        p.put("theta", o.theta());
        p.put("pca_components", o.pcaComponents());
        return p;
    }

    private static Map<String, Object> times(PhaseTimes t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Phase.WARMUP.label(), seconds(t.warmup()));
        m.put(Phase.PCA.label(), seconds(t.pca()));
        m.put(Phase.KNN.label(), seconds(t.neighbours()));
        m.put(Phase.AFFINITIES.label(), seconds(t.affinities()));
        m.put("attraction", t.attraction() >= 0 ? seconds(t.attraction()) : null);
        m.put("repulsion", t.repulsion() >= 0 ? seconds(t.repulsion()) : null);
        m.put("gradient", seconds(t.gradient()));
        m.put("update", seconds(t.update()));
        m.put("kl", seconds(t.kl()));
        m.put("total", seconds(t.total()));
        return m;
    }

    /** 512 of "vector-512"; null for the scalar twins. */
    static Integer vectorBits(String kernels) {
        if (kernels != null && kernels.startsWith("vector-")) {
            try {
                return Integer.parseInt(kernels.substring("vector-".length()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
