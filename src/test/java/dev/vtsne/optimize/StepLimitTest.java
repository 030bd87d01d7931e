package dev.vtsne.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.simd.GainRule;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.StepKernels;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step limit (openTSNE's and FIt-SNE's max_step_norm): each point's update vector longer than
 * the limit is shortened to it, direction kept, before the point moves, and the next step's
 * momentum sees the shortened update. Held to a float twin written here, bit for bit, on the
 * vector and the scalar kernels; and every step measured on the map stays within the limit.
 */
class StepLimitTest {

    private static final int N = 64, DIMS = 2, STEPS = 6;
    private static final float LIMIT = 0.75f;

    static Stream<StepKernels> kernels() {
        return Stream.of(KernelSet.preferred().step(), KernelSet.scalar().step());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void clippedStepsMatchTheirTwinBitForBit(StepKernels kernels) {
        RandomGradients objective = new RandomGradients(11);
        float[][] y = start(3);
        GradientDescent descent = new GradientDescent(objective, copy(y), kernels);
        float[][] u = new float[DIMS][N], gains = new float[DIMS][N];
        for (float[] g : gains) {
            java.util.Arrays.fill(g, 1f);
        }
        int clipped = 0;
        for (int s = 0; s < STEPS; s++) {
            double momentum = s < 3 ? 0.5 : 0.8;
            descent.step(4, momentum, 200, 0.01, LIMIT, false);
            clipped += twinStep(y, u, gains, objective.last, (float) momentum, (float) (200 * GradientDescent.GRADIENT_SCALE), 0.01f, LIMIT);
            for (int a = 0; a < DIMS; a++) {
                assertArrayEquals(y[a], descent.coordinates()[a], "step " + s + ", axis " + a);
            }
        }
        assertTrue(clipped > STEPS * N / 4 && clipped < STEPS * N, "the limit must bind for some steps and not all: " + clipped);
    }

    /**
     * Points in mirrored pairs (y_2j+1 = -y_2j, opposite gradients) keep the mean at exactly 0,
     * so re-centring moves nothing and each point's move is its step: never longer than the limit,
     * and on the first step exactly the limit, along the unclipped step, where that was longer.
     */
    @ParameterizedTest
    @MethodSource("kernels")
    void everyStepIsAtMostTheLimit(StepKernels kernels) {
        float[][] y = start(5);
        for (int a = 0; a < DIMS; a++) {
            for (int i = 1; i < N; i += 2) {
                y[a][i] = -y[a][i - 1];
            }
        }
        RandomGradients objective = new RandomGradients(17).mirrored();
        GradientDescent limited = new GradientDescent(objective, copy(y), kernels);
        GradientDescent free = new GradientDescent(new RandomGradients(17).mirrored(), copy(y), kernels);
        free.step(4, 0.5, 200, 0.01, false);
        int longer = 0;
        for (int s = 0; s < STEPS; s++) {
            float[][] before = copy(limited.coordinates());
            limited.step(4, 0.5, 200, 0.01, LIMIT, false);
            float[][] after = limited.coordinates();
            for (int i = 0; i < N; i++) {
                double dx = after[0][i] - before[0][i], dy = after[1][i] - before[1][i];
                double moved = Math.hypot(dx, dy);
                assertTrue(moved <= LIMIT * (1 + 1e-5), "step " + s + ", point " + i + " moved " + moved);
                if (s == 0) {
                    double fx = free.coordinates()[0][i] - y[0][i], fy = free.coordinates()[1][i] - y[1][i];
                    double unclipped = Math.hypot(fx, fy);
                    if (unclipped > LIMIT) {
                        longer++;
                        assertEquals(LIMIT, moved, 1e-5, "point " + i + " shortened to the limit");
                        assertEquals(0, dx * fy - dy * fx, 1e-5 * unclipped, "point " + i + " keeps its direction");
                    } else {
                        assertEquals(unclipped, moved, 1e-6, "point " + i + " within the limit moves freely");
                    }
                }
            }
        }
        assertTrue(longer > 0 && longer < N, "the first step must be too long for some points only: " + longer);
    }

    /**
     * The documented step in float, as the kernel computes it, then the limit in double and the
     * move from the start; returns how many points were shortened.
     */
    private static int twinStep(float[][] y, float[][] u, float[][] gains, float[][] g, float momentum, float eta, float minGain,
                                double limit) {
        float[][] start = copy(y);
        for (int a = 0; a < DIMS; a++) {
            for (int i = 0; i < N; i++) {
                gains[a][i] = GainRule.next(gains[a][i], g[a][i], u[a][i], minGain);
                u[a][i] = momentum * u[a][i] - eta * gains[a][i] * g[a][i];
            }
        }
        int clipped = 0;
        for (int i = 0; i < N; i++) {
            double norm = Math.sqrt((double) u[0][i] * u[0][i] + (double) u[1][i] * u[1][i]);
            if (norm > limit) {
                clipped++;
                for (int a = 0; a < DIMS; a++) {
                    u[a][i] = (float) (u[a][i] * (limit / norm));
                }
            }
            for (int a = 0; a < DIMS; a++) {
                y[a][i] = start[a][i] + u[a][i];
            }
        }
        for (float[] ya : y) {
            double mean = 0;
            for (float v : ya) {
                mean += v;
            }
            float shift = (float) (mean / N);
            for (int i = 0; i < N; i++) {
                ya[i] -= shift;
            }
        }
        return clipped;
    }

    private static float[][] start(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] y = new float[DIMS][N];
        for (float[] axis : y) {
            for (int i = 0; i < N; i++) {
                axis[i] = (float) r.nextGaussian();
            }
        }
        return y;
    }

    private static float[][] copy(float[][] y) {
        return new float[][] {y[0].clone(), y[1].clone()};
    }

    /** Seeded gradients of mixed magnitudes (so some steps are long, some short), times the exaggeration. */
    private static final class RandomGradients implements GradientFunction {
        private final SplittableRandom random;
        private boolean mirrored;
        float[][] last;

        RandomGradients(long seed) {
            random = new SplittableRandom(seed);
        }

        /** Point 2j+1's gradient is minus point 2j's. */
        RandomGradients mirrored() {
            mirrored = true;
            return this;
        }

        @Override
        public int size() {
            return N;
        }

        @Override
        public void gradient(float[][] y, double exaggeration, float[][] grad) {
            for (int i = 0; i < N; i++) {
                double scale = random.nextDouble() < 0.5 ? 0.001 : 0.02;
                for (int a = 0; a < DIMS; a++) {
                    grad[a][i] = mirrored && i % 2 == 1 ? -grad[a][i - 1] : (float) (exaggeration * scale * random.nextGaussian());
                }
            }
            last = copy(grad);
        }

        @Override
        public double klDivergence(float[][] y) {
            return 0;
        }
    }
}
