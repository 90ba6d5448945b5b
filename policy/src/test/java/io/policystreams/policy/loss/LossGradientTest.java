package io.policystreams.policy.loss;

import static io.policystreams.policy.GradientCheck.assertMatchesFiniteDifferences;
import static io.policystreams.policy.GradientCheck.gaussianVector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.distribution.GaussianPolicy;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.policy.network.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each loss's accumulated gradient against finite differences of the loss it reports. */
class LossGradientTest {

    private final Random rng = new Random(20261122L);

    private final List<StochasticPolicy> policies = List.of(
            SoftmaxPolicy.mlp(3, new int[] {6}, Activation.TANH, 3),
            GaussianPolicy.mlp(3, new int[] {5}, Activation.TANH, 2, -0.2));

    @Test
    void policyGradientLossGradientMatchesFiniteDifferences() {
        PolicyGradientLoss loss = new PolicyGradientLoss(0.01);
        for (StochasticPolicy policy : policies) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            List<TrainingSample> samples = samplesActedBy(policy, theta, 8);
            double[] grad = new double[policy.parameterCount()];
            loss.evaluate(policy, theta, samples, grad);

            assertMatchesFiniteDifferences(grad, t -> loss.evaluate(policy, t, samples, sink(t)).loss(), theta);
        }
    }

    @Test
    void ppoClipLossGradientMatchesFiniteDifferences() {
        PpoClipLoss loss = new PpoClipLoss(0.2, 0.01);
        for (StochasticPolicy policy : policies) {
            double[] theta = gaussianVector(policy.parameterCount(), rng);
            // behaviour parameters nearby, so some ratios fall inside and some outside the clip range
            double[] behaviour = theta.clone();
            for (int i = 0; i < behaviour.length; i++) {
                behaviour[i] += 0.3 * rng.nextGaussian();
            }
            List<TrainingSample> samples = samplesActedBy(policy, behaviour, 16);
            double[] grad = new double[policy.parameterCount()];
            PolicyLoss result = loss.evaluate(policy, theta, samples, grad);

            assertMatchesFiniteDifferences(grad, t -> loss.evaluate(policy, t, samples, sink(t)).loss(), theta);
            assertEquals(result.loss(), result.surrogate() - 0.01 * result.entropy(), 1e-12);
        }
    }

    @Test
    void valueLossGradientMatchesFiniteDifferences() {
        ValueLoss loss = new ValueLoss(0.5);
        ValueFunction value = ValueFunction.mlp(3, new int[] {7}, Activation.TANH);
        double[] phi = gaussianVector(value.parameterCount(), rng);
        List<TrainingSample> samples = samplesActedBy(policies.get(0), gaussianVector(
                policies.get(0).parameterCount(), rng), 10);
        double[] grad = new double[value.parameterCount()];
        loss.evaluate(value, phi, samples, grad);

        assertMatchesFiniteDifferences(grad, p -> loss.evaluate(value, p, samples, new double[p.length]), phi);
    }

    @Test
    void valueLossIsHalfTheMeanSquaredErrorTimesItsCoefficient() {
        ValueFunction value = ValueFunction.linear(1);
        double[] phi = {1.0, 0.0}; // V(s) = s
        List<TrainingSample> samples = List.of(
                new TrainingSample(new double[] {1.0}, Action.discrete(0), -0.5, 0.0, 3.0, 1.0),
                new TrainingSample(new double[] {2.0}, Action.discrete(0), -0.5, 0.0, 2.0, 1.0));

        assertEquals(0.5 * 0.5 * (4.0 + 0.0) / 2, new ValueLoss(0.5).evaluate(value, phi, samples, new double[2]),
                1e-12);
    }

    @Test
    void onPolicyReportsUnitRatiosAndZeroKl() {
        StochasticPolicy policy = policies.get(0);
        double[] theta = gaussianVector(policy.parameterCount(), rng);
        PolicyLoss result = new PolicyGradientLoss(0.0)
                .evaluate(policy, theta, samplesActedBy(policy, theta, 20), new double[theta.length]);

        assertEquals(1.0, result.meanImportanceRatio(), 1e-12);
        assertEquals(0.0, result.approxKl(), 1e-12);
    }

    @Test
    void maskedLossesMatchFiniteDifferencesAndAreOnPolicyUnderTheirMasks() {
        StochasticPolicy policy = policies.get(0); // 3 discrete actions
        double[] theta = gaussianVector(policy.parameterCount(), rng);
        List<ActionMask> masks = List.of(ActionMask.of(true, false, true), ActionMask.of(false, true, true),
                ActionMask.of(true, true, true), ActionMask.of(false, false, true));
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double[] s = gaussianVector(policy.observationSize(), rng);
            ActionMask mask = masks.get(i % masks.size());
            Action a = policy.distribution(theta, s, mask).sample(rng);
            samples.add(new TrainingSample(s, a, policy.logProb(theta, s, mask, a), rng.nextGaussian(), 0.0, 1.0,
                    mask));
        }
        PolicyGradientLoss vanilla = new PolicyGradientLoss(0.01);
        PpoClipLoss clipped = new PpoClipLoss(0.2, 0.01);
        double[] vanillaGrad = new double[theta.length];
        double[] clippedGrad = new double[theta.length];
        PolicyLoss result = vanilla.evaluate(policy, theta, samples, vanillaGrad);
        clipped.evaluate(policy, theta, samples, clippedGrad);

        assertEquals(1.0, result.meanImportanceRatio(), 1e-12);
        assertMatchesFiniteDifferences(vanillaGrad, t -> vanilla.evaluate(policy, t, samples, sink(t)).loss(), theta);
        assertMatchesFiniteDifferences(clippedGrad, t -> clipped.evaluate(policy, t, samples, sink(t)).loss(), theta);
    }

    /** Samples with actions drawn from π_behaviour and their log-probabilities under it. */
    private List<TrainingSample> samplesActedBy(StochasticPolicy policy, double[] behaviour, int n) {
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] s = gaussianVector(policy.observationSize(), rng);
            Action a = policy.distribution(behaviour, s).sample(rng);
            samples.add(new TrainingSample(s, a, policy.logProb(behaviour, s, a), rng.nextGaussian(),
                    rng.nextGaussian(), 0.5 + rng.nextDouble()));
        }
        return samples;
    }

    private static double[] sink(double[] theta) {
        return new double[theta.length];
    }
}
