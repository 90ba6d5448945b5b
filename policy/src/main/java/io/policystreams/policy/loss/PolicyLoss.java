package io.policystreams.policy.loss;

/**
 * What a policy loss computed over a batch, besides the gradient it accumulated.
 *
 * @param loss                the total loss: surrogate − β·entropy
 * @param surrogate           the policy-gradient part alone
 * @param entropy             mean H(π_θ(·|s))
 * @param approxKl            mean of (ρ − 1) − log ρ, an unbiased, non-negative estimate of KL(μ ‖ π_θ)
 * @param meanImportanceRatio mean ρ = π_θ(a|s)/μ(a|s)
 * @param clipFraction        fraction of samples whose PPO ratio was clipped (0 for other losses)
 */
public record PolicyLoss(double loss, double surrogate, double entropy, double approxKl,
                         double meanImportanceRatio, double clipFraction) {
}
