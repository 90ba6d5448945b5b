package io.policystreams.policy.loss;

import io.policystreams.policy.Preconditions;

/**
 * V-trace off-policy targets (Espeholt et al. 2018, IMPALA, eq. 1, §4.2 and the λ of Remark 2), backwards:
 * v_s − V(s_s) = δ_s + γ c_s (v_{s+1} − V(s_{s+1})), δ_s = ρ_s (r_s + γ V(s_{s+1}) − V(s_s)),
 * ρ_s = min(ρ̄, π/μ), c_s = λ min(c̄, π/μ), v_T = V(s_T) = bootstrap. The policy gradient at s uses
 * ρ_s (r_s + γ (λ v_{s+1} + (1 − λ) V(s_{s+1})) − V(s_s)), as rlax's {@code vtrace_td_error_and_advantage};
 * on-policy (π = μ, c̄ ≥ 1) the targets are the λ-returns and the advantages are GAE(γ, λ).
 */
public final class VTrace {

    /**
     * @param targets    v_s, the value targets
     * @param advantages r_s + γ v_{s+1} − V(s_s), the policy-gradient advantage before ρ_s
     * @param rhos       ρ_s = min(ρ̄, π/μ), the weight on each step's score (a {@link TrainingSample} scoreWeight)
     */
    public record Result(double[] targets, double[] advantages, double[] rhos) {
    }

    private VTrace() {
    }

    /**
     * One trajectory's V-trace. Not modified: arrays.
     *
     * @param logRatios      log π(a_t|s_t) − log μ(a_t|s_t)
     * @param values         V(s_0..s_{T−1})
     * @param bootstrapValue V(s_T): 0 if terminated, the value of s_T if truncated
     * @param lambda         λ ∈ [0, 1], the trace's decay; 1 is the paper's V-trace
     */
    public static Result compute(double[] rewards, double[] values, double bootstrapValue, double[] logRatios,
                                 double gamma, double lambda, double rhoBar, double cBar) {
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        int T = rewards.length;
        Preconditions.requireFinite("values", Preconditions.requireLength("values", values, T));
        Preconditions.requireFinite("logRatios", Preconditions.requireLength("logRatios", logRatios, T));
        Preconditions.requireFinite("bootstrapValue", bootstrapValue);
        Preconditions.requireDiscount(gamma);
        Preconditions.requireUnitInterval("lambda", lambda);
        Preconditions.requireNonNegative("rhoBar", rhoBar);
        Preconditions.requireNonNegative("cBar", cBar);

        double[] targets = new double[T];
        double[] advantages = new double[T];
        double[] rhos = new double[T];
        double nextTarget = bootstrapValue;
        double nextValue = bootstrapValue;
        double correction = 0.0; // v_{s+1} − V(s_{s+1}); 0 at s+1 = T
        for (int s = T - 1; s >= 0; s--) {
            double ratio = Math.exp(logRatios[s]);
            double rho = Math.min(rhoBar, ratio);
            double c = lambda * Math.min(cBar, ratio);
            double delta = rho * (rewards[s] + gamma * nextValue - values[s]);
            correction = delta + gamma * c * correction;
            targets[s] = values[s] + correction;
            advantages[s] = rewards[s] + gamma * (lambda * nextTarget + (1.0 - lambda) * nextValue) - values[s];
            rhos[s] = rho;
            nextTarget = targets[s];
            nextValue = values[s];
        }
        return new Result(targets, advantages, rhos);
    }
}
