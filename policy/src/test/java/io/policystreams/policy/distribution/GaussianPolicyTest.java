package io.policystreams.policy.distribution;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static io.policystreams.policy.GradientCheck.gaussianVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.policy.network.Activation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianPolicyTest {

    private static final double TOLERANCE = 1e-12;
    private final Random rng = new Random(20261122L);

    private static final List<GaussianPolicy> POLICIES = List.of(
            GaussianPolicy.linear(3, 2, -0.5),
            GaussianPolicy.mlp(3, new int[] {6, 4}, Activation.TANH, 2, 0.0),
            GaussianPolicy.mlp(3, new int[] {5}, Activation.RELU, 1, 0.3));

    @Test
    void logProbIsTheDiagonalNormalDensity() {
        GaussianPolicy policy = GaussianPolicy.linear(1, 2, 0.0);
        // W = [[1], [0]], b = [0, 2], log σ = (0, log 2)
        double[] theta = {1.0, 0.0, 0.0, 2.0, 0.0, Math.log(2.0)};
        double[] s = {0.5}; // μ = (0.5, 2)
        Action a = Action.continuous(1.5, 1.0);
        double expected = -0.5 * 1.0 - 0.5 * Math.log(2 * Math.PI)
                + (-0.5 * 0.25 - Math.log(2.0) - 0.5 * Math.log(2 * Math.PI));

        assertEquals(expected, policy.logProb(theta, s, a), TOLERANCE);
    }

    @Test
    void entropyIsSumOfLogSigmaPlusHalfLogTwoPiE() {
        GaussianPolicy policy = GaussianPolicy.linear(2, 3, 0.0);
        double[] theta = new double[policy.parameterCount()];
        theta[theta.length - 3] = -1.0;
        theta[theta.length - 2] = 0.0;
        theta[theta.length - 1] = 0.5;
        double expected = (-1.0 + 0.0 + 0.5) + 3 * 0.5 * Math.log(2 * Math.PI * Math.E);

        assertEquals(expected, policy.distribution(theta, new double[] {1, 2}).entropy(), TOLERANCE);
    }

    @Test
    void scoreMatchesFiniteDifferencesOfLogProb() {
        for (GaussianPolicy policy : POLICIES) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            Action a = Action.continuous(gaussianVector(policy.actionDimension(), rng));

            assertMatchesFiniteDifferences(policy.score(theta, s, a), t -> policy.logProb(t, s, a), theta);
        }
    }

    @Test
    void entropyGradientMatchesFiniteDifferences() {
        for (GaussianPolicy policy : POLICIES) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            Action a = Action.continuous(gaussianVector(policy.actionDimension(), rng));
            double[] grad = new double[policy.parameterCount()];
            policy.distribution(theta, s).backward(a, 0.0, 1.0, grad);

            assertMatchesFiniteDifferences(grad, t -> policy.distribution(t, s).entropy(), theta);
        }
    }

    @Test
    void expectedScoreIsZero() {
        GaussianPolicy policy = POLICIES.get(1);
        double[] theta = gaussianVector(policy.parameterCount(), rng);
        double[] s = gaussianVector(policy.observationSize(), rng);
        GaussianPolicy.DiagonalGaussian pi = policy.distribution(theta, s);
        int n = 200_000;
        double[] sum = new double[policy.parameterCount()];
        double[] sumOfSquares = new double[policy.parameterCount()];
        Random sampler = new Random(11L);
        for (int k = 0; k < n; k++) {
            double[] score = policy.score(theta, s, pi.sample(sampler));
            for (int i = 0; i < score.length; i++) {
                sum[i] += score[i];
                sumOfSquares[i] += score[i] * score[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            double mean = sum[i] / n;
            double standardError = Math.sqrt((sumOfSquares[i] / n - mean * mean) / n);
            assertEquals(0.0, mean, 5 * standardError + 1e-12, "E[score] component " + i);
        }
    }

    @Test
    void samplesHaveThePolicyMeanAndStandardDeviation() {
        GaussianPolicy policy = GaussianPolicy.linear(1, 1, Math.log(0.5));
        double[] theta = {0.0, 3.0, Math.log(0.5)}; // μ = 3, σ = 0.5
        GaussianPolicy.DiagonalGaussian pi = policy.distribution(theta, new double[] {1.0});
        int n = 100_000;
        double sum = 0;
        double sumOfSquares = 0;
        Random sampler = new Random(2L);
        for (int k = 0; k < n; k++) {
            double a = ((Action.Continuous) pi.sample(sampler)).value(0);
            sum += a;
            sumOfSquares += a * a;
        }
        double mean = sum / n;
        double variance = sumOfSquares / n - mean * mean;

        assertEquals(3.0, mean, 4 * 0.5 / Math.sqrt(n));
        assertEquals(0.25, variance, 4 * 0.25 * Math.sqrt(2.0 / n));
        assertArrayEquals(new double[] {3.0}, ((Action.Continuous) pi.mode()).values(), TOLERANCE);
    }

    @Test
    void initialParametersCarryTheInitialLogStd() {
        GaussianPolicy policy = GaussianPolicy.mlp(3, new int[] {8}, Activation.TANH, 2, -0.7);
        double[] theta = policy.initialParameters(new Random(1L));

        assertEquals(-0.7, theta[theta.length - 1]);
        assertEquals(-0.7, theta[theta.length - 2]);
        assertArrayEquals(theta, policy.initialParameters(new Random(1L)));
    }

    @Test
    void rejectsActionsOfTheWrongDimension() {
        GaussianPolicy policy = GaussianPolicy.linear(2, 2, 0.0);
        double[] theta = new double[policy.parameterCount()];

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy.logProb(theta, new double[] {0, 0}, Action.continuous(1.0)));
        assertEquals("action dimension must be 2, was 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> policy.logProb(theta, new double[] {0, 0}, Action.discrete(0)));
    }
}
