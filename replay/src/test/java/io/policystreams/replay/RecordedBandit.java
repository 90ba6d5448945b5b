package io.policystreams.replay;

import io.policystreams.replay.log.LoggedStep;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.OptimizerKind;
import io.policystreams.schemas.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A recorded two-armed bandit log: a behaviour policy μ picked arm 1 with probability {@code muBetter} and logged
 * log μ(a); arm 0 pays 1 with probability 0.2, arm 1 with 0.8. One step per episode, observation (1).
 */
public final class RecordedBandit {

    public static final String SOURCE = "bandit-live";
    public static final double[] PAYOFF = {0.2, 0.8};

    private RecordedBandit() {
    }

    /** REINFORCE on a linear softmax, an update every {@code batchEpisodes} episodes. */
    public static ModelSpec spec(String modelId, int batchEpisodes) {
        return ModelSpec.newBuilder()
                .setModelId(modelId)
                .setObservationSize(1)
                .setActionSpace(new DiscreteActionSpace(2))
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of()).build())
                .setValueNetwork(null)
                .setAlgorithm(Algorithm.REINFORCE)
                .setHyperparameters(Hyperparameters.newBuilder().setLearningRate(0.05).setOptimizer(OptimizerKind.ADAM)
                        .setBatchEpisodes(batchEpisodes).setBatchSteps(0).setMaxGradNorm(0.0).setRhoBar(5.0)
                        .setCBar(1.0).build())
                .setSeed(11L)
                .build();
    }

    public static List<Step> steps(int episodes, double muBetter, long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            int arm = random.nextDouble() < muBetter ? 1 : 0;
            double reward = random.nextDouble() < PAYOFF[arm] ? 1.0 : 0.0;
            steps.add(Step.newBuilder()
                    .setModelId(SOURCE)
                    .setEpisodeId("episode-" + i)
                    .setStepIndex(0)
                    .setObservation(List.of(1.0))
                    .setAction(new DiscreteAction(arm))
                    .setReward(reward)
                    .setTerminated(true)
                    .setTruncated(false)
                    .setNextObservation(null)
                    .setBehaviourLogProb(Math.log(arm == 1 ? muBetter : 1 - muBetter))
                    .setPolicyVersion(i / 50)
                    .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + i))
                    .setSimulatorId("recorder")
                    .build());
        }
        return steps;
    }

    /** The steps as a log, in order. */
    public static StepLog log(List<Step> steps) {
        Iterator<Step> iterator = steps.iterator();
        return new StepLog() {
            private int read;

            @Override
            public LoggedStep next() {
                if (!iterator.hasNext()) {
                    return null;
                }
                Step step = iterator.next();
                return LoggedStep.decoded(step.getEpisodeId(), step, step.getEventTime().toEpochMilli(),
                        "memory#" + read++);
            }

            @Override
            public double progress() {
                return steps.isEmpty() ? 1.0 : (double) read / steps.size();
            }

            @Override
            public String description() {
                return steps.size() + " steps in memory";
            }

            @Override
            public void close() {
            }
        };
    }
}
