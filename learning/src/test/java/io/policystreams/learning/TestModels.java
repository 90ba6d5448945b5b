package io.policystreams.learning;

import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.OptimizerKind;
import io.policystreams.schemas.Step;
import java.time.Instant;
import java.util.List;

/** Specs and steps for the tests: a two-armed bandit with a one-number observation. */
public final class TestModels {

    public static final String BANDIT = "bandit";

    private TestModels() {
    }

    /** REINFORCE, linear softmax over 2 actions, updates every {@code batchEpisodes} episodes. */
    public static ModelSpec.Builder bandit(int batchEpisodes) {
        return ModelSpec.newBuilder()
                .setModelId(BANDIT)
                .setObservationSize(1)
                .setActionSpace(new DiscreteActionSpace(2))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of()).build())
                .setValueNetwork(null)
                .setAlgorithm(Algorithm.REINFORCE)
                .setHyperparameters(Hyperparameters.newBuilder()
                        .setLearningRate(0.1).setOptimizer(OptimizerKind.ADAM)
                        .setBatchEpisodes(batchEpisodes).setBatchSteps(0)
                        .setMaxGradNorm(0.0).build())
                .setSeed(7L);
    }

    /** Step t of a bandit episode of {@code length} steps; the last one terminates it. */
    public static Step.Builder step(String episodeId, int t, int length) {
        return Step.newBuilder()
                .setModelId(BANDIT)
                .setEpisodeId(episodeId)
                .setStepIndex(t)
                .setObservation(List.of(1.0))
                .setAction(new DiscreteAction(1))
                .setReward(1.0)
                .setTerminated(t == length - 1)
                .setTruncated(false)
                .setNextObservation(null)
                .setBehaviourLogProb(Math.log(0.5))
                .setPolicyVersion(0L)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + t))
                .setSimulatorId("test-simulator");
    }
}
