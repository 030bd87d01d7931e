package dev.vtsne;

/**
 * One phase of the optimization with constant settings, for
 * {@link Embedding#optimize(OptimizeStep, IterationListener)}: phases chain, each continuing
 * from the optimizer state (gains and update) the last one left, as openTSNE's
 * {@code TSNEEmbedding.optimize} does. The standard schedule is two phases:
 *
 * <pre>{@code
 * e.optimize(OptimizeStep.builder(250).exaggeration(12).momentum(0.5).build(), null);
 * e.optimize(OptimizeStep.builder(500).momentum(0.8).build(), null);
 * }</pre>
 *
 * @param iterations   gradient steps, &ge; 0
 * @param exaggeration the factor α the affinities are multiplied by, finite and &gt; 0 (1 = none)
 * @param momentum     in [0, 1)
 * @param learningRate step size η, finite and &gt; 0, or {@code NaN} for the embedding's
 *                     options' rate ("auto": max(200, n/12) for t-SNE; see
 *                     {@link TsneOptions#learningRateFor})
 * @param maxStepNorm  each point's step u_i (its update vector over the axes) is shortened to
 *                     this length when longer, before the point moves, and kept so for the
 *                     momentum of the next step (openTSNE's and FIt-SNE's {@code max_step_norm});
 *                     &gt; 0, {@code +Infinity} for no limit
 * @param minGain      floor of the per-coordinate gains, in (0, 1]
 */
public record OptimizeStep(int iterations, double exaggeration, double momentum, double learningRate, double maxStepNorm,
                           double minGain) {

    public OptimizeStep {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (!(exaggeration > 0) || !Double.isFinite(exaggeration)) {
            throw new IllegalArgumentException("exaggeration must be a finite number > 0 (1 = none), got " + exaggeration);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0 (or NaN for auto), got " + learningRate);
        }
        if (!(maxStepNorm > 0)) {
            throw new IllegalArgumentException("max step norm must be > 0 (+Infinity for no limit), got " + maxStepNorm);
        }
        if (!(minGain > 0 && minGain <= 1)) {
            throw new IllegalArgumentException("minimum gain must be in (0, 1], got " + minGain);
        }
    }

    /**
     * A builder for {@code iterations} steps, with exaggeration 1, momentum 0.8, the auto learning
     * rate, no step limit and minimum gain 0.01: the standard schedule's phase after the
     * exaggeration.
     */
    public static Builder builder(int iterations) {
        return new Builder(iterations);
    }

    /** The learning rate for n points under {@code options}: this one, or the options' (auto). */
    double learningRateFor(TsneOptions options, int n) {
        return Double.isNaN(learningRate) ? options.learningRateFor(n) : learningRate;
    }

    /** Builder with the defaults of {@link #builder(int)}; {@link #build()} validates. */
    public static final class Builder {
        private final int iterations;
        private double exaggeration = 1;
        private double momentum = 0.8;
        private double learningRate = Double.NaN;
        private double maxStepNorm = Double.POSITIVE_INFINITY;
        private double minGain = 0.01;

        private Builder(int iterations) {
            this.iterations = iterations;
        }

        /** The factor α the affinities are multiplied by, &gt; 0 (default 1, none). */
        public Builder exaggeration(double v) { exaggeration = v; return this; }
        /** Momentum, in [0, 1) (default 0.8). */
        public Builder momentum(double v) { momentum = v; return this; }
        /** A fixed learning rate; {@code Double.NaN} (default) is the embedding's options' rate. */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** The longest step a point may take, &gt; 0 (default {@code +Infinity}, no limit; openTSNE uses 5). */
        public Builder maxStepNorm(double v) { maxStepNorm = v; return this; }
        /** Floor of the per-coordinate gains, in (0, 1] (default 0.01). */
        public Builder minGain(double v) { minGain = v; return this; }

        /**
         * The validated step.
         *
         * @throws IllegalArgumentException naming the value that is wrong and what is allowed
         */
        public OptimizeStep build() {
            return new OptimizeStep(iterations, exaggeration, momentum, learningRate, maxStepNorm, minGain);
        }
    }
}
