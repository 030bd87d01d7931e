package dev.vtsne;

/**
 * Validated settings of a run. Build with {@link #builder()}; every setter checks its value and
 * says which is wrong and what is allowed. Defaults are the standard schedule shared with
 * bhtsne, FIt-SNE and openTSNE: perplexity 30, 750 iterations, early exaggeration 12 for 250
 * iterations, momentum 0.5 then 0.8 from iteration 250, learning rate max(200, n/12).
 *
 * @param objective          t-SNE or SNE
 * @param dimensions         output axes, 2 or 3
 * @param perplexity         effective number of neighbours, &gt; 0
 * @param iterations         total gradient steps, &ge; 0
 * @param learningRate       step size η, or {@code NaN} for "auto": max(200, n/12) for t-SNE,
 *                           1/12 for SNE (see {@link #learningRateFor})
 * @param exaggeration       early exaggeration factor α, &ge; 1
 * @param exaggerationIterations iterations that use α
 * @param initialMomentum    momentum before {@code momentumSwitchIteration}
 * @param finalMomentum      momentum from {@code momentumSwitchIteration}
 * @param momentumSwitchIteration iteration at which momentum switches
 * @param minGain            floor of the per-coordinate gains
 * @param klEvery            compute the KL every this many iterations (and at the end); 0 = only at the end.
 *                           Exact for the exact method; bh and fft use their kNN P and their own Z
 * @param initialization     PCA or random
 * @param seed               seed for every random choice
 * @param threads            worker threads, &ge; 1; results do not depend on it
 * @param method             how the repulsion is computed ({@link Method}); AUTO picks by size
 * @param theta              Barnes-Hut accuracy: a cell is summarized when its width over its
 *                           distance is below θ (0 = exact, default 0.5)
 * @param pcaComponents      project the input on this many principal components first
 *                           (randomized PCA); 0 = use the input as it is
 */
public record TsneOptions(
        Objective objective,
        int dimensions,
        double perplexity,
        int iterations,
        double learningRate,
        double exaggeration,
        int exaggerationIterations,
        double initialMomentum,
        double finalMomentum,
        int momentumSwitchIteration,
        double minGain,
        int klEvery,
        Initialization initialization,
        long seed,
        int threads,
        Method method,
        double theta,
        int pcaComponents) {

    public TsneOptions {
        if (objective == null) {
            throw new IllegalArgumentException("objective must be tsne or sne, got null");
        }
        if (dimensions != 2 && dimensions != 3) {
            throw new IllegalArgumentException("dimensions must be 2 or 3, got " + dimensions);
        }
        if (!(perplexity > 0) || !Double.isFinite(perplexity)) {
            throw new IllegalArgumentException("perplexity must be a finite number > 0, got " + perplexity);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0 (or auto), got " + learningRate);
        }
        if (!(exaggeration >= 1) || !Double.isFinite(exaggeration)) {
            throw new IllegalArgumentException("exaggeration must be a finite number >= 1, got " + exaggeration);
        }
        if (exaggerationIterations < 0) {
            throw new IllegalArgumentException("exaggeration iterations must be >= 0, got " + exaggerationIterations);
        }
        if (!(initialMomentum >= 0 && initialMomentum < 1) || !(finalMomentum >= 0 && finalMomentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + initialMomentum + " and " + finalMomentum);
        }
        if (momentumSwitchIteration < 0) {
            throw new IllegalArgumentException("momentum switch iteration must be >= 0, got " + momentumSwitchIteration);
        }
        if (!(minGain > 0 && minGain <= 1)) {
            throw new IllegalArgumentException("minimum gain must be in (0, 1], got " + minGain);
        }
        if (klEvery < 0) {
            throw new IllegalArgumentException("KL interval must be >= 0, got " + klEvery);
        }
        if (initialization == null) {
            throw new IllegalArgumentException("initialization must be pca or random, got null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must be auto, exact, bh or fft, got null");
        }
        if (objective == Objective.SNE && method != Method.AUTO && method != Method.EXACT) {
            throw new IllegalArgumentException("SNE has only the exact method; use method exact (or auto), or objective tsne for "
                    + method.label());
        }
        if (method == Method.FFT && dimensions != 2) {
            throw new IllegalArgumentException("the FFT method embeds in 2 dimensions only (its grid grows cubically in 3-D); use method bh for "
                    + dimensions + "-D maps");
        }
        if (!(theta >= 0) || !Double.isFinite(theta)) {
            throw new IllegalArgumentException("theta must be a finite number >= 0, got " + theta);
        }
        if (pcaComponents < 0) {
            throw new IllegalArgumentException("PCA components must be >= 0 (0 = no PCA), got " + pcaComponents);
        }
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, on all available processors. */
    public static TsneOptions defaults() {
        return builder().build();
    }

    /**
     * The learning rate this run uses for {@code n} points: the given one, or "auto", in the
     * convention of bhtsne, FIt-SNE and openTSNE (η multiplies a quarter of the gradient; see
     * {@link dev.vtsne.optimize.GradientDescent}; scikit-learn's η is 4 times this). For t-SNE
     * auto is max(200, n/12). SNE's cost sums n per-point divergences, so its gradient is about
     * n times t-SNE's, and the Gaussian kernel is stiffer than the Student-t: auto for SNE is
     * (n/12) / n = 1/12 whatever n. Measured (in this convention): on the digits (n = 1,797) SNE
     * diverged under early exaggeration at 0.44 and was stable at 0.11; on 120 clustered points
     * it diverged at 0.8 and was stable at 0.2.
     */
    public double learningRateFor(int n) {
        if (!Double.isNaN(learningRate)) {
            return learningRate;
        }
        return objective == Objective.SNE ? SNE_AUTO_LEARNING_RATE : Math.max(200.0, n / 12.0);
    }

    /** The "auto" learning rate of SNE. */
    public static final double SNE_AUTO_LEARNING_RATE = 1.0 / 12.0;

    /** The concrete method for n points (see {@link Method#resolve}). */
    public Method methodFor(int n) {
        return method.resolve(n, dimensions, objective);
    }

    /**
     * Neighbours per point for the kNN affinities: min(n - 1, ⌊3·perplexity⌋), and at least 1. A
     * perplexity below 1/3 (which 2 or 3 points allow) would otherwise give no neighbour at all;
     * with one, the row's affinity goes whole to the nearest point, as the exact method's does
     * (no distribution has a perplexity below 1, so calibration sharpens the row as far as it goes).
     */
    public int neighboursFor(int n) {
        return (int) Math.max(1, Math.min(n - 1L, (long) Math.floor(3 * perplexity)));
    }

    /** The largest perplexity n points allow: (n - 1) / 3, as bhtsne requires n - 1 &ge; 3·perplexity. */
    public static double maxPerplexityFor(int n) {
        return (n - 1) / 3.0;
    }

    /**
     * The fewest points {@code perplexity} allows, ⌈3·perplexity⌉ + 1, the converse of
     * {@link #maxPerplexityFor}; a double, as a huge perplexity needs more points than a long counts.
     */
    public static double minPointsFor(double perplexity) {
        return Math.ceil(3 * perplexity) + 1;
    }

    /** Builder with the standard defaults; {@link #build()} validates. */
    public static final class Builder {
        private Objective objective = Objective.TSNE;
        private int dimensions = 2;
        private double perplexity = 30;
        private int iterations = 750;
        private double learningRate = Double.NaN;
        private double exaggeration = 12;
        private int exaggerationIterations = 250;
        private double initialMomentum = 0.5;
        private double finalMomentum = 0.8;
        private int momentumSwitchIteration = 250;
        private double minGain = 0.01;
        private int klEvery = 50;
        private Initialization initialization = Initialization.PCA;
        private long seed = 42;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Method method = Method.AUTO;
        private double theta = 0.5;
        private int pcaComponents = 0;

        private Builder() {}

        /** The cost: t-SNE (default) or SNE. */
        public Builder objective(Objective v) { objective = v; return this; }
        /** Output axes, 2 (default) or 3. */
        public Builder dimensions(int v) { dimensions = v; return this; }
        /** Effective number of neighbours, &gt; 0 (default 30). */
        public Builder perplexity(double v) { perplexity = v; return this; }
        /** Gradient steps that {@link TSne#fit} runs, &ge; 0 (default 750). */
        public Builder iterations(int v) { iterations = v; return this; }
        /** A fixed learning rate; {@code Double.NaN} restores "auto". */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** Early exaggeration factor, &ge; 1 (default 12). */
        public Builder exaggeration(double v) { exaggeration = v; return this; }
        /** Iterations that use the exaggeration (default 250). */
        public Builder exaggerationIterations(int v) { exaggerationIterations = v; return this; }
        /** Momentum before the switch iteration, in [0, 1) (default 0.5). */
        public Builder initialMomentum(double v) { initialMomentum = v; return this; }
        /** Momentum from the switch iteration on, in [0, 1) (default 0.8). */
        public Builder finalMomentum(double v) { finalMomentum = v; return this; }
        /** Iteration at which the momentum switches (default 250). */
        public Builder momentumSwitchIteration(int v) { momentumSwitchIteration = v; return this; }
        /** Floor of the per-coordinate gains, in (0, 1] (default 0.01). */
        public Builder minGain(double v) { minGain = v; return this; }
        /** Compute the KL every this many iterations and at the end; 0 = only at the end (default 50). */
        public Builder klEvery(int v) { klEvery = v; return this; }
        /** How the map starts: PCA (default) or random. */
        public Builder initialization(Initialization v) { initialization = v; return this; }
        /** Seed of every random choice (default 42); the same seed gives the same bits. */
        public Builder seed(long v) { seed = v; return this; }
        /** Worker threads, &ge; 1 (default: all processors); results do not depend on it. */
        public Builder threads(int v) { threads = v; return this; }
        /** How the repulsion is computed (default {@link Method#AUTO}). */
        public Builder method(Method v) { method = v; return this; }
        /** Barnes-Hut accuracy, &ge; 0 (default 0.5; 0 = exact sums). */
        public Builder theta(double v) { theta = v; return this; }
        /** Project the input on this many principal components first; 0 = off (default). */
        public Builder pcaComponents(int v) { pcaComponents = v; return this; }

        /**
         * The validated options.
         *
         * @throws IllegalArgumentException naming the value that is wrong and what is allowed
         */
        public TsneOptions build() {
            return new TsneOptions(objective, dimensions, perplexity, iterations, learningRate, exaggeration,
                    exaggerationIterations, initialMomentum, finalMomentum, momentumSwitchIteration, minGain,
                    klEvery, initialization, seed, threads, method, theta, pcaComponents);
        }
    }
}
