package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;

/** One-step TD errors δ_t = r_t + γ·V(s_{t+1}) − V(s_t) (Sutton &amp; Barto 2018, eq. 6.5). */
public final class TemporalDifference {

    private TemporalDifference() {
    }

    /**
     * δ_t for t = 0..T−1, with V(s_T) = bootstrapValue (0 on termination, V(s_T) on truncation).
     * Not modified: rewards, values (V(s_0..s_{T−1}), same length as rewards).
     */
    public static double[] errors(double[] rewards, double[] values, double bootstrapValue, double gamma) {
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        Preconditions.requireLength("values", values, rewards.length);
        Preconditions.requireFinite("values", values);
        Preconditions.requireFinite("bootstrapValue", bootstrapValue);
        Preconditions.requireDiscount(gamma);
        int T = rewards.length;
        double[] delta = new double[T];
        for (int t = 0; t < T; t++) {
            double nextValue = t + 1 < T ? values[t + 1] : bootstrapValue;
            delta[t] = rewards[t] + gamma * nextValue - values[t];
        }
        return delta;
    }
}
