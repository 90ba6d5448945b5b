package io.policystreams.policy.algorithm;

import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.policy.optim.Optimizer;

/**
 * What an update changes: policy parameters θ with their optimiser, and optionally a value function's φ with
 * its optimiser. The arrays are updated in place; the learner stores them (and the optimisers' state) after.
 *
 * @param value          null when the model has no learned value function; then phi and valueOptimizer are too
 */
public record Model(StochasticPolicy policy, double[] theta, Optimizer policyOptimizer,
                    ValueFunction value, double[] phi, Optimizer valueOptimizer) {

    public Model {
        if (policy == null || theta == null || policyOptimizer == null) {
            throw new IllegalArgumentException("a model needs a policy, its parameters and its optimiser");
        }
        if (theta.length != policy.parameterCount()) {
            throw new IllegalArgumentException("theta must have length " + policy.parameterCount()
                    + ", was " + theta.length);
        }
        if (value != null && (phi == null || valueOptimizer == null || phi.length != value.parameterCount())) {
            throw new IllegalArgumentException("a value function needs parameters of length "
                    + value.parameterCount() + " and an optimiser");
        }
    }

    /** A model without a value function. */
    public static Model policyOnly(StochasticPolicy policy, double[] theta, Optimizer policyOptimizer) {
        return new Model(policy, theta, policyOptimizer, null, null, null);
    }

    public boolean hasValueFunction() {
        return value != null;
    }

    /** V_φ(s), or 0 without a value function. */
    public double valueOf(double[] observation) {
        return value == null ? 0.0 : value.value(phi, observation);
    }
}
