package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;

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
 * @param actionMask       the actions allowed at s (π is renormalised over them), or null where all were
 */
public record TrainingSample(double[] observation, Action action, double behaviourLogProb, double advantage,
                             double valueTarget, double scoreWeight, ActionMask actionMask) {

    /** A sample whose state allowed every action. */
    public TrainingSample(double[] observation, Action action, double behaviourLogProb, double advantage,
                          double valueTarget, double scoreWeight) {
        this(observation, action, behaviourLogProb, advantage, valueTarget, scoreWeight, null);
    }

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

    /** The same sample with another advantage (as normalisation gives). */
    public TrainingSample withAdvantage(double newAdvantage) {
        return new TrainingSample(observation, action, behaviourLogProb, newAdvantage, valueTarget, scoreWeight,
                actionMask);
    }
}
