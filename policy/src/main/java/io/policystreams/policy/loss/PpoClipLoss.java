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
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a loss needs at least one sample");
        }
        double n = samples.size();
        double surrogate = 0.0;
        double entropy = 0.0;
        double kl = 0.0;
        double ratioSum = 0.0;
        int clipped = 0;
        for (TrainingSample sample : samples) {
            ActionDistribution pi = policy.distribution(theta, sample.observation());
            double logRatio = pi.logProb(sample.action()) - sample.behaviourLogProb();
            double ratio = Math.exp(logRatio);
            double advantage = sample.advantage();
            double unclipped = ratio * advantage;
            double clippedTerm = clip(ratio) * advantage;
            boolean clipActive = clippedTerm < unclipped;

            surrogate -= Math.min(unclipped, clippedTerm) / n;
            entropy += pi.entropy() / n;
            kl += ((ratio - 1.0) - logRatio) / n;
            ratioSum += ratio;
            if (clipActive) {
                clipped++;
            }
            double logProbWeight = clipActive ? 0.0 : -unclipped / n;
            pi.backward(sample.action(), logProbWeight, -entropyCoefficient / n, grad);
        }
        return new PolicyLoss(surrogate - entropyCoefficient * entropy, surrogate, entropy, kl, ratioSum / n,
                clipped / n);
    }

    private double clip(double ratio) {
        return Math.max(1.0 - clipEpsilon, Math.min(1.0 + clipEpsilon, ratio));
    }
}
