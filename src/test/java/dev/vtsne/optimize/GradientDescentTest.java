package dev.vtsne.optimize;

import dev.vtsne.DivergenceException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtsne.gradient.GradientFunction;
import dev.vtsne.simd.KernelSet;
import dev.vtsne.simd.StepKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two steps of the optimizer on three points against positions worked out here in double, from
 * the rule as the class documents it: the gain grows by 0.2 where the gradient's sign differs
 * from the previous update's and shrinks by ×0.8 where they agree (0 agrees only with 0), floored
 * at the minimum gain; u ← μ u − η · gain · (α g) / 4; y ← y + u; then each axis re-centred to mean 0.
 * The gradients are fixed numbers (scaled by the exaggeration the optimizer passes), chosen so that
 * each branch of the gain rule and the floor is taken. Also: the KL that a step returns, and the
 * divergence check.
 */
class GradientDescentTest {

    /** The objective's gradient at each call, before exaggeration; 3 points, 2 axes. */
    private static final double[][][] GRADIENTS = {
            {{0.02, -0.01, 0}, {-0.03, 0.005, 0.01}},
            {{0.01, 0.02, -0.04}, {-0.02, -0.01, 0.03}},
    };

    static Stream<StepKernels> kernels() {
        return Stream.of(KernelSet.preferred().step(), KernelSet.scalar().step());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void twoStepsMatchTheHandComputedUpdate(StepKernels kernels) {
        double[][] y = {{1, -2, 4}, {0.5, 3, -1}};
        FixedGradients objective = new FixedGradients(1.5);
        GradientDescent descent = new GradientDescent(objective, toFloat(y), kernels);

        double[][] update = new double[2][3], gains = {{1, 1, 1}, {1, 1, 1}};
        // step 1: exaggeration 12, momentum 0.5, η 200, floor 0.01, with the KL
        double kl = descent.step(12, 0.5, 200, 0.01, true);
        assertEquals(1.5, kl, "the KL the objective computed with the gradient");
        assertEquals(12.0, objective.exaggerations.get(0));
        step(y, update, gains, GRADIENTS[0], 12, 0.5, 200, 0.01);
        // after one step from u = 0: gain 1.2 where g != 0, 0.8 where g = 0 (0 agrees with 0)
        assertArrayEquals(new double[] {1.2, 1.2, 0.8}, gains[0], 0);
        assertPositions(y, descent.coordinates(), "after step 1");

        // step 2: no exaggeration, momentum 0.8, floor 1.0 (so the shrunk gains 0.96 are floored)
        assertTrue(Double.isNaN(descent.step(1, 0.8, 200, 1.0, false)), "no KL unless asked");
        assertEquals(1.0, objective.exaggerations.get(1));
        assertPositions(y, objective.seen.get(1), "the second gradient is taken at the re-centred first step");
        step(y, update, gains, GRADIENTS[1], 1, 0.8, 200, 1.0);
        // axis 0: g = (+,+,-) after u = (-,+,0): differs, agrees (0.96 floored to 1), differs from 0
        assertArrayEquals(new double[] {1.4, 1.0, 1.0}, gains[0], 1e-12);
        assertPositions(y, descent.coordinates(), "after step 2");
        for (float[] axis : descent.coordinates()) {
            assertEquals(0, axis[0] + axis[1] + axis[2], 1e-5, "re-centred");
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void nonFiniteCoordinatesThrowDivergence(StepKernels kernels) {
        GradientFunction nan = new FixedGradients(0) {
            @Override
            public void gradient(float[][] y, double exaggeration, float[][] grad) {
                super.gradient(y, exaggeration, grad);
                grad[1][2] = Float.NaN;
            }
        };
        GradientDescent descent = new GradientDescent(nan, toFloat(new double[][] {{1, -2, 4}, {0.5, 3, -1}}), kernels);
        DivergenceException e = assertThrows(DivergenceException.class, () -> descent.step(1, 0.5, 200, 0.01));
        assertTrue(e.getMessage().contains("200"), e.getMessage());
    }

    /** The hand-written step, in double: gains, momentum, a quarter of the exaggerated gradient, re-centring. */
    private static void step(double[][] y, double[][] update, double[][] gains, double[][] g, double alpha,
                             double momentum, double eta, double minGain) {
        for (int a = 0; a < 2; a++) {
            double mean = 0;
            for (int i = 0; i < 3; i++) {
                double d = alpha * g[a][i], u = update[a][i];
                boolean same = Math.signum(d) == Math.signum(u);
                gains[a][i] = Math.max(same ? gains[a][i] * 0.8 : gains[a][i] + 0.2, minGain);
                update[a][i] = momentum * u - eta * gains[a][i] * d / 4;
                y[a][i] += update[a][i];
                mean += y[a][i] / 3;
            }
            for (int i = 0; i < 3; i++) {
                y[a][i] -= mean;
            }
        }
    }

    private static void assertPositions(double[][] expected, float[][] actual, String when) {
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[a][i], actual[a][i], 1e-5 * (1 + Math.abs(expected[a][i])), when + ", axis " + a + " point " + i);
            }
        }
    }

    private static float[][] toFloat(double[][] y) {
        float[][] f = new float[y.length][y[0].length];
        for (int a = 0; a < y.length; a++) {
            for (int i = 0; i < y[a].length; i++) {
                f[a][i] = (float) y[a][i];
            }
        }
        return f;
    }

    /** Returns GRADIENTS[call] times the exaggeration, and records where and with what it was asked. */
    private static class FixedGradients implements GradientFunction {
        final List<Double> exaggerations = new ArrayList<>();
        final List<float[][]> seen = new ArrayList<>();
        private final double kl;

        FixedGradients(double kl) {
            this.kl = kl;
        }

        @Override
        public int size() {
            return 3;
        }

        @Override
        public void gradient(float[][] y, double exaggeration, float[][] grad) {
            double[][] g = GRADIENTS[seen.size()];
            seen.add(new float[][] {y[0].clone(), y[1].clone()});
            exaggerations.add(exaggeration);
            for (int a = 0; a < 2; a++) {
                for (int i = 0; i < 3; i++) {
                    grad[a][i] = (float) (exaggeration * g[a][i]);
                }
            }
        }

        @Override
        public double klDivergence(float[][] y) {
            return kl;
        }
    }
}
