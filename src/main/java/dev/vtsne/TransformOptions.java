package dev.vtsne;

/**
 * Validated settings of an out-of-sample embedding ({@link ReferenceMap#transform}). Build with
 * {@link #builder()}; every value is checked and a wrong one is named with what is allowed.
 *
 * <p>The defaults are those of openTSNE's {@code TSNEEmbedding.transform} (openTSNE 1.0):
 * perplexity 5, initialization at the median of the k = 25 nearest reference points' map
 * positions, learning rate 0.1, no early-exaggeration phase (0 iterations; would use
 * exaggeration 4 and momentum 0.5), then 250 iterations at exaggeration 1.5 and momentum 0.8,
 * every new point's gradient clipped to norm 0.25. The learning rate and the gradient norm are in
 * the convention of openTSNE, bhtsne and {@link dev.vtsne.optimize.GradientDescent}: the step is
 * η times a quarter of the t-SNE gradient, so η = 0.1 takes openTSNE's steps. One difference:
 * openTSNE documents k = 25 for the median start but queries only ⌊3·perplexity⌋ neighbours
 * (15 at perplexity 5), so its median is in effect over 15; here the search returns
 * max(k, ⌊3·perplexity⌋) neighbours, the affinities use the ⌊3·perplexity⌋ nearest and the median
 * the k nearest, as documented (digits split, 10-NN accuracy after 250 steps: 0.980 with a
 * median over 15, 0.982 over 25).
 *
 * @param perplexity              effective number of reference neighbours of each new point, &gt; 0;
 *                                its affinities are calibrated over the ⌊3·perplexity⌋ nearest reference points
 * @param initNeighbours          k: the initial position is the median (or weighted mean) of the
 *                                map positions of this many nearest reference points, &ge; 1
 * @param initialization          {@link TransformInitialization#MEDIAN} or {@link TransformInitialization#WEIGHTED}
 * @param learningRate            step size η, &gt; 0
 * @param earlyExaggeration       exaggeration of the first phase, &ge; 1
 * @param earlyExaggerationIterations iterations of the first phase (momentum {@code initialMomentum}), &ge; 0
 * @param exaggeration            exaggeration of the second phase, &ge; 1
 * @param iterations              iterations of the second phase (momentum {@code finalMomentum}), &ge; 0
 * @param initialMomentum         momentum of the first phase, in [0, 1)
 * @param finalMomentum           momentum of the second phase, in [0, 1)
 * @param maxGradientNorm         each new point's gradient (a quarter of the t-SNE gradient, as
 *                                openTSNE computes it) is scaled down to this norm when longer; &gt; 0,
 *                                or infinity for no clipping
 * @param minGain                 floor of the per-coordinate gains, in (0, 1]
 * @param threads                 worker threads, &ge; 1; the result does not depend on it
 */
public record TransformOptions(
        double perplexity,
        int initNeighbours,
        TransformInitialization initialization,
        double learningRate,
        double earlyExaggeration,
        int earlyExaggerationIterations,
        double exaggeration,
        int iterations,
        double initialMomentum,
        double finalMomentum,
        double maxGradientNorm,
        double minGain,
        int threads) {

    /** Where a new point starts: at its nearest reference points' map positions. */
    public enum TransformInitialization {
        /** The coordinate-wise median of the k nearest reference points' map positions (openTSNE's default). */
        MEDIAN,
        /**
         * Their mean weighted by the new point's calibrated affinities p_j|i (over the ⌊3·perplexity⌋
         * nearest; openTSNE's "weighted" weights by distance instead, which favours the farther points).
         */
        WEIGHTED
    }

    public TransformOptions {
        if (!(perplexity > 0) || !Double.isFinite(perplexity)) {
            throw new IllegalArgumentException("transform perplexity must be a finite number > 0, got " + perplexity);
        }
        if (initNeighbours < 1) {
            throw new IllegalArgumentException("neighbours for the initial position must be >= 1, got " + initNeighbours);
        }
        if (initialization == null) {
            throw new IllegalArgumentException("transform initialization must be median or weighted, got null");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("transform learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(earlyExaggeration >= 1) || !Double.isFinite(earlyExaggeration)) {
            throw new IllegalArgumentException("transform early exaggeration must be a finite number >= 1, got " + earlyExaggeration);
        }
        if (!(exaggeration >= 1) || !Double.isFinite(exaggeration)) {
            throw new IllegalArgumentException("transform exaggeration must be a finite number >= 1, got " + exaggeration);
        }
        if (earlyExaggerationIterations < 0) {
            throw new IllegalArgumentException("transform early exaggeration iterations must be >= 0, got " + earlyExaggerationIterations);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("transform iterations must be >= 0, got " + iterations);
        }
        if (!(initialMomentum >= 0 && initialMomentum < 1) || !(finalMomentum >= 0 && finalMomentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + initialMomentum + " and " + finalMomentum);
        }
        if (!(maxGradientNorm > 0)) {
            throw new IllegalArgumentException("maximum gradient norm must be > 0 (infinity = no clipping), got " + maxGradientNorm);
        }
        if (!(minGain > 0 && minGain <= 1)) {
            throw new IllegalArgumentException("minimum gain must be in (0, 1], got " + minGain);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** A builder holding openTSNE's transform defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, on all available processors. */
    public static TransformOptions defaults() {
        return builder().build();
    }

    /** Reference neighbours the affinities of a new point are calibrated over: ⌊3·perplexity⌋, at least 1. */
    public int affinityNeighbours() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(3 * perplexity)));
    }

    /** Total iterations: the early phase and the main phase. */
    public int totalIterations() {
        return earlyExaggerationIterations + iterations;
    }

    /** Builder with openTSNE's transform defaults; {@link #build()} validates. */
    public static final class Builder {
        private double perplexity = 5;
        private int initNeighbours = 25;
        private TransformInitialization initialization = TransformInitialization.MEDIAN;
        private double learningRate = 0.1;
        private double earlyExaggeration = 4;
        private int earlyExaggerationIterations = 0;
        private double exaggeration = 1.5;
        private int iterations = 250;
        private double initialMomentum = 0.5;
        private double finalMomentum = 0.8;
        private double maxGradientNorm = 0.25;
        private double minGain = 0.01;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /** Sets {@link TransformOptions#perplexity()}, checked by {@link #build()}. */
        public Builder perplexity(double v) { perplexity = v; return this; }
        /** Sets {@link TransformOptions#initNeighbours()}, checked by {@link #build()}. */
        public Builder initNeighbours(int v) { initNeighbours = v; return this; }
        /** Sets {@link TransformOptions#initialization()}, checked by {@link #build()}. */
        public Builder initialization(TransformInitialization v) { initialization = v; return this; }
        /** Sets {@link TransformOptions#learningRate()}, checked by {@link #build()}. */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** Sets {@link TransformOptions#earlyExaggeration()}, checked by {@link #build()}. */
        public Builder earlyExaggeration(double v) { earlyExaggeration = v; return this; }
        /** Sets {@link TransformOptions#earlyExaggerationIterations()}, checked by {@link #build()}. */
        public Builder earlyExaggerationIterations(int v) { earlyExaggerationIterations = v; return this; }
        /** Sets {@link TransformOptions#exaggeration()}, checked by {@link #build()}. */
        public Builder exaggeration(double v) { exaggeration = v; return this; }
        /** Sets {@link TransformOptions#iterations()}, checked by {@link #build()}. */
        public Builder iterations(int v) { iterations = v; return this; }
        /** Sets {@link TransformOptions#initialMomentum()}, checked by {@link #build()}. */
        public Builder initialMomentum(double v) { initialMomentum = v; return this; }
        /** Sets {@link TransformOptions#finalMomentum()}, checked by {@link #build()}. */
        public Builder finalMomentum(double v) { finalMomentum = v; return this; }
        /** Sets {@link TransformOptions#maxGradientNorm()}, checked by {@link #build()}. */
        public Builder maxGradientNorm(double v) { maxGradientNorm = v; return this; }
        /** Sets {@link TransformOptions#minGain()}, checked by {@link #build()}. */
        public Builder minGain(double v) { minGain = v; return this; }
        /** Sets {@link TransformOptions#threads()}, checked by {@link #build()}. */
        public Builder threads(int v) { threads = v; return this; }

        /** The options, validated: throws IllegalArgumentException naming the first bad value. */
        public TransformOptions build() {
            return new TransformOptions(perplexity, initNeighbours, initialization, learningRate, earlyExaggeration,
                    earlyExaggerationIterations, exaggeration, iterations, initialMomentum, finalMomentum,
                    maxGradientNorm, minGain, threads);
        }
    }
}
