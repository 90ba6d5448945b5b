package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.StochasticPolicy;
import java.util.List;

/**
 * PPO's clipped surrogate (Schulman et al. 2017, eq. 7) with an entropy bonus:
 * L(θ) = −(1/N) Σ_i min(ρ_i Â_i, clip(ρ_i, 1−ε, 1+ε) Â_i) − β·(1/N) Σ_i H(π_θ(·|s_i)),
 * ρ_i = π_θ(a_i|s_i)/μ(a_i|s_i). Where the clipped term is the smaller one its gradient is 0; elsewhere
 * ∇ = −ρ_i Â_i ∇log π_θ(a_i|s_i)/N.
 */
public final class PpoClipLoss {

    private final double clipEpsilon;
    private final double entropyCoefficient;

    /** @param clipEpsilon ε in (0, 1); @param entropyCoefficient β ≥ 0 */
    public PpoClipLoss(double clipEpsilon, double entropyCoefficient) {
        if (!(clipEpsilon > 0.0 && clipEpsilon < 1.0)) {
            throw new IllegalArgumentException("clipEpsilon must be in (0, 1), was " + clipEpsilon);
        }
        this.clipEpsilon = clipEpsilon;
        this.entropyCoefficient = Preconditions.requireNonNegative("entropyCoefficient", entropyCoefficient);
    }

    /** L(θ) over the samples, accumulating grad += ∇_θ L. Not modified: theta, samples. Modified: grad. */
    public PolicyLoss evaluate(StochasticPolicy policy, double[] theta, List<TrainingSample> samples,
                               double[] grad) {
        BatchStatistics statistics = new BatchStatistics(samples.size());
        double n = samples.size();
        double surrogate = 0.0;
        for (TrainingSample sample : samples) {
            ActionDistribution pi = policy.distribution(theta, sample.observation(), sample.actionMask());
            double ratio = statistics.add(pi.entropy(), pi.logProb(sample.action()) - sample.behaviourLogProb());
            double advantage = sample.advantage();
            double unclipped = ratio * advantage;
            double clippedTerm = clip(ratio) * advantage;
            boolean clipActive = clippedTerm < unclipped;

            surrogate -= Math.min(unclipped, clippedTerm) / n;
            if (clipActive) {
                statistics.countClipped();
            }
            double logProbWeight = clipActive ? 0.0 : -unclipped / n;
            pi.backward(sample.action(), logProbWeight, -entropyCoefficient / n, grad);
        }
        return statistics.result(surrogate, entropyCoefficient);
    }

    private double clip(double ratio) {
        return Math.max(1.0 - clipEpsilon, Math.min(1.0 + clipEpsilon, ratio));
    }
}
