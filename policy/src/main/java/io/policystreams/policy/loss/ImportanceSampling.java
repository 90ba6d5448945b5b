package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;

/** Importance ratios ρ = π(a|s)/μ(a|s) from log-probabilities, their truncation, and effective sample size. */
public final class ImportanceSampling {

    private ImportanceSampling() {
    }

    /** ρ = exp(log π − log μ). */
    public static double ratio(double logPi, double logMu) {
        return Math.exp(Preconditions.requireFinite("logPi", logPi) - Preconditions.requireFinite("logMu", logMu));
    }

    /** min(ρ̄, ρ): V-trace's truncation (Espeholt et al. 2018, eq. 1). */
    public static double truncated(double ratio, double bar) {
        Preconditions.requireNonNegative("truncation level", bar);
        return Math.min(bar, ratio);
    }

    /** Kish's effective sample size (Σ w)² / Σ w² of importance weights w. Not modified: weights. */
    public static double effectiveSampleSize(double[] weights) {
        Preconditions.requireFiniteNonEmpty("weights", weights);
        double sum = 0.0;
        double sumOfSquares = 0.0;
        for (double w : weights) {
            Preconditions.requireNonNegative("weight", w);
            sum += w;
            sumOfSquares += w * w;
        }
        return sumOfSquares > 0.0 ? sum * sum / sumOfSquares : 0.0;
    }
}
