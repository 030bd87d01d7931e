package dev.vtsne.cli;

import dev.vtsne.Initialization;
import dev.vtsne.Method;
import dev.vtsne.Objective;
import dev.vtsne.TsneOptions;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The options shared by {@code embed} and {@code demo}: what to optimize and how. Those that set a
 * {@link TsneOptions} value take their defaults from its builder ({@link BuilderDefaults.Tsne}).
 */
final class TuningOptions {

    @Option(names = "--objective", paramLabel = "tsne|sne", converter = ObjectiveConverter.class,
            description = "Cost to minimize: tsne (Student-t) or sne (Gaussian). Default: ${DEFAULT-VALUE}")
    Objective objective;

    @Option(names = {"-p", "--perplexity"}, paramLabel = "P",
            description = "Effective number of neighbours, > 0 and at most (points - 1) / 3. Default: ${DEFAULT-VALUE}")
    double perplexity;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N",
            description = "Gradient steps (the first ${bundle:tsne.exaggerationIterations} with early exaggeration ${bundle:tsne.exaggeration}). "
                    + "Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--learning-rate", paramLabel = "auto|ETA", converter = LearningRateConverter.class,
            description = "Step size; auto = max(200, points / 12) for t-SNE, 1/12 for SNE (bhtsne/FIt-SNE/openTSNE convention; scikit-learn's rate is 4x this). "
                    + "Lower it if the run diverges. Default: ${DEFAULT-VALUE}")
    double learningRate;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of every random choice; the same seed gives the same map. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "all|T", converter = ThreadsConverter.class,
            description = "Worker threads; the result does not depend on it. Default: ${DEFAULT-VALUE} (all cores)")
    int threads;

    @Option(names = {"-d", "--dims"}, paramLabel = "2|3",
            description = "Output dimensions, 2 or 3 (plots show the first two). Default: ${DEFAULT-VALUE}")
    int dims;

    @Option(names = "--init", paramLabel = "pca|random", converter = InitConverter.class,
            description = "Initialization: pca (leading principal components) or random. Default: ${DEFAULT-VALUE}")
    Initialization init;

    @Option(names = {"-m", "--method"}, paramLabel = "auto|exact|bh|fft", converter = MethodConverter.class,
            description = "Repulsion: exact (all pairs), bh (Barnes-Hut tree), fft (FIt-SNE interpolation, 2-D); bh and fft use "
                    + "affinities over the 3 x perplexity nearest neighbours. auto = exact up to " + Method.AUTO_EXACT_MAX
                    + " points, bh below " + Method.AUTO_FFT_MIN + " (and in 3-D), fft from there. SNE is exact only. Default: ${DEFAULT-VALUE}")
    Method method;

    @Option(names = "--theta", paramLabel = "T",
            description = "Barnes-Hut accuracy: smaller is more exact and slower (0 = exact). Default: ${DEFAULT-VALUE}")
    double theta;

    @Option(names = "--pca", paramLabel = "K",
            description = "Project the input on its K leading principal components first (randomized PCA), e.g. 50 for "
                    + "images; 0 = off. Default: ${DEFAULT-VALUE}")
    int pca;

    @Option(names = "--plot-size", paramLabel = "WxH", defaultValue = "1000x1000", converter = SizeConverter.class,
            description = "Plot size in pixels, WxH or one number for a square. Default: ${DEFAULT-VALUE}")
    PlotSize plotSize;

    /** Width and height of a plot in pixels. */
    record PlotSize(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    @Option(names = "--report", paramLabel = "FILE.json",
            description = "Also write a JSON report of the run: version, input, parameters, method, kernels, time per "
                    + "phase, KL history, wall time. Default: none")
    Path report;

    @Option(names = {"-q", "--quiet"}, defaultValue = "false",
            description = "Print nothing but errors. Default: ${DEFAULT-VALUE}")
    boolean quiet;

    /** The validated library options; a value the library refuses is a usage error. */
    TsneOptions toOptions(CommandSpec spec) {
        try {
            return TsneOptions.builder()
                    .objective(objective)
                    .perplexity(perplexity)
                    .iterations(iterations)
                    .learningRate(learningRate)
                    .seed(seed)
                    .threads(threads)
                    .dimensions(dims)
                    .initialization(init)
                    .method(method)
                    .theta(theta)
                    .pcaComponents(pca)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class ObjectiveConverter implements ITypeConverter<Objective> {
        @Override
        public Objective convert(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "tsne", "t-sne" -> Objective.TSNE;
                case "sne" -> Objective.SNE;
                default -> throw new TypeConversionException("'" + v + "' is not tsne or sne");
            };
        }
    }

    static final class MethodConverter implements ITypeConverter<Method> {
        @Override
        public Method convert(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> Method.AUTO;
                case "exact" -> Method.EXACT;
                case "bh", "barnes-hut", "barneshut" -> Method.BARNES_HUT;
                case "fft", "fit-sne", "fitsne" -> Method.FFT;
                default -> throw new TypeConversionException("'" + v + "' is not auto, exact, bh or fft");
            };
        }
    }

    static final class InitConverter implements ITypeConverter<Initialization> {
        @Override
        public Initialization convert(String v) {
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "pca" -> Initialization.PCA;
                case "random" -> Initialization.RANDOM;
                default -> throw new TypeConversionException("'" + v + "' is not pca or random");
            };
        }
    }

    static final class LearningRateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            if (v.strip().equalsIgnoreCase("auto")) {
                return Double.NaN;
            }
            try {
                double d = Double.parseDouble(v.strip());
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not auto or a number > 0");
            }
        }
    }

    static final class ThreadsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            if (v.strip().equalsIgnoreCase("all")) {
                return Runtime.getRuntime().availableProcessors();
            }
            try {
                int t = Integer.parseInt(v.strip());
                if (t < 1) {
                    throw new NumberFormatException();
                }
                return t;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not all or a whole number >= 1");
            }
        }
    }

    static final class SizeConverter implements ITypeConverter<PlotSize> {
        @Override
        public PlotSize convert(String v) {
            String[] parts = v.strip().toLowerCase(Locale.ROOT).split("x", -1);
            try {
                if (parts.length > 2) {
                    throw new NumberFormatException();
                }
                int w = Integer.parseInt(parts[0].strip());
                int h = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : w;
                if (w < 50 || h < 50 || w > 10_000 || h > 10_000) {
                    throw new NumberFormatException();
                }
                return new PlotSize(w, h);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not a size WxH (or one number) between 50 and 10000 pixels");
            }
        }
    }
}
