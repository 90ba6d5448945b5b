package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;

/** Discounted returns of one episode (Sutton &amp; Barto 2018, eq. 3.9). */
public final class DiscountedReturns {

    private DiscountedReturns() {
    }

    /**
     * Reward-to-go G_t = r_t + γ·G_{t+1}, with G_T = bootstrapValue: 0 when the episode terminated, V(s_T) when
     * it was truncated (see {@link io.policystreams.policy.Trajectory#bootstrapValue}). Not modified: rewards.
     */
    public static double[] rewardToGo(double[] rewards, double gamma, double bootstrapValue) {
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        Preconditions.requireDiscount(gamma);
        Preconditions.requireFinite("bootstrapValue", bootstrapValue);
        double[] g = new double[rewards.length];
        double next = bootstrapValue;
        for (int t = rewards.length - 1; t >= 0; t--) {
            next = rewards[t] + gamma * next;
            g[t] = next;
        }
        return g;
    }

    /** The full discounted return R(τ) = Σ_t γ^t r_t = G_0 of a terminated episode. Not modified: rewards. */
    public static double episodeReturn(double[] rewards, double gamma) {
        return rewardToGo(rewards, gamma, 0.0)[0];
    }

    /** γ^t for t = 0..T−1: the weights the Policy Gradient Theorem puts on step t's score. */
    public static double[] discountWeights(int length, double gamma) {
        Preconditions.requireAtLeast("length", length, 1);
        Preconditions.requireDiscount(gamma);
        double[] w = new double[length];
        double power = 1.0;
        for (int t = 0; t < length; t++) {
            w[t] = power;
            power *= gamma;
        }
        return w;
    }
}
