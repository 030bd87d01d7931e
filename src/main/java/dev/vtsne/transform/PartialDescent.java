package dev.vtsne.transform;

import dev.vtsne.DivergenceException;
import dev.vtsne.simd.GainRule;

/**
 * Moves one new point against a fixed reference map, openTSNE's {@code gradient_descent} with a
 * reference embedding: momentum and per-coordinate gains, the force f of
 * {@link ReferenceForces} clipped to norm {@code maxGradientNorm} (openTSNE's
 * {@code max_grad_norm}: f ← f · max / (|f| + 1e-6) when that factor is below 1), the update
 * u ← μ u − η · gain ⊙ f, y ← y + u, and no re-centring (the reference frame stays put). Two
 * phases, as openTSNE's transform runs them: {@code earlyIterations} at {@code earlyExaggeration}
 * and {@code initialMomentum}, then {@code iterations} at {@code exaggeration} and
 * {@code finalMomentum}; the momentum term restarts at 0 with each phase and the gains carry over.
 *
 * <p>Gains follow {@link GainRule}, as in {@link dev.vtsne.optimize.GradientDescent} (bhtsne's
 * rule); openTSNE's transform rule is ×0.8 + minGain, which differs by at most minGain per step. State is float, like the main
 * optimizer's.
 *
 * @param learningRate       η, multiplying f (a quarter of the t-SNE gradient)
 * @param earlyExaggeration  α of the first phase
 * @param earlyIterations    steps of the first phase
 * @param exaggeration       α of the second phase
 * @param iterations         steps of the second phase
 * @param initialMomentum    μ of the first phase
 * @param finalMomentum      μ of the second phase
 * @param maxGradientNorm    clip |f| to this (infinity: no clipping)
 * @param minGain            floor of the gains
 */
public record PartialDescent(double learningRate, double earlyExaggeration, int earlyIterations, double exaggeration,
                             int iterations, double initialMomentum, double finalMomentum, double maxGradientNorm,
                             double minGain) {

    /**
     * Runs both phases for the point at {@code y} (updated in place), attracted by reference rows
     * {@code cols[0..count-1]} with affinities {@code p}.
     *
     * @throws DivergenceException when the point leaves the float range
     */
    public void run(ReferenceForces forces, float[] y, int[] cols, float[] p, int count) {
        int dims = y.length;
        float[] update = new float[dims];
        float[] gains = new float[dims];
        java.util.Arrays.fill(gains, 1f);
        double[] f = new double[dims];
        phase(forces, y, cols, p, count, earlyExaggeration, initialMomentum, earlyIterations, update, gains, f);
        java.util.Arrays.fill(update, 0f);
        phase(forces, y, cols, p, count, exaggeration, finalMomentum, iterations, update, gains, f);
    }

    private void phase(ReferenceForces forces, float[] y, int[] cols, float[] p, int count, double alpha, double momentum,
                       int steps, float[] update, float[] gains, double[] f) {
        int dims = y.length;
        float mom = (float) momentum, eta = (float) learningRate, floor = (float) minGain;
        for (int it = 0; it < steps; it++) {
            forces.force(y, cols, p, count, alpha, f);
            double norm = 0;
            for (int a = 0; a < dims; a++) {
                norm += f[a] * f[a];
            }
            double coeff = maxGradientNorm / (Math.sqrt(norm) + 1e-6);
            if (coeff < 1) {
                for (int a = 0; a < dims; a++) {
                    f[a] *= coeff;
                }
            }
            for (int a = 0; a < dims; a++) {
                float fa = (float) f[a];
                float g = GainRule.next(gains[a], fa, update[a], floor);
                gains[a] = g;
                float u = mom * update[a] - eta * g * fa;
                update[a] = u;
                y[a] += u;
                if (!Float.isFinite(y[a])) {
                    throw new DivergenceException(learningRate);
                }
            }
        }
    }
}
