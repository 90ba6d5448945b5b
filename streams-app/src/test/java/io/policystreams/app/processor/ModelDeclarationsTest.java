package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.binding.ModelSpecs;
import io.policystreams.binding.Vectors;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.PolicySnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelDeclarationsTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void declaringAModelPublishesVersionZeroWithTheSeededParameters() {
        ModelSpec spec = bandit(4).build();

        harness.declare(spec);

        List<PolicySnapshot> published = harness.policies();
        assertEquals(1, published.size());
        PolicySnapshot v0 = published.get(0);
        assertEquals(0L, v0.getVersion());
        assertEquals(spec, v0.getSpec());
        assertArrayEquals(ModelSpecs.bind(spec).initialParameters().theta(),
                Vectors.toArray(v0.getPolicyParameters()));
        assertTrue(harness.reports().isEmpty());
        LearnerState stored = harness.<LearnerState>store(LearnerStoreLayout.MODELS).get(spec.getModelId());
        assertEquals(0L, stored.getVersion());
    }

    @Test
    void declaringTheSameSpecAgainChangesNothing() {
        harness.declare(bandit(4).build());
        harness.policies();

        harness.declare(bandit(4).build());

        assertTrue(harness.policies().isEmpty());
        assertTrue(harness.deadLetters().isEmpty());
    }

    @Test
    void aChangedSpecForALiveModelIsDeadLetteredNamingTheChangedFields() {
        harness.declare(bandit(4).build());
        ModelSpec changed = bandit(4).setSeed(8L).setHyperparameters(Hyperparameters.newBuilder(
                bandit(4).getHyperparameters()).setGamma(0.5).build()).build();

        harness.declare(changed);

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(1, dead.size());
        assertEquals(RejectedRecordException.class.getName(), dead.get(0).exception());
        assertEquals("model bandit is live at version 0 with a different spec (changed: hyperparameters.gamma, seed);"
                + " declare the changed spec under a new model id", dead.get(0).reason());
        assertEquals("models", dead.get(0).topic(), "the input topic, not the internal repartition topic");
        assertEquals("1", dead.get(0).offset());
        assertEquals(bandit(4).build(),
                harness.<LearnerState>store(LearnerStoreLayout.MODELS).get("bandit").getSpec());
    }

    @Test
    void anInvalidSpecIsDeadLetteredWithTheFieldItBreaks() {
        harness.declare(bandit(4).setObservationSize(0).build());

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(1, dead.size());
        assertEquals("invalid spec for model bandit: observationSize must be >= 1, was 0", dead.get(0).reason());
        assertTrue(harness.policies().isEmpty());
    }

    @Test
    void aSpecWithAnInfiniteLearningRateIsDeadLetteredAtTheModelsTopic() {
        harness.declare(bandit(4).setHyperparameters(Hyperparameters.newBuilder(bandit(4).getHyperparameters())
                .setLearningRate(Double.POSITIVE_INFINITY).build()).build());

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals("invalid spec for model bandit: learningRate must be finite and > 0, was Infinity",
                dead.get(0).reason());
        assertEquals("models", dead.get(0).topic());
        assertTrue(harness.policies().isEmpty());
    }

    @Test
    void aSpecWhoseSnapshotsWouldNotFitThePoliciesTopicIsDeadLettered() {
        try (TopologyHarness small = new TopologyHarness(Map.of("policy.max.bytes", 65_536))) {
            small.declare(bandit(4).setPolicyNetwork(NetworkArchitecture.newBuilder()
                    .setHiddenSizes(List.of(200, 200)).build()).build());
            small.declare(bandit(4).setModelId("small").build());

            List<TopologyHarness.DeadLetter> dead = small.deadLetters();
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).reason().startsWith("model bandit has 41002 parameters: its snapshots would take "
                    + "about "), dead.get(0).reason());
            assertTrue(dead.get(0).reason().endsWith(" bytes, over policy.max.bytes 65536; declare smaller networks, "
                    + "or raise policy.max.bytes"), dead.get(0).reason());
            assertEquals(List.of("small"), small.policies().stream().map(PolicySnapshot::getModelId).toList());
        }
    }

    @Test
    void aTombstoneIsIgnoredAndAMismatchedOrMissingKeyIsDeadLettered() {
        harness.declare(bandit(4).build());
        harness.declareRaw("bandit", null);
        harness.declareRaw(null, harness.serializeSpec(bandit(4).build()));
        harness.declareRaw("other", harness.serializeSpec(bandit(4).build()));

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(List.of("the record key must be the model id bandit, was null",
                "the record key must be the model id bandit, was other"),
                dead.stream().map(TopologyHarness.DeadLetter::reason).toList());
        assertEquals(1, harness.policies().size());
        assertEquals(0L, harness.<LearnerState>store(LearnerStoreLayout.MODELS).get("bandit").getVersion());
    }

    @Test
    void theSameSpecUnderANewModelIdIsANewModel() {
        harness.declare(bandit(4).build());
        harness.declare(bandit(4).setModelId("bandit-2").setSeed(8L).build());

        List<PolicySnapshot> published = harness.policies();
        assertEquals(List.of("bandit", "bandit-2"), published.stream().map(PolicySnapshot::getModelId).toList());
    }
}
