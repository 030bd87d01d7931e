package dev.vtsne.cli;

import dev.vtsne.Cancellation;
import dev.vtsne.Embedding;
import dev.vtsne.InsufficientHeapException;
import dev.vtsne.Method;
import dev.vtsne.Objective;
import dev.vtsne.PerplexityTooLargeException;
import dev.vtsne.Phase;
import dev.vtsne.PhaseTimes;
import dev.vtsne.ReferenceMap;
import dev.vtsne.TSne;
import dev.vtsne.TsneOptions;
import dev.vtsne.io.AtomicFiles;
import dev.vtsne.io.DataFiles;
import dev.vtsne.io.Dataset;
import dev.vtsne.io.InputFormatException;
import dev.vtsne.plot.ScatterPlot;
import dev.vtsne.plot.SvgPlot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;

/** The part {@code embed} and {@code demo} share: check, fit with progress, write, report. */
final class EmbedRun {

    private EmbedRun() {}

    /**
     * Embeds {@code data} and writes {@code output} and (when not null) {@code plot} and the
     * report {@code tuning.report}. Every check that can fail runs before the optimization; nothing
     * is written when anything fails.
     *
     * @param inputPath the input as the report names it
     * @param terminal  whether stderr is a terminal (live progress line) or not (plain lines)
     * @param startNanos when the command started (System.nanoTime), for the report's wall time
     */
    static void run(Dataset data, String dataName, String inputPath, TsneOptions options, Path output, Path plot,
                    TuningOptions tuning, boolean terminal, PrintWriter err, long startNanos)
            throws IOException, InputFormatException {
        run(data, dataName, inputPath, options, output, plot, null, tuning, terminal, err, startNanos);
    }

    /** As above, also saving the map as a model file for {@code transform --model} when {@code model} is not null. */
    static void run(Dataset data, String dataName, String inputPath, TsneOptions options, Path output, Path plot, Path model,
                    TuningOptions tuning, boolean terminal, PrintWriter err, long startNanos)
            throws IOException, InputFormatException {
        Instant started = Instant.now().minusNanos(System.nanoTime() - startNanos);
        boolean quiet = tuning.quiet;
        int n = data.points().size(), dim = data.points().dim();
        checkSize(n);
        checkCapacity(data.points(), options);
        if (!quiet) {
            err.println(String.format(Locale.ROOT, "vtsne: %d points x %d dims, %s, perplexity %s, %d iterations, %d thread%s",
                    n, dim, options.objective() == Objective.TSNE ? "t-SNE" : "SNE", number(options.perplexity()),
                    options.iterations(), options.threads(), options.threads() == 1 ? "" : "s"));
        }
        int total = options.iterations();
        Method method = options.methodFor(n);
        if (!quiet) {
            // the preparation prints nothing until iteration 50 (tens of seconds at large n), so say
            // what is running
            if (options.pcaComponents() > 0 && options.pcaComponents() < dim) {
                err.println(String.format(Locale.ROOT, "pca: projecting %d dims on %d principal components (randomized)",
                        dim, options.pcaComponents()));
            } else if (options.pcaComponents() >= dim) {
                err.println(pcaSkipped(options.pcaComponents(), dim));
            }
            if (method == Method.EXACT) {
                err.println(String.format(Locale.ROOT, "method exact: calibrating perplexity over all %d x %d pairs, then %d iterations",
                        n, n, total));
            } else {
                err.println(String.format(Locale.ROOT,
                        "method %s: %d nearest neighbours of each point, affinities over them, then %d iterations; "
                                + "KL is over these affinities with the method's Z (an estimate, as in FIt-SNE and openTSNE)",
                        method == Method.FFT ? "fft" : "bh (theta " + number(options.theta()) + ")", options.neighboursFor(n), total));
            }
            err.flush();
        }
        Cancellation cancellation = Cli.cancellation();
        Embedding e;
        if (quiet) {
            e = TSne.fit(data.points(), options, null, cancellation);
        } else {
            try (Progress progress = Progress.of(err, terminal, total, options.exaggeration() > 1 ? Math.min(options.exaggerationIterations(), total) : 0)) {
                e = TSne.fit(data.points(), options, progress, cancellation);
            }
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException("interrupted after iteration " + e.iterations());
        }
        ReferenceMap reference = model == null ? null : referenceMap(e);
        float[] y = e.rowMajor();
        int dims = e.dimensions();
        BufferedImage image = null;
        String svg = null;
        if (plot != null) {
            String title = String.format(Locale.ROOT, "%s of %s: %d points, perplexity %s",
                    options.objective() == Objective.TSNE ? "t-SNE" : "SNE", dataName, n, number(options.perplexity()));
            int w = tuning.plotSize.width(), h = tuning.plotSize.height();
            if (isSvg(plot)) {
                svg = SvgPlot.render(y, n, dims, data.labels(), w, h, title);
            } else {
                image = ScatterPlot.render(y, n, dims, data.labels(), w, h, title);
            }
        }
        BufferedImage img = image;
        String svgText = svg;
        AtomicFiles.abandonIf(cancellation::isCancelled, () -> { // an interrupt now leaves no file behind
            DataFiles.writeEmbedding(output, y, n, dims, data.labels());
            if (reference != null) {
                reference.save(model);
            }
            if (img != null) {
                AtomicFiles.write(plot, out -> {
                    if (!ImageIO.write(img, "png", out)) {
                        throw new IOException("this JDK has no PNG writer");
                    }
                });
            } else if (svgText != null) {
                byte[] bytes = svgText.getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(plot, out -> out.write(bytes));
            }
            if (tuning.report != null) {
                Map<String, Object> report = Report.build(data, new Report.Locations(inputPath, output, plot), options, e,
                        started, System.nanoTime() - startNanos);
                byte[] json = Json.write(report).getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(tuning.report, out -> out.write(json));
            }
        });
        if (!quiet) {
            err.println("wrote " + output + (model != null ? ", " + model : "") + (plot != null ? ", " + plot : "")
                    + (tuning.report != null ? ", " + tuning.report : ""));
            err.println(String.format(Locale.ROOT,
                    "done: %d iterations, KL %.6f, %s, kernels %s", e.iterations(), e.lastKl(), e.methodDescription(), e.kernels()));
            err.println("time: " + timeSplit(e.phaseTimes()));
        }
    }

    /** The fit's map for --save-model; an input the fit had to rescale cannot be one (nothing is written then). */
    private static ReferenceMap referenceMap(Embedding e) throws InputFormatException {
        try {
            return e.referenceMap();
        } catch (IllegalStateException rescaled) {
            throw new InputFormatException("cannot save the model: " + rescaled.getMessage() + "; or leave out --save-model");
        }
    }

    /**
     * The note for --pca K on an input of at most K columns: the PCA is skipped, which changes
     * nothing (projecting on all the components only rotates the data, and t-SNE sees distances).
     */
    static String pcaSkipped(int components, int dim) {
        return String.format(Locale.ROOT, "pca: skipped: the input has %d dims, no more than --pca %d asks for; "
                + "they are used as they are%s", dim, components,
                dim > 1 ? " (to reduce them, use --pca " + (dim - 1) + " or less)" : "");
    }

    static boolean isSvg(Path plot) {
        return plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    /** "warmup 1.10 s, pca 0.00 s, knn 1.20 s, affinities ..., total ..." for the phases that ran. */
    static String timeSplit(PhaseTimes t) {
        StringBuilder b = new StringBuilder();
        if (t.warmup() > 0) {
            b.append(seconds(Phase.WARMUP.label(), t.warmup()));
        }
        if (t.pca() > 0) {
            b.append(seconds(Phase.PCA.label(), t.pca()));
        }
        if (t.neighbours() > 0) {
            b.append(seconds(Phase.KNN.label(), t.neighbours()));
        }
        b.append(seconds(Phase.AFFINITIES.label(), t.affinities()));
        if (t.attraction() >= 0) {
            b.append(seconds("attraction", t.attraction())).append(seconds("repulsion", t.repulsion()));
        } else {
            b.append(seconds("gradient (attraction and repulsion fused)", t.gradient()));
        }
        b.append(seconds("update", t.update())).append(seconds("kl", t.kl()));
        return b.append(String.format(Locale.ROOT, "total %.2f s", t.total() / 1e9)).toString();
    }

    private static String seconds(String phase, long nanos) {
        return String.format(Locale.ROOT, "%s %.2f s, ", phase, nanos / 1e9);
    }

    /** Refuses too few points before any work (the library's refusal would not say "rows"). */
    static void checkSize(int n) throws InputFormatException {
        if (n < 2) {
            throw new InputFormatException("need at least 2 points to embed, the input has " + n + "; give more rows");
        }
    }

    /**
     * Refuses inputs the engine cannot take (a perplexity too large for the points, too many points
     * for the exact method, too little heap) before the header line is printed, so that the error
     * stays the only line.
     */
    static void checkCapacity(dev.vtsne.Points points, TsneOptions options) throws InputFormatException {
        try {
            TSne.validate(points, options);
        } catch (InsufficientHeapException e) {
            throw new InputFormatException(MemoryAdvice.line(e, options));
        } catch (PerplexityTooLargeException e) {
            throw new InputFormatException(InputAdvice.line(e));
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(e.getMessage());
        }
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
    }
}
