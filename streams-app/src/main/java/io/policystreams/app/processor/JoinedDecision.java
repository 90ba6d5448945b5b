package io.policystreams.app.processor;

import io.policystreams.schemas.Reward;
import io.policystreams.schemas.Step;

/**
 * What the reward joiner emits: a decision joined with its rewards, as the Step the rest of the pipeline learns
 * from (key: episode id), or a reward no decision claimed, to be dead-lettered with the reason in its headers
 * (key: decision id).
 */
public record JoinedDecision(Step step, Reward unclaimedReward) {

    public static JoinedDecision joined(Step step) {
        return new JoinedDecision(step, null);
    }

    public static JoinedDecision unclaimed(Reward reward) {
        return new JoinedDecision(null, reward);
    }

    public boolean isJoined() {
        return step != null;
    }
}
