package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One model's failed update is that model's alone: its batch is dead-lettered, every other model keeps learning. */
class ModelFailureTest {

    private static final double HUGE = 1e308;

    private final TopologyHarness harness = new TopologyHarness();
    private PolicySnapshot banditV0;

    @BeforeEach
    void declareTwoModels() {
        harness.declare(bandit(1).build());
        harness.declare(bandit(1).setModelId("other").build());
        banditV0 = harness.policies().get(0);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** Two finite rewards of 1e308: the return overflows. */
    @Test
    void anUpdateThatOverflowsDeadLettersItsBatchAndLeavesTheModelAsItWas() {
        sendOverflowingEpisode("e-1");

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(2, dead.size());
        assertEquals(Learner.UPDATE_FAILED, dead.get(0).exception());
        assertTrue(dead.get(0).reason().startsWith("the update of model bandit from version 0 failed (1 in a row): "),
                dead.get(0).reason());
        assertEquals(List.of(0, 1), dead.stream().map(d -> harness.deserializeStep(d.value()).getStepIndex()).toList());
        TrainingReport report = harness.reports().get(0);
        assertEquals(0L, report.getVersion());
        assertEquals(dead.get(0).reason(), report.getFailure());
        assertFalse(report.getModelFailed());
        assertEquals(2, report.getSteps());
        assertTrue(harness.policies().isEmpty());
        LearnerState stored = harness.<LearnerState>store(LearnerStoreLayout.MODELS).get("bandit");
        assertEquals(banditV0.getPolicyParameters(), stored.getPolicyParameters());
        assertNull(stored.getFailure());

        harness.send(step("e-2", 0, 1).build());
        harness.send(step("o-1", 0, 1).setModelId("other").build());

        List<PolicySnapshot> published = harness.policies();
        assertEquals(List.of("bandit", "other"), published.stream().map(PolicySnapshot::getModelId).toList());
        assertEquals(List.of(1L, 1L), published.stream().map(PolicySnapshot::getVersion).toList());
        assertEquals(0, harness.<BatchProgress>store(LearnerStoreLayout.BATCH_PROGRESS).get("bandit").getFailedUpdates());
    }

    @Test
    void threeFailedUpdatesInARowMarkTheModelFailedAndNoOtherModel() {
        for (String episode : List.of("e-1", "e-2", "e-3")) {
            sendOverflowingEpisode(episode);
        }
        List<TrainingReport> reports = harness.reports();
        assertEquals(List.of(false, false, true), reports.stream().map(TrainingReport::getModelFailed).toList());
        harness.deadLetters();

        harness.send(step("e-4", 0, 1).build());
        harness.send(step("o-1", 0, 1).setModelId("other").build());

        TopologyHarness.DeadLetter dead = harness.deadLetters().get(0);
        assertEquals(Learner.MODEL_FAILED, dead.exception());
        assertTrue(dead.reason().startsWith("model bandit failed at version 0 (the update of model bandit from "
                + "version 0 failed (3 in a row): "), dead.reason());
        assertTrue(dead.reason().endsWith("; declare it again under a new model id"), dead.reason());
        assertEquals(List.of("other"), harness.policies().stream().map(PolicySnapshot::getModelId).toList());
    }

    @Test
    void snapshotTimestampsNeverGoBackwardsWhateverTheStepsCarry() {
        Instant late = Instant.parse("2026-06-01T00:00:00Z");
        harness.sendAt(step("e-1", 0, 1).build(), late);
        harness.sendAt(step("e-2", 0, 1).setPolicyVersion(1L).build(), late.minusSeconds(3600));

        List<PolicySnapshot> published = harness.policies();
        assertEquals(List.of(late, late), published.stream().map(PolicySnapshot::getCreatedAt).toList());
        assertEquals(List.of(late, late), harness.reports().stream().map(TrainingReport::getCreatedAt).toList());
    }

    @Test
    void snapshotRecordTimestampsNeverGoBackwardsEither() {
        Instant late = Instant.parse("2026-06-01T00:00:00Z");
        harness.sendAt(step("e-1", 0, 1).build(), late);
        harness.sendAt(step("e-2", 0, 1).setPolicyVersion(1L).build(), late.minusSeconds(3600));

        assertEquals(List.of(late, late), harness.policyTimestamps());
    }

    private void sendOverflowingEpisode(String episodeId) {
        for (int t = 0; t < 2; t++) {
            Step step = step(episodeId, t, 2).setReward(HUGE).build();
            harness.send(step);
        }
    }
}
