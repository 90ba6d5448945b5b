package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.StochasticPolicy;
import java.util.List;

/**
 * The vanilla policy-gradient loss of REINFORCE and actor-critic:
 * L(θ) = −(1/N) Σ_i c_i·Ψ_i·log π_θ(a_i|s_i) − β·(1/N) Σ_i H(π_θ(·|s_i)),
 * so ∇L = −(1/N) Σ_i c_i Ψ_i ∇log π_θ(a_i|s_i) − β ∇H (Williams 1992; Sutton et al. 2000, Theorem 1),
 * with c_i the sample's constant score weight (γ^t, truncated importance weight).
 */
public final class PolicyGradientLoss {

    private final double entropyCoefficient;

    /** @param entropyCoefficient β ≥ 0 */
    public PolicyGradientLoss(double entropyCoefficient) {
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
            double logProb = pi.logProb(sample.action());
            statistics.add(pi.entropy(), logProb - sample.behaviourLogProb());
            double weightedAdvantage = sample.scoreWeight() * sample.advantage();

            surrogate -= weightedAdvantage * logProb / n;
            pi.backward(sample.action(), -weightedAdvantage / n, -entropyCoefficient / n, grad);
        }
        return statistics.result(surrogate, entropyCoefficient);
    }
}
