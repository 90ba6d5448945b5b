package io.policystreams.app.processor;

import io.policystreams.app.errors.DeadLetters;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.learning.Ids;
import io.policystreams.learning.RewardJoin;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.RewardWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins decisions with their later rewards (key: decision id), both kept in {@value #WINDOWS}:
 * <ul>
 *   <li>a decision waits for its model's reward wait ({@link RewardJoin#waitOf}) plus the grace, wall clock, from
 *       when it arrives; rewards count when their event time is within the wait of the decision's
 *       ({@link RewardJoin#isLate}), so one that happened in time but reached the learner a little later counts;</li>
 *   <li>a reward may come first: it waits up to the orphan timeout for its decision;</li>
 *   <li>every punctuation interval (wall clock, so windows close while nothing arrives), each window due in
 *       {@value #DEADLINES} closes: the joined Step goes on ({@link RewardJoin#step}, the default reward when none
 *       came), and the id stays as a closed marker for the closed retention;</li>
 *   <li>emitted as unclaimed, to be dead-lettered with the reason: a late reward ({@value #LATE}: after the wait,
 *       or after its window closed) and a reward whose decision never came ({@value #UNCLAIMED}). A duplicate
 *       decision or reward is ignored; a malformed key or a decision of an undeclared model is rejected.</li>
 * </ul>
 * Everything lives in changelogged stores, so under exactly-once a restart resumes every open window.
 */
public final class RewardJoiner implements Processor<String, DecisionOrReward, String, JoinedDecision> {

    public static final String WINDOWS = "reward-windows";
    /** When each window has its next turn: key {@code <13-digit wall-clock ms>/<decision id>}, value the id. */
    public static final String DEADLINES = "reward-deadlines";
    /** The exception header of a dead-lettered reward whose decision never came. */
    public static final String UNCLAIMED = "reward-unclaimed";
    /** The exception header of a dead-lettered reward that came after its decision's wait. */
    public static final String LATE = "reward-late";

    private static final Logger LOG = LoggerFactory.getLogger(RewardJoiner.class);

    private final Duration defaultWait;
    private final Duration grace;
    private final Duration orphanTimeout;
    private final Duration closedRetention;
    private final Duration punctuationInterval;
    private ProcessorContext<String, JoinedDecision> context;
    private KeyValueStore<String, RewardWindow> windows;
    private KeyValueStore<String, String> deadlines;
    private ReadOnlyKeyValueStore<String, PolicySnapshot> publishedSpecs;

    public RewardJoiner(Duration defaultWait, Duration grace, Duration orphanTimeout, Duration closedRetention,
                        Duration punctuationInterval) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the reward grace must be >= 0, was " + grace);
        }
        for (Duration d : List.of(defaultWait, orphanTimeout, closedRetention, punctuationInterval)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the reward joiner's durations must be positive, were "
                        + List.of(defaultWait, orphanTimeout, closedRetention, punctuationInterval));
            }
        }
        this.defaultWait = defaultWait;
        this.grace = grace;
        this.orphanTimeout = orphanTimeout;
        this.closedRetention = closedRetention;
        this.punctuationInterval = punctuationInterval;
    }

    @Override
    public void init(ProcessorContext<String, JoinedDecision> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.deadlines = context.getStateStore(DEADLINES);
        this.publishedSpecs = context.getStateStore(PublishedSpecs.STORE);
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::closeDueWindows);
    }

    @Override
    public void process(Record<String, DecisionOrReward> record) {
        String decisionId = record.key();
        Ids.violation("decisionId (the record key)", decisionId).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        if (record.value().decision() == null && record.value().reward() == null) {
            throw new RejectedRecordException("a decision or reward record needs a value; a tombstone (null value) "
                    + "is neither");
        }
        if (record.value().decision() != null) {
            take(decisionId, record.value().decision());
        } else {
            take(decisionId, record.value().reward());
        }
    }

    private void take(String decisionId, Decision decision) {
        requireKey(decisionId, decision.getDecisionId());
        Hyperparameters h = publishedHyperparameters(decision.getModelId());
        RewardWindow window = windows.get(decisionId);
        if (window != null && (window.getClosed() || decision.equals(window.getDecision()))) {
            LOG.debug("ignoring decision {}: already {}", decisionId, window.getClosed() ? "closed" : "waiting");
            return;
        }
        if (window != null && window.getDecision() != null) {
            throw new RejectedRecordException("decision " + decisionId + " already waits for its rewards with other "
                    + "contents; a decision id is never reused");
        }
        Duration wait = RewardJoin.waitOf(h, defaultWait);
        List<Reward> counted = new ArrayList<>();
        for (Reward early : window == null ? List.<Reward>of() : window.getRewards()) {
            if (RewardJoin.isLate(decision, early, wait)) {
                emitUnclaimed(decisionId, early, LATE, lateReason(decision, early, wait));
            } else {
                counted.add(early);
            }
        }
        schedule(decisionId, window, new RewardWindow(decision, counted, now() + wait.plus(grace).toMillis(),
                false));
    }

    private void take(String decisionId, Reward reward) {
        requireKey(decisionId, reward.getDecisionId());
        RewardWindow window = windows.get(decisionId);
        if (window == null) {
            schedule(decisionId, null, new RewardWindow(null, new ArrayList<>(List.of(reward)),
                    now() + orphanTimeout.toMillis(), false));
            return;
        }
        if (window.getClosed()) {
            emitUnclaimed(decisionId, reward, LATE, "the reward came after decision " + decisionId
                    + "'s window closed");
            return;
        }
        Decision decision = window.getDecision();
        if (decision != null) {
            Duration wait = RewardJoin.waitOf(publishedHyperparameters(decision.getModelId()), defaultWait);
            if (RewardJoin.isLate(decision, reward, wait)) {
                emitUnclaimed(decisionId, reward, LATE, lateReason(decision, reward, wait));
                return;
            }
        }
        if (window.getRewards().contains(reward)) {
            LOG.debug("ignoring a duplicate reward for decision {}", decisionId);
            return;
        }
        window.getRewards().add(reward);
        windows.put(decisionId, window);
    }

    /** Each window due by now takes its turn: closes with its step, gives up its orphans, or is forgotten. */
    private void closeDueWindows(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(deadlineKey(0, ""),
                deadlineKey(now, "\uffff"))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            String decisionId = entry.value;
            RewardWindow window = windows.get(decisionId);
            if (window == null || !entry.key.equals(deadlineKey(window.getClosesAt(), decisionId))) {
                continue;
            }
            if (window.getClosed()) {
                windows.delete(decisionId);
            } else if (window.getDecision() == null) {
                for (Reward orphan : window.getRewards()) {
                    emitUnclaimed(decisionId, orphan, UNCLAIMED, "no decision " + decisionId + " arrived within "
                            + orphanTimeout.toMillis() + " ms of its reward (reward.orphan.timeout.ms)");
                }
                windows.delete(decisionId);
            } else {
                Decision decision = window.getDecision();
                context.forward(new Record<>(decision.getEpisodeId(), JoinedDecision.joined(RewardJoin.step(decision,
                        window.getRewards(), publishedHyperparameters(decision.getModelId()))), now));
                schedule(decisionId, window, new RewardWindow(null, List.of(), now + closedRetention.toMillis(),
                        true));
            }
        }
    }

    /** Stores {@code next} and moves the id's turn from {@code previous}'s time (if any) to {@code next}'s. */
    private void schedule(String decisionId, RewardWindow previous, RewardWindow next) {
        if (previous != null) {
            deadlines.delete(deadlineKey(previous.getClosesAt(), decisionId));
        }
        windows.put(decisionId, next);
        deadlines.put(deadlineKey(next.getClosesAt(), decisionId), decisionId);
    }

    private void emitUnclaimed(String decisionId, Reward reward, String exception, String reason) {
        context.forward(new Record<>(decisionId, JoinedDecision.unclaimed(reward), now(),
                DeadLetters.addReason(new RecordHeaders(), exception, reason)));
    }

    private Hyperparameters publishedHyperparameters(String modelId) {
        PolicySnapshot published = publishedSpecs.get(modelId);
        if (published == null) {
            throw new RejectedRecordException("model " + modelId + " has no published policy; declare it on the "
                    + "models topic and decide from its version 0");
        }
        return published.getSpec().getHyperparameters();
    }

    private long now() {
        return context.currentSystemTimeMs();
    }

    private static void requireKey(String key, String decisionId) {
        if (!key.equals(decisionId)) {
            throw new RejectedRecordException("the record key must be the decision id " + decisionId + ", was "
                    + key);
        }
    }

    private static String lateReason(Decision decision, Reward reward, Duration wait) {
        return "the reward for decision " + decision.getDecisionId() + " happened at " + reward.getEventTime()
                + ", after the decision's " + decision.getEventTime() + " plus its model's reward wait of "
                + wait.toMillis() + " ms";
    }

    private static String deadlineKey(long wallClockMillis, String decisionId) {
        return StoreKeys.zeroPadded(wallClockMillis, 13) + "/" + decisionId;
    }
}
