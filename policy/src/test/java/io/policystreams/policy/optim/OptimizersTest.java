package io.policystreams.policy.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizersTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void sgdStepsAgainstTheGradient() {
        double[] theta = {1.0, -2.0};
        new Sgd(0.1).step(theta, new double[] {3.0, -1.0});

        assertArrayEquals(new double[] {0.7, -1.9}, theta, TOLERANCE);
    }

    @Test
    void adamFirstStepMovesEachParameterByTheLearningRate() {
        // t = 1: m̂ = g, v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g)
        double[] theta = {0.0, 0.0, 5.0};
        new Adam(0.01, 3).step(theta, new double[] {4.0, -0.001, 0.0});

        assertArrayEquals(new double[] {-0.01 * 4.0 / (4.0 + 1e-8), 0.01 * 0.001 / (0.001 + 1e-8), 5.0},
                theta, TOLERANCE);
    }

    @Test
    void adamMinimisesAnIllConditionedQuadratic() {
        // L = ½(100 x² + y²), minimum at the origin
        double[] theta = {1.0, 1.0};
        Adam adam = new Adam(0.05, 2);
        for (int i = 0; i < 2000; i++) {
            adam.step(theta, new double[] {100 * theta[0], theta[1]});
        }
        assertArrayEquals(new double[] {0.0, 0.0}, theta, 1e-3);
        assertEquals(2000, adam.stepCount());
    }

    @Test
    void restoredAdamContinuesBitForBit() {
        double[] original = {0.5, -0.5, 2.0};
        Adam adam = new Adam(0.01, 3);
        adam.step(original, new double[] {1, 2, 3});
        adam.step(original, new double[] {-1, 0.5, 2});
        double[] copy = original.clone();
        Adam restored = Adam.restore(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon(),
                adam.firstMoment(), adam.secondMoment(), adam.stepCount());

        adam.step(original, new double[] {0.3, -0.2, 0.1});
        restored.step(copy, new double[] {0.3, -0.2, 0.1});

        assertArrayEquals(original, copy, 0.0);
    }

    @Test
    void clippingScalesAllGradientsTogetherToTheMaximumNorm() {
        double[] policyGrad = {3.0, 0.0};
        double[] valueGrad = {4.0};
        double norm = GradientClipping.clipByGlobalNorm(1.0, policyGrad, valueGrad);

        assertEquals(5.0, norm, TOLERANCE);
        assertArrayEquals(new double[] {0.6, 0.0}, policyGrad, TOLERANCE);
        assertArrayEquals(new double[] {0.8}, valueGrad, TOLERANCE);
        assertEquals(1.0, GradientClipping.globalNorm(policyGrad, valueGrad), TOLERANCE);
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        double[] grad = {0.3, 0.4};
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(1.0, grad), TOLERANCE);
        assertArrayEquals(new double[] {0.3, 0.4}, grad, 0.0);
    }

    @Test
    void globalNormNeitherOverflowsNorUnderflows() {
        assertEquals(5e200, GradientClipping.globalNorm(new double[] {3e200, 4e200}), 1e188);
        assertEquals(5e-200, GradientClipping.globalNorm(new double[] {3e-200, 4e-200}), 1e-212);
    }

    @Test
    void rejectsBadHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Adam.restore(0.1, 1.0, 0.999, 1e-8, new double[1], new double[1], 0));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(0.0, new double[1]));
    }
}
