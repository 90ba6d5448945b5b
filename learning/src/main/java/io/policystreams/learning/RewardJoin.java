package io.policystreams.learning;

import io.policystreams.schemas.Decision;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.Reward;
import io.policystreams.schemas.RewardCombine;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.util.List;

/**
 * How a decision and its later rewards make a Step: which rewards count (those whose event time is within the
 * model's reward wait of the decision's), how several combine (the spec's {@link RewardCombine}), and the default
 * when none came. Pure functions of the records, so a joined log is reproducible.
 */
public final class RewardJoin {

    private RewardJoin() {
    }

    /** The model's wait: its spec's rewardWaitMs, or {@code learnerDefault} when that is 0. */
    public static Duration waitOf(Hyperparameters h, Duration learnerDefault) {
        return h.getRewardWaitMs() > 0 ? Duration.ofMillis(h.getRewardWaitMs()) : learnerDefault;
    }

    /** True when {@code reward} happened after the decision's event time plus the wait: it does not count. */
    public static boolean isLate(Decision decision, Reward reward, Duration wait) {
        return reward.getEventTime().isAfter(decision.getEventTime().plus(wait));
    }

    /**
     * The decision's reward: SUM of {@code rewards}, or the FIRST or LAST by event time (ties: the earlier in the
     * list, the order they arrived); {@code defaultReward} when the list is empty.
     */
    public static double combine(List<Reward> rewards, RewardCombine rule, double defaultReward) {
        if (rewards.isEmpty()) {
            return defaultReward;
        }
        return switch (rule) {
            case SUM -> rewards.stream().mapToDouble(Reward::getValue).sum();
            case FIRST -> rewards.stream().reduce((a, b) -> b.getEventTime().isBefore(a.getEventTime()) ? b : a)
                    .orElseThrow().getValue();
            case LAST -> rewards.stream().reduce((a, b) -> b.getEventTime().isAfter(a.getEventTime()) ? b : a)
                    .orElseThrow().getValue();
        };
    }

    /** The Step of {@code decision} with the rewards that came for it, as the model's spec combines them. */
    public static Step step(Decision decision, List<Reward> rewards, Hyperparameters h) {
        return Step.newBuilder()
                .setModelId(decision.getModelId())
                .setEpisodeId(decision.getEpisodeId())
                .setStepIndex(decision.getStepIndex())
                .setObservation(decision.getObservation())
                .setAction(decision.getAction())
                .setActionMask(decision.getActionMask())
                .setReward(combine(rewards, h.getRewardCombine(), h.getDefaultReward()))
                .setTerminated(decision.getTerminated())
                .setTruncated(decision.getTruncated())
                .setNextObservation(decision.getNextObservation())
                .setBehaviourLogProb(decision.getBehaviourLogProb())
                .setPolicyVersion(decision.getPolicyVersion())
                .setEventTime(decision.getEventTime())
                .setSimulatorId(decision.getActorId())
                .setRewardDefaulted(rewards.isEmpty())
                .build();
    }
}
