package dev.vtsne.optimize;

import dev.vtsne.DivergenceException;
import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.simd.StepKernels;

/**
 * Gradient descent with momentum and per-coordinate gains (Jacobs 1988), the scheme of bhtsne,
 * FIt-SNE and openTSNE: the gains follow {@link dev.vtsne.simd.GainRule} (grow where the
 * gradient's sign differs from the previous update's, shrink where it agrees, floored at
 * {@code minGain}); u = μ u - η gain ⊙ g; optionally each point's u_i shortened to a maximum
 * length; y += u. After each step the embedding is re-centred to mean 0 (t-SNE's cost is
 * translation invariant; this keeps coordinates small and float precision high).
 *
 * <p>Learning-rate convention: the step is η times a quarter of the gradient, u = μ u - η gain ⊙
 * (g / 4), as in bhtsne, FIt-SNE and openTSNE, whose gradients leave out t-SNE's constant factor
 * 4, so that η = max(200, n/12) takes the same steps as theirs. scikit-learn keeps the 4, so its
 * learning rate is 4 times vtsne's (its "auto" divides by 4 for the same reason).
 *
 * <p>All state lives in SoA float arrays sized once (the step limit's copy of y on its first
 * use); a step allocates nothing.
 */
public final class GradientDescent {

    /** The step limit that means none: every update is taken whole. */
    public static final double NO_STEP_LIMIT = Double.POSITIVE_INFINITY;

    /** The learning rate multiplies this fraction of the gradient (see the class comment). */
    public static final double GRADIENT_SCALE = 0.25;

    private final GradientFunction objective;
    private final StepKernels kernels;
    private final float[][] y;
    private final float[][] update;
    private final float[][] gains;
    private final float[][] grad;
    private final int n;
    /** Where the current step started, kept only while steps are clipped. */
    private float[][] start = new float[0][];
    private long gradientNanos;
    private long updateNanos;

    /**
     * Descends {@code objective} from the start {@code y} (one array per axis, taken over, not
     * copied), each update on {@code kernels}.
     */
    public GradientDescent(GradientFunction objective, float[][] y, StepKernels kernels) {
        this.kernels = kernels;
        this.objective = objective;
        this.y = y;
        this.n = objective.size();
        int dims = y.length;
        this.update = new float[dims][n];
        this.gains = new float[dims][n];
        this.grad = new float[dims][n];
        for (float[] g : gains) {
            java.util.Arrays.fill(g, 1f);
        }
    }

    /** The coordinates being optimized (live, SoA). */
    public float[][] coordinates() {
        return y;
    }

    /** One step with the given exaggeration, momentum, learning rate and gain floor. */
    public void step(double exaggeration, double momentum, double learningRate, double minGain) {
        step(exaggeration, momentum, learningRate, minGain, NO_STEP_LIMIT, false);
    }

    /** {@link #step(double, double, double, double, double, boolean)} without a step limit. */
    public double step(double exaggeration, double momentum, double learningRate, double minGain, boolean withKl) {
        return step(exaggeration, momentum, learningRate, minGain, NO_STEP_LIMIT, withKl);
    }

    /**
     * One step; with {@code withKl}, also the KL of the map the step starts from, computed with
     * the gradient (sharing its Z where the objective can, see
     * {@link GradientFunction#gradientAndKl}). Each point's update vector u_i is shortened to
     * length {@code maxStepNorm} when longer ({@link #NO_STEP_LIMIT} for none), before the point
     * moves.
     *
     * @return that KL, or NaN without {@code withKl}
     */
    public double step(double exaggeration, double momentum, double learningRate, double minGain, double maxStepNorm, boolean withKl) {
        long t0 = System.nanoTime();
        double kl = Double.NaN;
        if (withKl) {
            kl = objective.gradientAndKl(y, exaggeration, grad);
        } else {
            objective.gradient(y, exaggeration, grad);
        }
        long t1 = System.nanoTime();
        gradientNanos += t1 - t0;
        float mom = (float) momentum, eta = (float) (learningRate * GRADIENT_SCALE), floor = (float) minGain;
        boolean clip = maxStepNorm != NO_STEP_LIMIT;
        if (clip) {
            keepStart();
        }
        for (int a = 0; a < y.length; a++) {
            // vectorized: the scalar loop took ~1.3 ms per step at 70k points (0.9-1 s a run)
            kernels.gainsStep(y[a], update[a], gains[a], grad[a], n, mom, eta, floor);
        }
        if (clip) {
            clipSteps(maxStepNorm);
        }
        for (float[] ya : y) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += ya[i];
            }
            if (!Double.isFinite(mean)) {
                throw new DivergenceException(learningRate);
            }
            float shift = (float) (mean / n);
            for (int i = 0; i < n; i++) {
                ya[i] -= shift;
            }
        }
        updateNanos += System.nanoTime() - t1;
        return kl;
    }

    /** Copies y before the kernel moves it, so that a clipped point can start again from there. */
    private void keepStart() {
        if (start.length != y.length) {
            start = new float[y.length][n];
        }
        for (int a = 0; a < y.length; a++) {
            System.arraycopy(y[a], 0, start[a], 0, n);
        }
    }

    /**
     * Shortens every update vector longer than {@code maxNorm} to that length (direction kept)
     * and moves its point from where the step started by the shortened vector instead, as
     * openTSNE and FIt-SNE do; the shortened update is what the next step's momentum sees. A
     * scalar pass after the vector kernel (run only when a limit is set): the kernel has moved
     * every point already, and the few clipped ones are moved again from {@link #start}.
     */
    private void clipSteps(double maxNorm) {
        int dims = y.length;
        for (int i = 0; i < n; i++) {
            double norm2 = 0;
            for (int a = 0; a < dims; a++) {
                double u = update[a][i];
                norm2 += u * u;
            }
            double norm = Math.sqrt(norm2);
            if (norm > maxNorm) {
                double shrink = maxNorm / norm;
                for (int a = 0; a < dims; a++) {
                    float u = (float) (update[a][i] * shrink);
                    update[a][i] = u;
                    y[a][i] = start[a][i] + u;
                }
            }
        }
    }

    /** The objective being descended. */
    public GradientFunction objective() {
        return objective;
    }

    /** Time spent computing gradients so far. */
    public long gradientNanos() {
        return gradientNanos;
    }

    /** Time spent applying updates (gains, momentum, re-centring) so far. */
    public long updateNanos() {
        return updateNanos;
    }

    /** Exact cost at the current coordinates. */
    public double klDivergence() {
        return objective.klDivergence(y);
    }
}
