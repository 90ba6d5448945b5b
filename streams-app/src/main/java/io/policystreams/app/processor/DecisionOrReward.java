package io.policystreams.app.processor;

import io.policystreams.schemas.Decision;
import io.policystreams.schemas.Reward;

/** One input of the reward joiner, keyed by decision id: a decision from the decisions topic, or a reward. */
public record DecisionOrReward(Decision decision, Reward reward) {

    public static DecisionOrReward of(Decision decision) {
        return new DecisionOrReward(decision, null);
    }

    public static DecisionOrReward of(Reward reward) {
        return new DecisionOrReward(null, reward);
    }
}
