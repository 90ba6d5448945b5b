package io.policystreams.policy.evaluation;

import io.policystreams.policy.Preconditions;

/**
 * How much of the value targets' variance V(s) explains: EV = 1 − Var[y − ŷ] / Var[y], population variances
 * (Stable-Baselines3's {@code explained_variance}, cleanrl's {@code ppo.py}). 1 is a perfect fit, 0 no better than
 * the targets' mean, negative worse; NaN when the targets do not vary.
 */
public final class ExplainedVariance {

    private ExplainedVariance() {
    }

    /** EV of the predictions ŷ for the targets y. Not modified: either. */
    public static double of(double[] targets, double[] predictions) {
        Preconditions.requireLength("predictions", predictions, targets.length);
        if (targets.length == 0) {
            return Double.NaN;
        }
        double[] residuals = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            residuals[i] = targets[i] - predictions[i];
        }
        double targetVariance = variance(targets);
        return targetVariance == 0.0 ? Double.NaN : 1.0 - variance(residuals) / targetVariance;
    }

    private static double variance(double[] values) {
        double mean = 0.0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0.0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }
}
