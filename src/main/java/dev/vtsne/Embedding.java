package dev.vtsne;

import dev.vtsne.optimize.GradientDescent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of {@link TSne#fit}: the map's coordinates, its cost history, and the optimizer
 * state, so that {@link #optimize} can continue the same schedule where it stopped.
 */
public final class Embedding {

    private final TsneOptions options;
    private final GradientDescent descent;
    private final String kernelsName;
    private final Method method;
    private final long pcaNanos;
    private final long neighbourNanos;
    private final long affinityNanos;
    private final List<KlRecord> history = new ArrayList<>();
    private final Cancellation cancellation;
    private int iterationsDone;
    private long optimizeNanos;
    private long klNanos;

    Embedding(TsneOptions options, GradientDescent descent, String kernelsName, Method method, long pcaNanos,
              long neighbourNanos, long affinityNanos, Cancellation cancellation) {
        this.cancellation = cancellation;
        this.options = options;
        this.descent = descent;
        this.kernelsName = kernelsName;
        this.method = method;
        this.pcaNanos = pcaNanos;
        this.neighbourNanos = neighbourNanos;
        this.affinityNanos = affinityNanos;
    }

    /**
     * Runs {@code iterations} more steps of the schedule (exaggeration and momentum follow the
     * absolute iteration count). Stops early, after a whole iteration, when the listener says so,
     * and within one iteration when the run's {@link Cancellation} is cancelled (then the
     * coordinates are those of the last whole iteration; a cancelled embedding does no more steps).
     *
     * @return this embedding
     * @throws dev.vtsne.optimize.DivergenceException when the learning rate throws the points out
     *         of the float range; the coordinates are then not usable
     */
    public Embedding optimize(int iterations, IterationListener listener) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        int n = size();
        double eta = options.learningRateFor(n);
        long start = System.nanoTime();
        long before = optimizeNanos;
        int end = iterationsDone + iterations;
        boolean go = true;
        while (iterationsDone < end && go && !cancellation.isCancelled()) {
            int it = iterationsDone;
            double alpha = it < options.exaggerationIterations() ? options.exaggeration() : 1.0;
            double momentum = it < options.momentumSwitchIteration() ? options.initialMomentum() : options.finalMomentum();
            try {
                descent.step(alpha, momentum, eta, options.minGain());
            } catch (java.util.concurrent.CancellationException stopped) {
                break; // cancelled inside the gradient, before the update: y is as of the last iteration
            }
            iterationsDone++;
            boolean due = (options.klEvery() > 0 && iterationsDone % options.klEvery() == 0) || iterationsDone == end;
            double kl = Double.NaN;
            optimizeNanos = before + (System.nanoTime() - start);
            if (due) {
                long k0 = System.nanoTime();
                try {
                    kl = descent.klDivergence();
                } catch (java.util.concurrent.CancellationException stopped) {
                    break; // the iteration is done; only its KL is missing
                }
                klNanos += System.nanoTime() - k0;
                optimizeNanos = before + (System.nanoTime() - start);
                history.add(new KlRecord(iterationsDone, kl, optimizeNanos));
            }
            if (listener != null) {
                go = listener.onIteration(iterationsDone, kl, optimizeNanos);
            }
        }
        return this;
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
        float[][] y = descent.coordinates();
        float[][] copy = new float[y.length][];
        for (int a = 0; a < y.length; a++) {
            copy[a] = y[a].clone();
        }
        return copy;
    }

    /** A copy of the coordinates as row-major n × dimensions (what files and plots want). */
    public float[] rowMajor() {
        float[][] y = descent.coordinates();
        int n = size(), dims = y.length;
        float[] out = new float[n * dims];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                out[i * dims + a] = y[a][i];
            }
        }
        return out;
    }

    /** The KL history, oldest first (see {@link TsneOptions#klEvery()} for what each method reports). */
    public List<KlRecord> klHistory() {
        return Collections.unmodifiableList(history);
    }

    /** The last computed KL, or NaN when none was. */
    public double lastKl() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).kl();
    }

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
        return new PhaseTimes(pcaNanos, neighbourNanos, affinityNanos, f.attractionNanos(), f.repulsionNanos(),
                descent.gradientNanos(), descent.updateNanos(), klNanos);
    }

    /** Time spent on affinities (calibration and symmetrization). */
    public long affinityNanos() {
        return affinityNanos;
    }

    /** Time spent optimizing, including KL evaluations. */
    public long optimizeNanos() {
        return optimizeNanos;
    }
}
