package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;

/**
 * GAE(γ, λ): Â_t = Σ_l (γλ)^l δ_{t+l} = δ_t + γλ·Â_{t+1} (Schulman et al. 2016, eq. 16).
 * λ = 0 gives the TD error δ_t; λ = 1 gives G_t − V(s_t).
 */
public final class GeneralizedAdvantageEstimation {

    private GeneralizedAdvantageEstimation() {
    }

    /**
     * Â_t for t = 0..T−1, with V(s_T) = bootstrapValue. Not modified: rewards, values (V(s_0..s_{T−1})).
     */
    public static double[] advantages(double[] rewards, double[] values, double bootstrapValue,
                                      double gamma, double lambda) {
        Preconditions.requireUnitInterval("lambda", lambda);
        double[] delta = TemporalDifference.errors(rewards, values, bootstrapValue, gamma);
        double[] advantage = new double[delta.length];
        double next = 0.0;
        for (int t = delta.length - 1; t >= 0; t--) {
            next = delta[t] + gamma * lambda * next;
            advantage[t] = next;
        }
        return advantage;
    }

    /** λ-returns Â_t + V(s_t): the value targets that go with {@link #advantages}. Not modified: inputs. */
    public static double[] lambdaReturns(double[] advantages, double[] values) {
        Preconditions.requireLength("values", values, advantages.length);
        double[] target = new double[advantages.length];
        for (int t = 0; t < target.length; t++) {
            target[t] = advantages[t] + values[t];
        }
        return target;
    }
}
