package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembler, observed through its store and the learner's pending batch (the bandit batches 10 episodes): what only
 * the live one does. The rules it shares with replay's are tested in {@link LiveEpisodeAssemblyTest}.
 */
class EpisodeAssemblerTest {

    private final TopologyHarness harness = new TopologyHarness();

    @BeforeEach
    void declareTheBandit() {
        harness.declare(bandit(10).build());
        harness.policies();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void outOfOrderStepsAreAssembledInStepOrder() {
        harness.send(step("e-1", 2, 3).build(), step("e-1", 0, 3).build());
        assertEquals(List.of(0, 2), bufferedIndices("e-1"));

        harness.send(step("e-1", 1, 3).build());

        assertEquals(List.of(List.of(0, 1, 2)), pendingEpisodes());
        assertEquals(List.of(), bufferedIndices("e-1"));
        assertTrue(harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getEmitted());
    }

    @Test
    void aStepAfterTheEndIsDeadLettered() {
        harness.send(step("e-1", 1, 2).build(), step("e-1", 2, 4).build());

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(1, dead.size());
        assertEquals("episode e-1 ended at step 1; step 2 comes after its end", dead.get(0).reason());
        assertEquals(List.of(1), bufferedIndices("e-1"));
    }

    /** Each step fits the old per-step extrapolation ((t + 1) × its size), but together they do not fit a record. */
    @Test
    void stepsThatTogetherOverflowTheEpisodeRecordAreDeadLettered() {
        try (TopologyHarness small = new TopologyHarness(Map.of("episode.max.bytes", 65_536))) {
            small.declare(bandit(4).build());
            small.policies();
            small.send(step("e-1", 0, 4).setSimulatorId("s".repeat(8_000)).build(),
                    step("e-1", 1, 4).setSimulatorId("s".repeat(6_000)).build(),
                    step("e-1", 2, 4).setSimulatorId("s".repeat(4_000)).build());

            List<TopologyHarness.DeadLetter> dead = small.deadLetters();
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).reason().startsWith("episode e-1 would take about "), dead.get(0).reason());
            assertTrue(dead.get(0).reason().endsWith(" bytes with step 2, over episode.max.bytes 65536"));
            assertEquals(2, small.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getReceived());
        }
    }

    /** Ids cannot hold NUL, so the prefix "e" + NUL of episode e matches no other episode's steps. */
    @Test
    void anEpisodeIdThatExtendsAnotherWithNulCannotMixTheirSteps() {
        harness.send("e\u0000x", step("e\u0000x", 0, 2).build());
        harness.send(step("e", 0, 2).build(), step("e", 1, 2).build());

        assertEquals("episodeId must not contain NUL characters", harness.deadLetters().get(0).reason());
        assertEquals(List.of(List.of(0, 1)), pendingEpisodes());
    }

    @Test
    void aStepNamingAnotherModelThanItsEpisodeIsDeadLettered() {
        harness.declare(bandit(10).setModelId("other").build());
        harness.send(step("e-1", 0, 3).build(), step("e-1", 1, 3).setModelId("other").build());

        assertEquals("episode e-1 belongs to model bandit; this step names model other",
                harness.deadLetters().get(0).reason());
    }

    @Test
    void anIncompleteEpisodeIdlePastTheTimeoutIsDeadLetteredStepByStep() {
        Step first = step("e-1", 0, 5).build();
        Step third = step("e-1", 2, 5).build();
        harness.send(first, third);

        harness.advanceWallClock(Duration.ofSeconds(59));
        assertTrue(harness.deadLetters().isEmpty());
        harness.advanceWallClock(Duration.ofSeconds(2));

        List<TopologyHarness.DeadLetter> dead = harness.deadLetters();
        assertEquals(List.of(first, third), dead.stream().map(d -> harness.deserializeStep(d.value())).toList());
        assertEquals(EpisodeAssembler.EXPIRED, dead.get(0).exception());
        assertEquals("episode e-1 of model bandit was idle for 61000 ms (episode.idle.timeout.ms 60000) and "
                + "incomplete: steps 0, 2 received; no step ended it", dead.get(0).reason());
        assertEquals(List.of("steps", "steps"), dead.stream().map(TopologyHarness.DeadLetter::topic).toList());
        assertEquals(List.of("0", "1"), dead.stream().map(TopologyHarness.DeadLetter::offset).toList());
        assertNull(harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1"));
        assertEquals(List.of(), bufferedIndices("e-1"));
    }

    @Test
    void stepsSortByIndexBeyondNineInTheStore() {
        for (int t = 11; t >= 0; t--) {
            harness.send(step("e-1", t, 12).build());
        }

        assertEquals(List.of(java.util.stream.IntStream.range(0, 12).boxed().toList()), pendingEpisodes());
    }

    @Test
    void aStepKeepsItsEpisodeAliveAndTheMarkerOfAnEmittedEpisodeIsForgottenAfterTheTimeout() {
        harness.send(step("e-1", 0, 2).build());
        harness.advanceWallClock(Duration.ofSeconds(50));
        harness.send(step("e-1", 1, 2).build(), step("e-2", 0, 3).build());
        harness.advanceWallClock(Duration.ofSeconds(50));
        assertTrue(harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1").getEmitted());

        harness.advanceWallClock(Duration.ofSeconds(11));

        assertNull(harness.<EpisodeBuffer>store(EpisodeAssembler.BUFFERS).get("e-1"));
        assertEquals(1, harness.deadLetters().size());
    }

    @Test
    void rejectedStepsLeaveTheBufferUnchanged() {
        harness.send(step("e-1", 0, 3).build());
        harness.send(step("e-1", 1, 3).setModelId("nobody").build());

        assertEquals(RejectedRecordException.class.getName(), harness.deadLetters().get(0).exception());
        assertEquals(List.of(0), bufferedIndices("e-1"));
    }

    private List<Integer> bufferedIndices(String episodeId) {
        List<Integer> indices = new ArrayList<>();
        try (KeyValueIterator<String, Step> stored = harness.<Step>store(EpisodeAssembler.STEPS)
                .prefixScan(episodeId + '\u0000', new StringSerializer())) {
            stored.forEachRemaining(entry -> indices.add(entry.value.getStepIndex()));
        }
        return indices;
    }

    private List<List<Integer>> pendingEpisodes() {
        List<List<Integer>> episodes = new ArrayList<>();
        try (KeyValueIterator<String, Episode> all = harness.<Episode>store(LearnerStoreLayout.BATCH_EPISODES).all()) {
            while (all.hasNext()) {
                KeyValue<String, Episode> entry = all.next();
                episodes.add(entry.value.getSteps().stream().map(Step::getStepIndex).toList());
            }
        }
        return episodes;
    }
}
