package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.learning.TestModels;
import io.policystreams.schemas.ContinuousAction;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of invalid step reaches the dead-letter topic with its original bytes and reason. */
class StepValidatorTest {

    private final TopologyHarness harness = new TopologyHarness(Map.of("episode.max.steps", 100));

    @BeforeEach
    void declareTheBandit() {
        harness.declare(bandit(4).build());
        harness.policies();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    static Stream<Arguments> invalidSteps() {
        return Stream.of(
                invalid("an unknown model", s -> s.setModelId("nobody"),
                        "model nobody has no published policy; declare it on the models topic and act from its "
                                + "version 0"),
                invalid("an empty episode id", s -> s.setEpisodeId(""), "episodeId must not be empty"),
                invalid("a model id with NUL", s -> s.setModelId("bandit\u0000x"),
                        "modelId must not contain NUL characters"),
                invalid("an episode id too long for a store key", s -> s.setEpisodeId("e".repeat(1025)),
                        "episodeId must have at most 1024 characters, had 1025"),
                invalid("a negative step index", s -> s.setStepIndex(-1),
                        "stepIndex must be in [0, 100) (episode.max.steps), was -1"),
                invalid("a step beyond the longest episode", s -> s.setStepIndex(100),
                        "stepIndex must be in [0, 100) (episode.max.steps), was 100"),
                invalid("a negative policy version", s -> s.setPolicyVersion(-1L),
                        "policyVersion must be >= 0, was -1"),
                invalid("an observation of the wrong size", s -> s.setObservation(List.of(1.0, 2.0)),
                        "observation must have 1 entries (the model's observationSize), had 2"),
                invalid("a non-finite observation", s -> s.setObservation(List.of(Double.NaN)),
                        "observation[0] must be finite, was NaN"),
                invalid("a next observation of the wrong size", s -> s.setNextObservation(List.of()),
                        "nextObservation must have 1 entries (the model's observationSize), had 0"),
                invalid("a truncated step without its next observation", s -> s.setTruncated(true),
                        "a truncated step needs nextObservation, to bootstrap V(s_T)"),
                invalid("an action index out of range", s -> s.setAction(new DiscreteAction(2)),
                        "action index must be in [0, 2), was 2"),
                invalid("a continuous action for a discrete model", s -> s.setAction(new ContinuousAction(List.of(0.5))),
                        "the model's action space is discrete, the action is continuous"),
                invalid("a positive log-probability", s -> s.setBehaviourLogProb(0.1),
                        "behaviourLogProb of a discrete action must be <= 0, was 0.1"),
                invalid("a non-finite log-probability", s -> s.setBehaviourLogProb(Double.NEGATIVE_INFINITY),
                        "behaviourLogProb must be finite, was -Infinity"),
                invalid("a non-finite reward", s -> s.setReward(Double.POSITIVE_INFINITY),
                        "reward must be finite, was Infinity"),
                invalid("an action mask of the wrong size", s -> s.setActionMask(List.of(true)),
                        "actionMask must have 2 entries (the model's action count), had 1"),
                invalid("an action mask that allows nothing", s -> s.setActionMask(List.of(false, false)),
                        "actionMask must allow at least one action"),
                invalid("an action its mask did not allow", s -> s.setActionMask(List.of(true, false)),
                        "action 1 is not allowed by the step's actionMask"));
    }

    private static Arguments invalid(String what, UnaryOperator<Step.Builder> breakIt, String reason) {
        return Arguments.of(what, breakIt, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSteps")
    void anInvalidStepIsDeadLetteredWithItsReasonAndOriginalBytes(String what, UnaryOperator<Step.Builder> breakIt,
                                                                   String reason) {
        Step bad = breakIt.apply(step("e-1", 0, 2)).build();
        byte[] original = harness.serializeStep(bad);

        harness.sendRaw("e-1", original);

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(1, dead.size());
        assertEquals(reason, dead.get(0).reason());
        assertEquals(RejectedRecordException.class.getName(), dead.get(0).exception());
        assertEquals("e-1", dead.get(0).key());
        assertArrayEquals(original, dead.get(0).value());
        assertEquals(null, harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1"));
    }

    /** The global store keeps the last good spec: garbage, a tombstone or a foreign snapshot never replace it. */
    @Test
    void unreadableOrForeignRecordsOnThePoliciesTopicLeaveThePublishedSpecAsItWas() {
        harness.publishRaw(TestModels.BANDIT, "29 bytes of text, not a model".getBytes(StandardCharsets.UTF_8));
        harness.publishRaw(TestModels.BANDIT, null);
        PolicySnapshot foreign = PolicySnapshot.newBuilder().setModelId("other").setVersion(0L)
                .setSpec(bandit(4).setObservationSize(3).setModelId("other").build())
                .setPolicyParameters(List.of()).setEpisodesConsumed(0L).setStepsConsumed(0L)
                .setCreatedAt(Instant.EPOCH).build();
        harness.publishRaw(TestModels.BANDIT, harness.serializeSnapshot(foreign));

        harness.send(step("e-1", 0, 2).build());

        assertTrue(harness.deadLetters().isEmpty());
        assertEquals(1, harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getReceived());
        assertEquals(1, harness.<PolicySnapshot>store(PublishedSpecs.STORE).get(TestModels.BANDIT).getSpec()
                .getObservationSize());
    }

    @Test
    void aTombstoneIsDeadLettered() {
        harness.sendRaw("e-1", null);
        harness.send(step("e-1", 0, 2).build());

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(1, dead.size());
        assertEquals("a step record needs a value; a tombstone (null value) is not a step", dead.get(0).reason());
        assertEquals(1, harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getReceived());
    }

    @Test
    void aKeyThatIsNotTheEpisodeIdIsDeadLettered() {
        harness.send("e-2", step("e-1", 0, 2).build());

        assertEquals("the record key must be the episode id e-1, was e-2", harness.deadLetters().get(0).reason());
    }

    /**
     * At least once here: under exactly-once the TopologyTestDriver drops the records a deserialization handler
     * returns (KIP-1034), while a real broker receives them; the end-to-end test checks that under exactly-once.
     */
    @Test
    void bytesThatDoNotDeserializeAreDeadLetteredAndProcessingContinues() {
        try (TopologyHarness atLeastOnce = new TopologyHarness(Map.of("processing.guarantee", "at_least_once"))) {
            atLeastOnce.declare(bandit(4).build());
            byte[] garbage = {0, 0, 0, 0, 42, 1, 2};
            atLeastOnce.sendRaw("e-1", garbage);
            atLeastOnce.send(step("e-1", 0, 2).build());

            List<TopologyHarness.DeadLetter> dead = atLeastOnce.deadLetters();
            assertEquals(1, dead.size());
            assertEquals(MalformedRecordException.class.getName(), dead.get(0).exception());
            assertArrayEquals(garbage, dead.get(0).value());
            assertEquals(1, atLeastOnce.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getReceived());
        }
    }

    @Test
    void aValidStepIsNotDeadLettered() {
        harness.send(step("e-1", 0, 2).setNextObservation(List.of(0.5)).build());
        harness.send(step("e-2", 0, 2).setActionMask(List.of(false, true)).build());

        assertTrue(harness.deadLetters().isEmpty());
    }
}
