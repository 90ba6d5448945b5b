package io.policystreams.policy.algorithm;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.Trajectory;

/**
 * The hyperparameters an update reads; defaults follow cleanrl's PPO and the ModelSpec schema.
 *
 * @param gamma              discount γ ∈ [0, 1]
 * @param lambda             GAE λ ∈ [0, 1]
 * @param entropyCoefficient β ≥ 0, weight of the entropy bonus
 * @param valueCoefficient   c_v &gt; 0, weight of the value loss
 * @param clipEpsilon        PPO's ε ∈ (0, 1)
 * @param epochs             PPO passes over a batch, ≥ 1
 * @param minibatchSize      PPO steps per gradient step; 0 for the whole batch
 * @param normalizeAdvantages standardise advantages per (mini)batch
 * @param discountWeighting  weight step t's score by γ^t (REINFORCE), as the theorem states
 * @param baseline           REINFORCE's baseline
 * @param baselineWindow     window of the running-mean baseline, ≥ 1
 * @param rhoBar             truncation ρ̄ ≥ 0 of the importance weights on the score
 * @param cBar               V-trace's truncation c̄ ∈ [0, ρ̄] of the trace coefficients (actor-critic)
 * @param maxGradNorm        global-norm clipping threshold; 0 or less disables clipping
 * @param rewardScale        c &gt; 0: returns, advantages and V(s) are computed from c·r_t (reports keep r_t)
 */
public record TrainingSettings(double gamma, double lambda, double entropyCoefficient, double valueCoefficient,
                               double clipEpsilon, int epochs, int minibatchSize, boolean normalizeAdvantages,
                               boolean discountWeighting, Baseline baseline, long baselineWindow, double rhoBar,
                               double cBar, double maxGradNorm, double rewardScale) {

    /** REINFORCE's baseline b(s_t), subtracted from G_t. */
    public enum Baseline { NONE, RUNNING_MEAN, PER_TIMESTEP, LEARNED_VALUE }

    public TrainingSettings {
        Preconditions.requireDiscount(gamma);
        Preconditions.requireUnitInterval("lambda", lambda);
        Preconditions.requireNonNegative("entropyCoefficient", entropyCoefficient);
        Preconditions.requirePositive("valueCoefficient", valueCoefficient);
        if (!(clipEpsilon > 0.0 && clipEpsilon < 1.0)) {
            throw new IllegalArgumentException("clipEpsilon must be in (0, 1), was " + clipEpsilon);
        }
        Preconditions.requireAtLeast("epochs", epochs, 1);
        Preconditions.requireAtLeast("minibatchSize", minibatchSize, 0);
        if (baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        if (baselineWindow < 1) {
            throw new IllegalArgumentException("baselineWindow must be >= 1, was " + baselineWindow);
        }
        Preconditions.requireNonNegative("rhoBar", rhoBar);
        Preconditions.requireNonNegative("cBar", cBar);
        if (cBar > rhoBar) {
            throw new IllegalArgumentException("cBar must be <= rhoBar (" + rhoBar + "), was " + cBar);
        }
        Preconditions.requireFinite("maxGradNorm", maxGradNorm);
        Preconditions.requirePositive("rewardScale", rewardScale);
    }

    /** c·r_0..c·r_{T−1}, the rewards an update learns from; the trajectory's own array when c = 1. */
    public double[] rewardsOf(Trajectory tau) {
        double[] rewards = tau.rewards();
        if (rewardScale == 1.0) {
            return rewards;
        }
        double[] scaled = new double[rewards.length];
        for (int t = 0; t < rewards.length; t++) {
            scaled[t] = rewardScale * rewards[t];
        }
        return scaled;
    }

    /** γ 0.99, λ 0.95, β 0, c_v 0.5, ε 0.2, 4 epochs, minibatches of 64, normalised advantages, no γ^t
     *  weighting, running-mean baseline over 100 returns, ρ̄ = c̄ = 1, clipping at 0.5, rewards unscaled. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(0.99, 0.95, 0.0, 0.5, 0.2, 4, 64, true, false, Baseline.RUNNING_MEAN, 100,
                1.0, 1.0, 0.5, 1.0);
    }
}
