package io.policystreams.policy.distribution;

import java.util.Random;

/** Numerically stable softmax helpers over logits z. */
public final class Softmax {

    private Softmax() {
    }

    /** log softmax(z)_i = z_i − (m + log Σ_j exp(z_j − m)), m = max z (log-sum-exp). Not modified: z. */
    public static double[] logSoftmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double zi : z) {
            m = Math.max(m, zi);
        }
        if (!Double.isFinite(m)) {
            throw new IllegalArgumentException("logits must be finite, max was " + m);
        }
        double sum = 0.0;
        for (double zi : z) {
            sum += Math.exp(zi - m);
        }
        double logNormalizer = m + Math.log(sum);
        double[] logPi = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            logPi[i] = z[i] - logNormalizer;
        }
        return logPi;
    }

    /**
     * log softmax over the allowed logits only: log π_i = z_i − log Σ_{j allowed} exp(z_j) for allowed i, −∞ for the
     * others (masked logits). A null mask allows all. Not modified: z.
     */
    public static double[] logSoftmax(double[] z, ActionMask mask) {
        if (mask == null) {
            return logSoftmax(z);
        }
        if (mask.size() != z.length) {
            throw new IllegalArgumentException("the action mask covers " + mask.size() + " actions, the policy has "
                    + z.length);
        }
        double[] allowed = new double[mask.allowedCount()];
        int k = 0;
        for (int i = 0; i < z.length; i++) {
            if (mask.allows(i)) {
                allowed[k++] = z[i];
            }
        }
        double[] logPiAllowed = logSoftmax(allowed);
        double[] logPi = new double[z.length];
        k = 0;
        for (int i = 0; i < z.length; i++) {
            logPi[i] = mask.allows(i) ? logPiAllowed[k++] : Double.NEGATIVE_INFINITY;
        }
        return logPi;
    }

    /** i ~ p by the inverse CDF of exp(logP), skipping impossible entries (log p = −∞). Modified: rng. */
    public static int sampleIndex(double[] logP, Random rng) {
        double u = rng.nextDouble();
        double cumulative = 0.0;
        int lastPossible = 0;
        for (int i = 0; i < logP.length; i++) {
            if (logP[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            lastPossible = i;
            cumulative += Math.exp(logP[i]);
            if (u < cumulative) {
                return i;
            }
        }
        return lastPossible;
    }

    /** H = −Σ_i π_i log π_i from log π, with 0·log 0 = 0. Not modified: logPi. */
    public static double entropy(double[] logPi) {
        double h = 0.0;
        for (double lp : logPi) {
            double pi = Math.exp(lp);
            if (pi > 0.0) {
                h -= pi * lp;
            }
        }
        return h;
    }
}
