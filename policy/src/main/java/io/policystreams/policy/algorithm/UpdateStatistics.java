package io.policystreams.policy.algorithm;

/**
 * What one update measured; the fields of a TrainingReport that the math knows.
 *
 * @param policyLoss          mean over gradient steps of the policy loss
 * @param valueLoss           mean over gradient steps of the value loss; 0 without a value function
 * @param entropy             mean H(π(·|s)) over the gradient steps
 * @param approxKl            mean of (ρ − 1) − log ρ against the behaviour log-probs, at the last gradient step
 * @param gradientNorm        mean global gradient norm before clipping
 * @param meanImportanceRatio mean π_θ/μ at the start of the update, before truncation
 * @param effectiveSampleSize Kish's ESS of the untruncated importance weights at the start of the update
 * @param clipFraction        mean over gradient steps of the fraction of samples whose PPO ratio was clipped; 0
 *                            for the other algorithms
 * @param explainedVariance   1 − Var[target − V(s)] / Var[target] of V before the update
 *                            ({@link io.policystreams.policy.evaluation.ExplainedVariance}); NaN without a value
 *                            function or when the targets do not vary
 */
public record UpdateStatistics(int episodes, int steps, double meanReturn, double maxReturn, double policyLoss,
                               double valueLoss, double entropy, double approxKl, double gradientNorm,
                               double meanImportanceRatio, double effectiveSampleSize, double clipFraction,
                               double explainedVariance) {
}
