package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;

/** Standardised advantages (Â − mean)/(std + ε), the population std, as cleanrl's PPO normalises. */
public final class AdvantageNormalization {

    /** ε added to the standard deviation, so a constant batch maps to zeros rather than NaN. */
    public static final double EPSILON = 1e-8;

    private AdvantageNormalization() {
    }

    /** A new array of standardised advantages. Not modified: advantages. */
    public static double[] normalize(double[] advantages) {
        Preconditions.requireFiniteNonEmpty("advantages", advantages);
        double mean = mean(advantages);
        double std = Math.sqrt(variance(advantages, mean));
        double[] normalized = new double[advantages.length];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = (advantages[i] - mean) / (std + EPSILON);
        }
        return normalized;
    }

    static double mean(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Two-pass population variance: Σ(x − mean)²/n, stable where Σx²/n − mean² cancels. */
    static double variance(double[] x, double mean) {
        double sum = 0.0;
        for (double v : x) {
            double d = v - mean;
            sum += d * d;
        }
        return sum / x.length;
    }
}
