package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.distribution.Action;

/**
 * One step as a loss sees it.
 *
 * @param observation      s, not copied
 * @param action           a
 * @param behaviourLogProb log μ(a|s): the log-probability the importance ratio is taken against (the behaviour
 *                         policy, or π_θold at the start of a PPO update)
 * @param advantage        Ψ: reward-to-go, G − b, TD error or GAE Â, as the algorithm chose
 * @param valueTarget      the regression target of V(s) (λ-return, reward-to-go or V-trace v_s)
 * @param scoreWeight      constant factor c on the score term of {@link PolicyGradientLoss}: γ^t under the exact
 *                         theorem, times a truncated importance weight for off-policy data; 1 for plain use
 */
public record TrainingSample(double[] observation, Action action, double behaviourLogProb, double advantage,
                             double valueTarget, double scoreWeight) {

    public TrainingSample {
        Preconditions.requireFinite("observation", observation);
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        Preconditions.requireFinite("behaviourLogProb", behaviourLogProb);
        Preconditions.requireFinite("advantage", advantage);
        Preconditions.requireFinite("valueTarget", valueTarget);
        Preconditions.requireNonNegative("scoreWeight", scoreWeight);
    }
}
