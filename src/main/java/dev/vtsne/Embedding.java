package dev.vtsne;

import dev.vtsne.optimize.GradientDescent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A map being optimized, from {@link TSne#fit} or {@link TSne#embedding}: its coordinates, its
 * cost history, and the optimizer state (gains and updates), so that {@link #optimize} calls
 * continue where the last one stopped, with the options' schedule or with
 * {@link OptimizeStep}s of one's own.
 */
public final class Embedding {

    private final TsneOptions options;
    private final GradientDescent descent;
    private final String kernelsName;
    private final Method method;
    private final PreparationTimes preparation;
    private final FitInput input;
    private final List<KlRecord> history = new ArrayList<>();
    private final Cancellation cancellation;
    private int iterationsDone;
    private long optimizeNanos;
    private long klNanos;

    /**
     * @param kernelsName  the kernels' name, for {@link #kernels()}
     * @param method       the method that runs (not {@link Method#AUTO})
     * @param input        what is kept of the input, for {@link #referenceMap()}; null when the
     *                     map did not come from points
     * @param preparation  the time of the phases before the optimization
     * @param cancellation stops {@link #optimize} when cancelled
     */
    Embedding(TsneOptions options, GradientDescent descent, String kernelsName, Method method, FitInput input,
              PreparationTimes preparation, Cancellation cancellation) {
        this.options = options;
        this.descent = descent;
        this.kernelsName = kernelsName;
        this.method = method;
        this.input = input;
        this.preparation = preparation;
        this.cancellation = cancellation;
    }

    /**
     * Runs {@code iterations} more steps of the options' schedule (exaggeration and momentum
     * follow the absolute iteration count, whatever ran before). Stops early, after a whole
     * iteration, when the listener says so, and within one iteration when the run's
     * {@link Cancellation} is cancelled (then the coordinates are those of the last whole
     * iteration; a cancelled embedding does no more steps).
     *
     * @return this embedding
     * @throws dev.vtsne.DivergenceException when the learning rate throws the points out
     *         of the float range; the coordinates are then not usable
     */
    public Embedding optimize(int iterations, IterationListener listener) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        return run(iterations, it -> it < options.exaggerationIterations() ? options.exaggeration() : 1.0,
                it -> it < options.momentumSwitchIteration() ? options.initialMomentum() : options.finalMomentum(),
                options.learningRateFor(size()), options.minGain(), GradientDescent.NO_STEP_LIMIT, listener);
    }

    /**
     * Runs {@code step.iterations()} more steps with the step's constant settings, continuing from
     * the gains and updates the earlier calls left (as openTSNE's {@code TSNEEmbedding.optimize}
     * keeps its optimizer's state); call it again with other settings for the next phase. The KL
     * is computed as {@link TsneOptions#klEvery()} says and after the last step; stopping and
     * cancellation as in {@link #optimize(int, IterationListener)}.
     *
     * @return this embedding
     * @throws dev.vtsne.DivergenceException as {@link #optimize(int, IterationListener)}
     */
    public Embedding optimize(OptimizeStep step, IterationListener listener) {
        java.util.Objects.requireNonNull(step, "step is null");
        return run(step.iterations(), it -> step.exaggeration(), it -> step.momentum(), step.learningRateFor(options, size()),
                step.minGain(), step.maxStepNorm(), listener);
    }

    /** {@code iterations} steps, exaggeration and momentum as functions of the absolute iteration. */
    private Embedding run(int iterations, IntToDoubleFunction exaggeration, IntToDoubleFunction momentumAt, double eta, double minGain,
                          double maxStepNorm, IterationListener listener) {
        long start = System.nanoTime();
        long before = optimizeNanos;
        int end = iterationsDone + iterations;
        boolean go = true;
        while (iterationsDone < end && go && !cancellation.isCancelled()) {
            int it = iterationsDone;
            double alpha = exaggeration.applyAsDouble(it);
            double momentum = momentumAt.applyAsDouble(it);
            boolean due = (options.klEvery() > 0 && (it + 1) % options.klEvery() == 0) || it + 1 == end;
            // bh and fft: a due KL other than the run's last comes with this step's gradient (of
            // the map the step starts from, as openTSNE and FIt-SNE report it), sharing its Z;
            // otherwise a KL evaluation would cost a whole extra repulsion pass
            boolean fused = due && it + 1 < end && method != Method.EXACT;
            double kl;
            try {
                kl = descent.step(alpha, momentum, eta, minGain, maxStepNorm, fused);
            } catch (java.util.concurrent.CancellationException stopped) {
                break; // cancelled inside the gradient, before the update: y is as of the last iteration
            }
            iterationsDone++;
            optimizeNanos = before + (System.nanoTime() - start);
            if (due && !fused) {
                long k0 = System.nanoTime();
                try {
                    kl = descent.klDivergence();
                } catch (java.util.concurrent.CancellationException stopped) {
                    break; // the iteration is done; only its KL is missing
                }
                klNanos += System.nanoTime() - k0;
                optimizeNanos = before + (System.nanoTime() - start);
            }
            if (due) {
                history.add(new KlRecord(iterationsDone, kl, optimizeNanos));
            }
            if (listener != null) {
                go = listener.onIteration(iterationsDone, kl, optimizeNanos);
            }
        }
        return this;
    }

    /**
     * The map as it is now, as a fixed reference that new points can be embedded into: the fit's
     * input points (kept by reference; after its PCA when it used one, with that PCA to project
     * new points, and then the raw input is not kept), and a copy of the current coordinates (later {@link #optimize} calls do not
     * move it).
     *
     * @throws IllegalStateException when the map was started by {@link TSne#embedding} (it has no
     *         input points), or its fit rescaled the input
     */
    public ReferenceMap referenceMap() {
        if (input == null) {
            throw new IllegalStateException("this map was started from affinities and a layout (TSne.embedding), not fitted on points, "
                    + "so it has no input points to place new points against; fit the points with TSne.fit to transform");
        }
        return input.referenceMap(descent.coordinates());
    }

    /**
     * Embeds new points into this map with openTSNE's transform defaults; see
     * {@link ReferenceMap#transform(Points, TransformOptions)}. This embedding is not modified.
     */
    public PartialEmbedding transform(Points newPoints) {
        return referenceMap().transform(newPoints);
    }

    /** Embeds new points into this map; see {@link ReferenceMap#transform(Points, TransformOptions)}. */
    public PartialEmbedding transform(Points newPoints, TransformOptions transformOptions) {
        return referenceMap().transform(newPoints, transformOptions);
    }

    /** Number of points. */
    public int size() {
        return descent.coordinates()[0].length;
    }

    /** Output axes, 2 or 3. */
    public int dimensions() {
        return descent.coordinates().length;
    }

    /** Iterations done so far. */
    public int iterations() {
        return iterationsDone;
    }

    /** A copy of the coordinates, one array per axis. */
    public float[][] coordinates() {
        return Axes.copy(descent.coordinates());
    }

    /** A copy of the coordinates as row-major n × dimensions (what files and plots want). */
    public float[] rowMajor() {
        return Axes.rowMajor(descent.coordinates());
    }

    /** The KL history, oldest first (see {@link TsneOptions#klEvery()} for what each method reports). */
    public List<KlRecord> klHistory() {
        return Collections.unmodifiableList(history);
    }

    /** The last computed KL, or NaN when none was. */
    public double lastKl() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).kl();
    }

    /** The options this embedding was fitted with. */
    public TsneOptions options() {
        return options;
    }

    /** Which kernels ran ("vector-512", "scalar", ...). */
    public String kernels() {
        return kernelsName;
    }

    /** The method that ran (never {@link Method#AUTO}). */
    public Method method() {
        return method;
    }

    /** How the gradient is computed, in words ("exact", "Barnes-Hut θ=0.5", ...). */
    public String methodDescription() {
        return descent.objective().describe();
    }

    /** Where the time went so far. */
    public PhaseTimes phaseTimes() {
        var f = descent.objective();
        return new PhaseTimes(preparation.pca(), preparation.neighbours(), preparation.affinities(), f.attractionNanos(),
                f.repulsionNanos(), descent.gradientNanos(), descent.updateNanos(), klNanos, preparation.warmup());
    }

    /** Time spent on affinities (calibration and symmetrization). */
    public long affinityNanos() {
        return preparation.affinities();
    }

    /** Time spent optimizing, including KL evaluations. */
    public long optimizeNanos() {
        return optimizeNanos;
    }
}
