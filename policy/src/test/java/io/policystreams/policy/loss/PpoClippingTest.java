package io.policystreams.policy.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * min(ρA, clip(ρ, 1−ε, 1+ε)A) on both sides of the clip range for positive and negative advantages. The
 * policy is a two-action softmax whose θ makes π(a=0) = 0.5, so μ(a=0) sets ρ = 0.5/μ.
 */
class PpoClippingTest {

    private static final double EPSILON = 0.2;
    private static final double TOLERANCE = 1e-12;

    private final SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 2);
    private final double[] theta = new double[policy.parameterCount()]; // uniform: π(0) = 0.5
    private final PpoClipLoss loss = new PpoClipLoss(EPSILON, 0.0);

    @Test
    void positiveAdvantageAboveTheRangeIsClippedAndGetsNoGradient() {
        assertClipped(1.5, 2.0, (1 + EPSILON) * 2.0);
    }

    @Test
    void positiveAdvantageBelowTheRangeKeepsTheRatioAndItsGradient() {
        assertUnclipped(0.5, 2.0);
    }

    @Test
    void negativeAdvantageBelowTheRangeIsClippedAndGetsNoGradient() {
        assertClipped(0.5, -2.0, (1 - EPSILON) * -2.0);
    }

    @Test
    void negativeAdvantageAboveTheRangeKeepsTheRatioAndItsGradient() {
        assertUnclipped(1.5, -2.0);
    }

    @Test
    void insideTheRangeBothTermsAgree() {
        assertUnclipped(1.1, 2.0);
        assertUnclipped(0.9, -2.0);
    }

    private void assertClipped(double ratio, double advantage, double expectedObjective) {
        double[] grad = new double[theta.length];
        PolicyLoss result = loss.evaluate(policy, theta, List.of(sample(ratio, advantage)), grad);

        assertEquals(-expectedObjective, result.surrogate(), TOLERANCE);
        assertEquals(1.0, result.clipFraction());
        assertArrayEquals(new double[theta.length], grad, 0.0);
    }

    private void assertUnclipped(double ratio, double advantage) {
        double[] grad = new double[theta.length];
        PolicyLoss result = loss.evaluate(policy, theta, List.of(sample(ratio, advantage)), grad);

        assertEquals(-ratio * advantage, result.surrogate(), TOLERANCE);
        assertEquals(0.0, result.clipFraction());
        // ∇L = −ρA ∇log π(0|s); for a uniform 2-action linear softmax, ∂log π(0)/∂b_0 = 1 − 0.5
        double[] score = policy.score(theta, new double[] {0.0}, Action.discrete(0));
        for (int i = 0; i < grad.length; i++) {
            assertEquals(-ratio * advantage * score[i], grad[i], TOLERANCE);
        }
        assertEquals(-ratio * advantage * 0.5, grad[2], TOLERANCE);
    }

    /** A sample whose behaviour log-prob makes ρ = π(0|s)/μ(0|s) equal {@code ratio}. */
    private static TrainingSample sample(double ratio, double advantage) {
        return new TrainingSample(new double[] {0.0}, Action.discrete(0), Math.log(0.5 / ratio), advantage,
                0.0, 1.0);
    }
}
