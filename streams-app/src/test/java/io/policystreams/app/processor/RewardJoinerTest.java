package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.app.topology.TopologyHarness.DeadLetter;
import io.policystreams.learning.TestModels;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.RewardCombine;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reward joiner in the production topology, wall-clock time advanced by hand: the learner waits 10 s for a
 * decision's rewards, 30 s for an orphan reward's decision, and remembers a closed decision for 60 s.
 */
class RewardJoinerTest {

    private static final Instant DECIDED = TopologyHarness.START;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TopologyHarness harness;

    private TopologyHarness start(RewardCombine rule, long modelWaitMs) {
        harness = new TopologyHarness(Map.of("reward.wait.ms", WAIT.toMillis(), "reward.grace.ms", 0L,
                "reward.orphan.timeout.ms", 30_000L,
                "reward.closed.retention.ms", 60_000L, "reward.punctuation.interval.ms", 1_000L));
        ModelSpec spec = bandit(1).build();
        spec.getHyperparameters().setRewardCombine(rule);
        spec.getHyperparameters().setRewardWaitMs(modelWaitMs);
        spec.getHyperparameters().setDefaultReward(-0.25);
        harness.declare(spec);
        harness.policies();
        return harness;
    }

    private TopologyHarness start() {
        return start(RewardCombine.SUM, 0);
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRewardAfterItsDecisionJoinsItWhenTheWindowCloses() {
        start().decide(decision("d1"));
        harness.reward(reward("d1", 1.0, 2_000));
        harness.advanceWallClock(Duration.ofSeconds(9));
        assertEquals(List.of(), harness.stepsWritten(), "the window is still open");

        harness.advanceWallClock(Duration.ofSeconds(2));
        List<KeyValue<String, Step>> steps = harness.stepsWritten();
        assertEquals(1, steps.size());
        assertEquals("episode-d1", steps.get(0).key, "keyed by episode id, as every step");
        Step step = steps.get(0).value;
        assertEquals(1.0, step.getReward());
        assertFalse(step.getRewardDefaulted());
        assertEquals(-0.5, step.getBehaviourLogProb());
        assertEquals("service-a", step.getSimulatorId());
        assertEquals(DECIDED, step.getEventTime());
        assertEquals(1, harness.policies().size(), "the joined step went on and trained version 1");
    }

    @Test
    void aRewardInTimeThatReachesTheLearnerWithinTheGraceCounts() {
        harness = new TopologyHarness(Map.of("reward.wait.ms", WAIT.toMillis(), "reward.grace.ms", 3_000L));
        harness.declare(bandit(1).build());
        harness.policies();
        harness.decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        harness.reward(reward("d1", 1.0, 9_500)); // happened in time, arrived after the wait
        harness.advanceWallClock(Duration.ofSeconds(1));
        assertEquals(List.of(), harness.stepsWritten(), "still open: 10 s of wait and 3 s of grace");

        harness.advanceWallClock(Duration.ofSeconds(2));
        assertEquals(1.0, onlyStep(harness.stepsWritten()).getReward());
    }

    @Test
    void aRewardBeforeItsDecisionWaitsForIt() {
        start().reward(reward("d1", 0.75, 500));
        harness.advanceWallClock(Duration.ofSeconds(5));
        harness.decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));

        Step step = onlyStep(harness.stepsWritten());
        assertEquals(0.75, step.getReward());
        assertFalse(step.getRewardDefaulted());
        assertEquals(0, harness.unreadDeadLetters());
    }

    @Test
    void withNoRewardAndNoOtherRecordTheWindowClosesWithTheDefault() {
        start().decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));

        Step step = onlyStep(harness.stepsWritten());
        assertEquals(-0.25, step.getReward());
        assertTrue(step.getRewardDefaulted());
    }

    @Test
    void aLateRewardIsDeadLetteredAndTheOthersCount() {
        start().decide(decision("d1"));
        harness.reward(reward("d1", 1.0, 1_000));
        harness.reward(reward("d1", 5.0, 10_001));

        DeadLetter late = only(harness.deadLetters());
        assertEquals(RewardJoiner.LATE, late.exception());
        assertTrue(late.reason().contains("plus its model's reward wait of 10000 ms"), late.reason());
        assertEquals(5.0, harness.deserializeReward(late.value()).getValue(), "the reward, as on its topic");
        harness.advanceWallClock(Duration.ofSeconds(11));
        assertEquals(1.0, onlyStep(harness.stepsWritten()).getReward());
    }

    @Test
    void anEarlyRewardThatTurnsOutLateIsDeadLetteredWhenItsDecisionArrives() {
        start().reward(reward("d1", 5.0, 20_000));
        harness.decide(decision("d1"));

        assertEquals(RewardJoiner.LATE, only(harness.deadLetters()).exception());
        harness.advanceWallClock(Duration.ofSeconds(11));
        assertTrue(onlyStep(harness.stepsWritten()).getRewardDefaulted());
    }

    @Test
    void aRewardAfterTheWindowClosedIsDeadLetteredAsLate() {
        start().decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        onlyStep(harness.stepsWritten());
        harness.reward(reward("d1", 1.0, 3_000));

        DeadLetter late = only(harness.deadLetters());
        assertEquals(RewardJoiner.LATE, late.exception());
        assertTrue(late.reason().contains("window closed"), late.reason());
        assertEquals(List.of(), harness.stepsWritten(), "nothing is joined twice");
    }

    @Test
    void aDuplicateRewardCountsOnceAndARedeliveredDecisionIsIgnored() {
        start().decide(decision("d1"));
        harness.reward(reward("d1", 1.0, 1_000));
        harness.reward(reward("d1", 1.0, 1_000));
        harness.decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        harness.decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));

        assertEquals(1.0, onlyStep(harness.stepsWritten()).getReward());
        assertEquals(0, harness.unreadDeadLetters());
    }

    @ParameterizedTest
    @CsvSource({"SUM, 7.0", "FIRST, 4.0", "LAST, 2.0"})
    void severalRewardsCombineByTheModelsRule(RewardCombine rule, double expected) {
        start(rule, 0).decide(decision("d1"));
        harness.reward(reward("d1", 1.0, 3_000));
        harness.reward(reward("d1", 2.0, 9_000)); // the last by event time
        harness.reward(reward("d1", 4.0, 1_000)); // the first by event time, arriving last
        harness.advanceWallClock(Duration.ofSeconds(11));

        assertEquals(expected, onlyStep(harness.stepsWritten()).getReward());
    }

    @Test
    void theModelsOwnWaitOverridesTheLearners() {
        start(RewardCombine.SUM, 20_000).decide(decision("d1"));
        harness.reward(reward("d1", 1.0, 15_000));
        harness.advanceWallClock(Duration.ofSeconds(11));
        assertEquals(List.of(), harness.stepsWritten(), "the model waits 20 s");

        harness.advanceWallClock(Duration.ofSeconds(10));
        assertEquals(1.0, onlyStep(harness.stepsWritten()).getReward());
    }

    @Test
    void aRewardForADecisionThatNeverComesIsDeadLetteredAfterTheOrphanTimeout() {
        start().reward(reward("ghost", 1.0, 0));
        harness.advanceWallClock(Duration.ofSeconds(29));
        assertEquals(0, harness.unreadDeadLetters());

        harness.advanceWallClock(Duration.ofSeconds(2));
        DeadLetter unclaimed = only(harness.deadLetters());
        assertEquals("ghost", unclaimed.key());
        assertEquals(RewardJoiner.UNCLAIMED, unclaimed.exception());
        assertTrue(unclaimed.reason().contains("no decision ghost arrived within 30000 ms"), unclaimed.reason());
        assertEquals(reward("ghost", 1.0, 0), harness.deserializeReward(unclaimed.value()));
    }

    @Test
    void aClosedDecisionIsForgottenAfterTheRetention() {
        start().decide(decision("d1"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        onlyStep(harness.stepsWritten());
        harness.advanceWallClock(Duration.ofSeconds(61));
        assertEquals(null, harness.<Object>store(RewardJoiner.WINDOWS).get("d1"));
        assertFalse(harness.<Object>store(RewardJoiner.DEADLINES).all().hasNext(), "no turn is left scheduled");
    }

    @Test
    void badDecisionsAndRewardsAreRejectedWithTheirReason() {
        start().decide(Decision.newBuilder(decision("d1")).setModelId("nobody").build());
        harness.decide(decision("d2"));
        harness.decide(Decision.newBuilder(decision("d2")).setObservation(List.of(9.0)).build());
        harness.rewardRaw("d3", null);
        harness.rewardRaw("other", harness.serializeReward(reward("d4", 1.0, 0)));

        List<DeadLetter> rejected = harness.deadLetters();
        assertEquals(4, rejected.size());
        rejected.forEach(d -> assertEquals(RejectedRecordException.class.getName(), d.exception()));
        assertTrue(rejected.get(0).reason().contains("model nobody has no published policy"));
        assertTrue(rejected.get(1).reason().contains("already waits for its rewards with other contents"));
        assertTrue(rejected.get(2).reason().contains("tombstone"));
        assertTrue(rejected.get(3).reason().contains("the record key must be the decision id d4, was other"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        assertEquals(List.of(0.0), harness.stepsWritten().stream().map(kv -> kv.value.getObservation().get(0))
                .toList(), "the first d2 is joined as it came");
    }

    private static Decision decision(String id) {
        return Decision.newBuilder()
                .setModelId(TestModels.BANDIT)
                .setDecisionId(id)
                .setEpisodeId("episode-" + id)
                .setStepIndex(0)
                .setObservation(List.of(0.0))
                .setAction(new DiscreteAction(1))
                .setBehaviourLogProb(-0.5)
                .setPolicyVersion(0L)
                .setEventTime(DECIDED)
                .setTerminated(true)
                .setTruncated(false)
                .setActorId("service-a")
                .build();
    }

    /** A reward {@code afterMillis} after the decision's event time. */
    private static Reward reward(String decisionId, double value, long afterMillis) {
        return new Reward(decisionId, value, DECIDED.plusMillis(afterMillis), "click");
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), "exactly one: " + items);
        return items.get(0);
    }

    private static Step onlyStep(List<KeyValue<String, Step>> steps) {
        return only(steps).value;
    }
}
