package io.policystreams.policy.distribution;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static io.policystreams.policy.GradientCheck.gaussianVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.network.Activation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxPolicyTest {

    private static final double TOLERANCE = 1e-12;
    private final Random rng = new Random(20261122L);

    private static final List<SoftmaxPolicy> POLICIES = List.of(
            SoftmaxPolicy.linear(4, 3),
            SoftmaxPolicy.mlp(4, new int[] {8, 5}, Activation.TANH, 3),
            SoftmaxPolicy.mlp(4, new int[] {7}, Activation.RELU, 2));

    @Test
    void equalLogitsGiveAUniformPolicy() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(2, 4);
        double[] theta = new double[policy.parameterCount()]; // all logits 0
        SoftmaxPolicy.Categorical pi = policy.distribution(theta, new double[] {0.3, -1.2});

        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, pi.probabilities(), TOLERANCE);
        assertEquals(Math.log(4), pi.entropy(), TOLERANCE);
        assertEquals(Math.log(0.25), pi.logProb(Action.discrete(2)), TOLERANCE);
    }

    @Test
    void logProbIsLogSoftmaxOfTheLinearLogits() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 2);
        double[] theta = {2.0, -1.0, 0.5, 0.0}; // W = [[2], [−1]], b = [0.5, 0]
        double[] s = {1.0}; // logits z = (2.5, −1)
        double expected = 2.5 - Math.log(Math.exp(2.5) + Math.exp(-1.0));

        assertEquals(expected, policy.logProb(theta, s, Action.discrete(0)), TOLERANCE);
    }

    @Test
    void logSumExpStaysFiniteForHugeLogits() {
        double[] logPi = Softmax.logSoftmax(new double[] {1000.0, 999.0, -1000.0});

        assertEquals(-Math.log1p(Math.exp(-1.0)), logPi[0], TOLERANCE);
        assertEquals(-1.0 - Math.log1p(Math.exp(-1.0)), logPi[1], TOLERANCE);
        assertTrue(Double.isFinite(logPi[2]));
        assertTrue(Double.isFinite(Softmax.entropy(logPi)));
    }

    @Test
    void expectedScoreIsZero() {
        for (SoftmaxPolicy policy : POLICIES) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            double[] pi = policy.distribution(theta, s).probabilities();
            double[] expectedScore = new double[policy.parameterCount()];
            for (int a = 0; a < pi.length; a++) {
                double[] score = policy.score(theta, s, Action.discrete(a));
                for (int i = 0; i < score.length; i++) {
                    expectedScore[i] += pi[a] * score[i];
                }
            }
            assertArrayEquals(new double[policy.parameterCount()], expectedScore, 1e-12);
        }
    }

    @Test
    void scoreMatchesFiniteDifferencesOfLogProb() {
        for (SoftmaxPolicy policy : POLICIES) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            Action a = Action.discrete(1);

            assertMatchesFiniteDifferences(policy.score(theta, s, a), t -> policy.logProb(t, s, a), theta);
        }
    }

    @Test
    void entropyGradientMatchesFiniteDifferences() {
        for (SoftmaxPolicy policy : POLICIES) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            double[] grad = new double[policy.parameterCount()];
            policy.distribution(theta, s).backward(Action.discrete(0), 0.0, 1.0, grad);

            assertMatchesFiniteDifferences(grad, t -> policy.distribution(t, s).entropy(), theta);
        }
    }

    @Test
    void backwardCombinesScoreAndEntropyLinearly() {
        SoftmaxPolicy policy = POLICIES.get(1);
        double[] theta = gaussianVector(policy.parameterCount(), rng);
        double[] s = gaussianVector(policy.observationSize(), rng);
        Action a = Action.discrete(2);
        double[] combined = new double[policy.parameterCount()];
        policy.distribution(theta, s).backward(a, 0.7, -0.3, combined);

        assertMatchesFiniteDifferences(combined,
                t -> 0.7 * policy.logProb(t, s, a) - 0.3 * policy.distribution(t, s).entropy(), theta);
    }

    @Test
    void samplesFollowThePolicyProbabilities() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 3);
        double[] theta = {0, 0, 0, 1.0, 0.0, -1.0}; // logits (1, 0, −1) whatever s
        SoftmaxPolicy.Categorical pi = policy.distribution(theta, new double[] {0.0});
        double[] p = pi.probabilities();
        int n = 100_000;
        int[] counts = new int[3];
        Random sampler = new Random(1L);
        for (int i = 0; i < n; i++) {
            counts[((Action.Discrete) pi.sample(sampler)).index()]++;
        }
        for (int a = 0; a < 3; a++) {
            double standardError = Math.sqrt(p[a] * (1 - p[a]) / n);
            assertEquals(p[a], counts[a] / (double) n, 4 * standardError, "frequency of action " + a);
        }
        assertEquals(Action.discrete(0), pi.mode());
    }

    @Test
    void sameSeedGivesTheSameSampledActions() {
        SoftmaxPolicy policy = POLICIES.get(1);
        double[] theta = policy.initialParameters(new Random(5L));
        double[] s = {0.1, 0.2, 0.3, 0.4};
        Random first = new Random(9L);
        Random second = new Random(9L);
        for (int i = 0; i < 100; i++) {
            assertEquals(policy.distribution(theta, s).sample(first), policy.distribution(theta, s).sample(second));
        }
    }

    @Test
    void initialPolicyIsNearlyUniform() {
        SoftmaxPolicy policy = SoftmaxPolicy.mlp(4, new int[] {64, 64}, Activation.TANH, 2);
        double[] theta = policy.initialParameters(new Random(3L));
        double[] pi = policy.distribution(theta, new double[] {0.05, -0.3, 0.02, 0.4}).probabilities();

        assertEquals(0.5, pi[0], 0.02);
    }

    @Test
    void rejectsActionsOutsideTheSpace() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(2, 3);
        double[] theta = new double[policy.parameterCount()];
        double[] s = {0, 0};

        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> policy.logProb(theta, s, Action.discrete(3)));
        assertEquals("action index 3 out of range [0, 3)", outOfRange.getMessage());
        assertThrows(IllegalArgumentException.class, () -> policy.logProb(theta, s, Action.continuous(0.5)));
        assertThrows(IllegalArgumentException.class, () -> Action.discrete(-1));
    }

    @Test
    void aMaskRenormalisesTheSoftmaxOverTheAllowedActions() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 3);
        double[] theta = {0, 0, 0, 1.0, 0.0, -1.0}; // logits (1, 0, −1) whatever s
        ActionMask firstAndLast = ActionMask.of(true, false, true);
        SoftmaxPolicy.Categorical pi = policy.distribution(theta, new double[] {0.0}, firstAndLast);
        double p0 = Math.exp(1.0) / (Math.exp(1.0) + Math.exp(-1.0));

        assertArrayEquals(new double[] {p0, 0.0, 1.0 - p0}, pi.probabilities(), TOLERANCE);
        assertEquals(-(p0 * Math.log(p0) + (1 - p0) * Math.log(1 - p0)), pi.entropy(), TOLERANCE);
        assertEquals(Action.discrete(0), pi.mode());
        IllegalArgumentException masked = assertThrows(IllegalArgumentException.class,
                () -> pi.logProb(Action.discrete(1)));
        assertEquals("action 1 is masked out at this state", masked.getMessage());
    }

    @Test
    void theModeIsTheBestAllowedActionAndSamplesNeverPickAMaskedOne() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 3);
        double[] theta = {0, 0, 0, 1.0, 0.0, -1.0}; // logits (1, 0, −1): action 0 the best unmasked
        SoftmaxPolicy.Categorical pi = policy.distribution(theta, new double[] {0.0}, ActionMask.of(false, true, true));
        double p1 = 1.0 / (1.0 + Math.exp(-1.0));
        Random sampler = new Random(2L);
        int n = 50_000;
        int ones = 0;
        for (int i = 0; i < n; i++) {
            int a = ((Action.Discrete) pi.sample(sampler)).index();
            assertTrue(a == 1 || a == 2, "sampled masked action " + a);
            ones += a == 1 ? 1 : 0;
        }

        assertEquals(Action.discrete(1), pi.mode());
        assertEquals(p1, ones / (double) n, 4 * Math.sqrt(p1 * (1 - p1) / n));
        assertEquals(Action.discrete(2),
                policy.distribution(theta, new double[] {0.0}, ActionMask.of(false, false, true)).sample(sampler));
    }

    @Test
    void maskedScoreAndEntropyGradientsMatchFiniteDifferencesAndSkipMaskedLogits() {
        ActionMask mask = ActionMask.of(true, false, true);
        for (SoftmaxPolicy policy : POLICIES.subList(0, 2)) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            double[] s = gaussianVector(policy.observationSize(), rng);
            Action a = Action.discrete(2);
            double[] grad = new double[policy.parameterCount()];
            policy.distribution(theta, s, mask).backward(a, 0.7, -0.3, grad);

            assertMatchesFiniteDifferences(grad, t -> 0.7 * policy.logProb(t, s, mask, a)
                    - 0.3 * policy.distribution(t, s, mask).entropy(), theta);
        }
        SoftmaxPolicy linear = POLICIES.get(0); // θ = [W (3×4), b (3)]: row 1 and b_1 feed the masked logit
        double[] grad = new double[linear.parameterCount()];
        linear.distribution(gaussianVector(linear.parameterCount(), rng), new double[] {1, 2, 3, 4}, mask)
                .backward(Action.discrete(0), 1.0, 1.0, grad);
        assertArrayEquals(new double[4], java.util.Arrays.copyOfRange(grad, 4, 8), 0.0);
        assertEquals(0.0, grad[13], 0.0);
    }

    @Test
    void anAllAllowedMaskChangesNothing() {
        SoftmaxPolicy policy = POLICIES.get(1);
        double[] theta = gaussianVector(policy.parameterCount(), rng);
        double[] s = gaussianVector(policy.observationSize(), rng);

        assertArrayEquals(policy.distribution(theta, s).probabilities(),
                policy.distribution(theta, s, ActionMask.of(true, true, true)).probabilities(), 0.0);
    }

    @Test
    void rejectsMasksThatDoNotFitThePolicy() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(2, 3);
        double[] theta = new double[policy.parameterCount()];
        double[] s = {0, 0};

        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> policy.distribution(theta, s, ActionMask.of(true, true)));
        assertEquals("the action mask covers 2 actions, the policy has 3", wrongSize.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ActionMask.of(false, false, false));
        assertEquals("an action mask must allow at least one of its 3 actions", empty.getMessage());
        GaussianPolicy gaussian = GaussianPolicy.linear(2, 1, 0.0);
        assertThrows(IllegalArgumentException.class, () -> gaussian.distribution(
                new double[gaussian.parameterCount()], s, ActionMask.of(true)));
    }
}
