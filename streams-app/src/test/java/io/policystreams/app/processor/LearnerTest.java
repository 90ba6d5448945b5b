package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LearnerTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void publishesNewPolicyVersionAfterBatchOfEpisodes() {
        harness.declare(bandit(2).build());
        PolicySnapshot v0 = harness.policies().get(0);

        sendEpisode("e-1", 3, 0L);
        assertTrue(harness.policies().isEmpty());
        sendEpisode("e-2", 2, 0L);

        List<PolicySnapshot> published = harness.policies();
        assertEquals(1, published.size());
        PolicySnapshot v1 = published.get(0);
        assertEquals(1L, v1.getVersion());
        assertEquals(2L, v1.getEpisodesConsumed());
        assertEquals(5L, v1.getStepsConsumed());
        assertNotEquals(v0.getPolicyParameters(), v1.getPolicyParameters());
        TrainingReport report = harness.reports().get(0);
        assertEquals(1L, report.getVersion());
        assertEquals(2, report.getEpisodes());
        assertEquals(5, report.getSteps());
        assertEquals(2.5, report.getMeanReturn(), 0.0);
        assertEquals(3.0, report.getMaxReturn(), 0.0);
        assertEquals(0, report.getDroppedStaleSteps());
        assertEquals(0L, report.getMaxStaleness());
        assertEquals(new BatchProgress(0, 0, 0, 2L, 0),
                harness.<BatchProgress>store(LearnerStoreLayout.BATCH_PROGRESS).get("bandit"));
    }

    /** Under a mask that leaves only the action taken, π(a|s) = 1 and the score is 0: the update changes nothing. */
    @Test
    void stepsKeepTheirActionMasksAllTheWayToTheLearner() {
        harness.declare(bandit(2).build());
        PolicySnapshot v0 = harness.policies().get(0);

        for (String episode : List.of("e-1", "e-2")) {
            harness.send(step(episode, 0, 1).setActionMask(List.of(false, true)).setBehaviourLogProb(0.0).build());
        }

        PolicySnapshot v1 = harness.policies().get(0);
        assertEquals(1L, v1.getVersion());
        assertEquals(v0.getPolicyParameters(), v1.getPolicyParameters());
        assertEquals(1.0, harness.reports().get(0).getMeanImportanceRatio(), 0.0);
    }

    @Test
    void aBatchCanBeCountedInSteps() {
        harness.declare(bandit(0).setHyperparameters(Hyperparameters.newBuilder(bandit(0).getHyperparameters())
                .setBatchSteps(5).build()).build());
        harness.policies();

        sendEpisode("e-1", 4, 0L);
        assertTrue(harness.policies().isEmpty());
        sendEpisode("e-2", 1, 0L);

        assertEquals(1L, harness.policies().get(0).getVersion());
        assertEquals(5, harness.reports().get(0).getSteps());
    }

    @Test
    void stepsLaggingMoreThanMaxVersionLagAreDroppedAndCounted() {
        harness.declare(bandit(1).setHyperparameters(Hyperparameters.newBuilder(bandit(1).getHyperparameters())
                .setMaxVersionLag(1).build()).build());
        sendEpisode("e-1", 1, 0L);
        sendEpisode("e-2", 1, 1L);
        harness.policies();
        harness.reports();

        // The learner is at version 2: steps of version 0 lag 2 > 1 and go; those of version 1 lag 1 and stay.
        harness.send(step("e-3", 0, 3).setPolicyVersion(0L).build(), step("e-3", 1, 3).setPolicyVersion(1L).build(),
                step("e-3", 2, 3).setPolicyVersion(2L).build());

        TrainingReport report = harness.reports().get(0);
        assertEquals(3L, report.getVersion());
        assertEquals(1, report.getDroppedStaleSteps());
        assertEquals(2, report.getSteps());
        assertEquals(0.5, report.getMeanStaleness(), 0.0);
        assertEquals(1L, report.getMaxStaleness());
        assertEquals(2.0, report.getMeanReturn(), 0.0);
    }

    @Test
    void anEpisodeWhollyStaleIsDroppedWithoutAnUpdate() {
        harness.declare(bandit(1).setHyperparameters(Hyperparameters.newBuilder(bandit(1).getHyperparameters())
                .setMaxVersionLag(0).build()).build());
        sendEpisode("e-1", 1, 0L);
        harness.policies();
        harness.reports();

        sendEpisode("e-2", 2, 0L);
        assertTrue(harness.policies().isEmpty());
        sendEpisode("e-3", 1, 1L);

        assertEquals(2, harness.reports().get(0).getDroppedStaleSteps());
    }

    @Test
    void anEpisodeActedByAnUnpublishedVersionIsDeadLettered() {
        harness.declare(bandit(1).build());

        harness.send(step("e-0", 0, 1).build());
        Step ahead = step("e-1", 0, 1).setPolicyVersion(5L).build();
        harness.send(ahead);

        TopologyHarness.DeadLetter dead = harness.deadLetters().get(0);
        assertEquals("step 0 of episode e-1 was acted by version 5 of model bandit, which the learner has not "
                + "published (latest 1)", dead.reason());
        assertEquals(ahead, harness.deserializeStep(dead.value()), "the offending step, not the internal episode");
        assertEquals("e-1", dead.key());
        assertEquals("steps", dead.topic());
        assertEquals("1", dead.offset());
        assertEquals(1L, harness.<LearnerState>store(LearnerStoreLayout.MODELS).get("bandit").getVersion());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyAlgorithmUpdatesAndStoresItsState(Algorithm algorithm) {
        harness.declare(withValueNetwork(algorithm));
        harness.policies();

        sendEpisode("e-1", 3, 0L);
        sendEpisode("e-2", 2, 0L);

        PolicySnapshot v1 = harness.policies().get(0);
        LearnerState stored = harness.<LearnerState>store(LearnerStoreLayout.MODELS).get("bandit");
        assertEquals(1L, stored.getVersion());
        assertEquals(v1.getPolicyParameters(), stored.getPolicyParameters());
        assertEquals(v1.getValueParameters(), stored.getValueParameters());
        assertEquals(algorithm == Algorithm.PPO ? 4 : 1, stored.getPolicyOptimizer().getStepCount());
        TrainingReport report = harness.reports().get(0);
        assertTrue(Double.isFinite(report.getPolicyLoss()) && report.getValueLoss() > 0.0, report.toString());
    }

    @Test
    void theSameInputInTheSameOrderGivesBitIdenticalSnapshots() {
        List<byte[]> first = runPpoScript();
        List<byte[]> second = runPpoScript();

        assertEquals(4, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "snapshot " + i);
        }
    }

    /** Three PPO updates with minibatches over a varied batch, in a fresh topology on a fresh registry. */
    private static List<byte[]> runPpoScript() {
        try (TopologyHarness fresh = new TopologyHarness()) {
            ModelSpec spec = withValueNetwork(Algorithm.PPO);
            spec.getHyperparameters().setMinibatchSize(2);
            fresh.declare(spec);
            for (int version = 0; version < 3; version++) {
                for (int e = 0; e < 2; e++) {
                    String id = "v" + version + "-e" + e;
                    int length = 2 + e + version;
                    for (int t = 0; t < length; t++) {
                        fresh.send(step(id, t, length).setPolicyVersion(version).setReward((t * 7 + e) % 3)
                                .setAction(new io.policystreams.schemas.DiscreteAction((t + e) % 2)).build());
                    }
                }
            }
            return fresh.policyBytes();
        }
    }

    private static ModelSpec withValueNetwork(Algorithm algorithm) {
        return bandit(2).setAlgorithm(algorithm)
                .setValueNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(4)).build())
                .setHyperparameters(Hyperparameters.newBuilder(bandit(2).getHyperparameters())
                        .setBaseline(io.policystreams.schemas.BaselineKind.LEARNED_VALUE).build())
                .build();
    }

    private void sendEpisode(String episodeId, int length, long policyVersion) {
        for (int t = 0; t < length; t++) {
            Step s = step(episodeId, t, length).setPolicyVersion(policyVersion).build();
            harness.send(s);
        }
    }
}
