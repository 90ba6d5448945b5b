package io.policystreams.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.algorithm.TrainingSettings;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.GaussianPolicy;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.schemas.Activation;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BaselineKind;
import io.policystreams.schemas.ContinuousActionSpace;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecsTest {

    @Test
    void aDiscreteMlpSpecBindsToASoftmaxPolicyWithItsValueNetwork() {
        BoundModel model = ModelSpecs.bind(cartPole().build());

        SoftmaxPolicy policy = assertInstanceOf(SoftmaxPolicy.class, model.policy());
        assertEquals(2, policy.actionCount());
        assertArrayEquals(new int[] {64, 64}, policy.network().hiddenSizes());
        assertEquals(io.policystreams.policy.network.Activation.TANH, policy.network().activation());
        assertEquals(4 * 64 + 64 + 64 * 1 + 1, model.value().parameterCount());
        assertEquals(0.99, model.settings().gamma());
        assertEquals(TrainingSettings.Baseline.RUNNING_MEAN, model.settings().baseline());
    }

    @Test
    void aContinuousLinearSpecBindsToAGaussianPolicy() {
        BoundModel model = ModelSpecs.bind(cartPole()
                .setActionSpace(new ContinuousActionSpace(2, List.of(-1.0, -2.0), List.of(1.0, 2.0)))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setActivation(Activation.RELU).build())
                .setHyperparameters(Hyperparameters.newBuilder().setInitialLogStd(-0.5).build())
                .build());

        GaussianPolicy policy = assertInstanceOf(GaussianPolicy.class, model.policy());
        assertEquals(2, policy.actionDimension());
        assertEquals(4 * 2 + 2 + 2, policy.parameterCount());
        assertEquals(-0.5, model.initialParameters().theta()[policy.parameterCount() - 1]);
    }

    @Test
    void reinforceWithoutAValueNetworkHasNone() {
        BoundModel model = ModelSpecs.bind(cartPole().setAlgorithm(Algorithm.REINFORCE).setValueNetwork(null).build());

        assertNull(model.value());
        assertEquals(0, model.initialParameters().phi().length);
    }

    @Test
    void theSameSpecGivesBitIdenticalInitialParametersAndAnotherSeedDoesNot() {
        BoundModel.InitialParameters first = ModelSpecs.bind(cartPole().build()).initialParameters();
        BoundModel.InitialParameters second = ModelSpecs.bind(cartPole().build()).initialParameters();
        BoundModel.InitialParameters otherSeed = ModelSpecs.bind(cartPole().setSeed(8L).build()).initialParameters();

        assertArrayEquals(first.theta(), second.theta());
        assertArrayEquals(first.phi(), second.phi());
        assertFalse(Arrays.equals(first.theta(), otherSeed.theta()));
    }

    @Test
    void learnerAndSimulatorComputeTheSameLogProbabilities() {
        BoundModel learner = ModelSpecs.bind(cartPole().build());
        StochasticPolicy simulator = ModelSpecs.policy(cartPole().build());
        double[] theta = learner.initialParameters().theta();
        double[] s = {0.01, -0.2, 0.03, 0.4};

        assertEquals(learner.policy().parameterCount(), simulator.parameterCount());
        assertEquals(learner.policy().logProb(theta, s, Action.discrete(1)),
                simulator.logProb(theta, s, Action.discrete(1)), 0.0);
    }

    @Test
    void anActorBindsThePolicyAloneCheckingOnlyWhatActingReads() {
        ModelSpec withoutLearnerSettings = cartPole().setValueNetwork(null)
                .setHyperparameters(Hyperparameters.newBuilder().setLearningRate(0.0).build()).build();

        assertEquals((4 * 64 + 64) + (64 * 64 + 64) + (64 * 2 + 2),
                ModelSpecs.policy(withoutLearnerSettings).parameterCount(), "4 -> 64 -> 64 -> 2");
        assertThrows(IllegalArgumentException.class, () -> ModelSpecs.bind(withoutLearnerSettings));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpecs.policy(cartPole().setObservationSize(0).build()));
        assertEquals("observationSize must be >= 1, was 0", e.getMessage());
    }

    @Test
    void invalidSpecsAreRejectedNamingTheField() {
        assertMessage("observationSize must be >= 1, was 0", cartPole().setObservationSize(0));
        assertMessage("actionSpace.n must be >= 2, was 1", cartPole().setActionSpace(new DiscreteActionSpace(1)));
        assertMessage("actionSpace bounds must have low < high, dimension 0 has [1.0, 1.0]",
                cartPole().setActionSpace(new ContinuousActionSpace(1, List.of(1.0), List.of(1.0))));
        assertMessage("actionSpace.low and .high must have 2 entries, had 1 and 2",
                cartPole().setActionSpace(new ContinuousActionSpace(2, List.of(0.0), List.of(1.0, 2.0))));
        assertMessage("policyNetwork.hiddenSizes must be >= 1 each, was [64, 0]",
                cartPole().setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(64, 0)).build()));
        assertMessage("PPO with baseline RUNNING_MEAN needs a valueNetwork", cartPole().setValueNetwork(null));
        assertMessage("REINFORCE with baseline LEARNED_VALUE needs a valueNetwork", cartPole()
                .setAlgorithm(Algorithm.REINFORCE).setValueNetwork(null)
                .setHyperparameters(Hyperparameters.newBuilder().setBaseline(BaselineKind.LEARNED_VALUE).build()));
        assertMessage("learningRate must be finite and > 0, was 0.0",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setLearningRate(0.0).build()));
        assertMessage("learningRate must be finite and > 0, was Infinity",
                cartPole().setHyperparameters(Hyperparameters.newBuilder()
                        .setLearningRate(Double.POSITIVE_INFINITY).build()));
        assertMessage("valueLearningRate must be finite and > 0, was NaN",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setValueLearningRate(Double.NaN).build()));
        assertMessage("epochs must be <= 1000, was 2147483647",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setEpochs(Integer.MAX_VALUE).build()));
        assertMessage("initialLogStd must be in [-20.0, 20.0], was Infinity", cartPole()
                .setActionSpace(new ContinuousActionSpace(1, List.of(-1.0), List.of(1.0)))
                .setHyperparameters(Hyperparameters.newBuilder().setInitialLogStd(Double.POSITIVE_INFINITY).build()));
        assertMessage("the networks have 20001100387 parameters, over the limit of 16777216", cartPole()
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(100_000, 200_000)).build()));
        assertMessage("maxGradNorm must be finite, was NaN",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setMaxGradNorm(Double.NaN).build()));
        assertMessage("entropyCoefficient must be finite and >= 0, was Infinity", cartPole().setHyperparameters(
                Hyperparameters.newBuilder().setEntropyCoefficient(Double.POSITIVE_INFINITY).build()));
        assertMessage("batchEpisodes and batchSteps must be >= 0 and not both 0, were 0 and 0",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setBatchSteps(0).build()));
        assertMessage("maxVersionLag must be >= 0, was -1",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setMaxVersionLag(-1).build()));
        assertMessage("gamma must be in [0, 1], was 1.5",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setGamma(1.5).build()));
        assertMessage("rewardScale must be finite and > 0, was -0.001",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setRewardScale(-1e-3).build()));
        assertMessage("rewardWaitMs must be >= 0 (0: the learner's reward.wait.ms), was -5",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setRewardWaitMs(-5L).build()));
        assertMessage("defaultReward must be finite, was NaN",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setDefaultReward(Double.NaN).build()));
        assertMessage("explorationEpsilon must be in [0, 1], was 1.5",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setExplorationEpsilon(1.5).build()));
        assertMessage("temperature must be finite and > 0, was 0.0",
                cartPole().setHyperparameters(Hyperparameters.newBuilder().setTemperature(0.0).build()));
        assertMessage("explorationEpsilon and temperature apply to discrete actions only, were 0.1 and 1.0", cartPole()
                .setActionSpace(new ContinuousActionSpace(1, List.of(-1.0), List.of(1.0)))
                .setHyperparameters(Hyperparameters.newBuilder().setExplorationEpsilon(0.1).build()));
    }

    @Test
    void theParameterCountAndRecordSizesFollowTheNetworks() {
        ModelSpec spec = cartPole().build();
        long theta = 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2;
        long phi = 4 * 64 + 64 + 64 + 1;
        BoundModel bound = ModelSpecs.bind(spec);

        assertEquals(theta + phi, ModelSpecs.parameterCount(spec));
        assertEquals(theta, bound.initialParameters().theta().length);
        assertEquals(phi, bound.initialParameters().phi().length);
        assertEquals(16 * (theta + phi), ModelSpecs.learnerStateBytes(spec) - ModelSpecs.snapshotBytes(spec));
        assertTrue(ModelSpecs.snapshotBytes(spec) > 8 * (theta + phi));
        assertTrue(ModelSpecs.snapshotBytes(spec) < 8 * (theta + phi) + 1024);
    }

    private static void assertMessage(String expected, ModelSpec.Builder spec) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> ModelSpecs.bind(spec.build())).getMessage());
    }

    static ModelSpec.Builder cartPole() {
        return ModelSpec.newBuilder()
                .setModelId("cartpole")
                .setObservationSize(4)
                .setActionSpace(new DiscreteActionSpace(2))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(64, 64)).build())
                .setValueNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(64)).build())
                .setAlgorithm(Algorithm.PPO)
                .setHyperparameters(Hyperparameters.newBuilder().build())
                .setSeed(7L);
    }
}
