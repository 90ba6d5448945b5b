package io.policystreams.binding;

import io.policystreams.policy.algorithm.TrainingSettings;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.schemas.ModelSpec;
import java.util.Random;

/**
 * A ModelSpec bound to the math: its policy, its value function (null if the spec declares none), and the
 * training settings its hyperparameters give.
 */
public record BoundModel(ModelSpec spec, StochasticPolicy policy, ValueFunction value, TrainingSettings settings) {

    /** Version-0 parameters from the spec's seed: θ first, then φ, from one {@code Random(seed)} stream. */
    public InitialParameters initialParameters() {
        Random rng = new Random(spec.getSeed());
        double[] theta = policy.initialParameters(rng);
        double[] phi = value == null ? new double[0] : value.initialParameters(rng);
        return new InitialParameters(theta, phi);
    }

    /** θ and φ (empty without a value function). */
    public record InitialParameters(double[] theta, double[] phi) {
    }
}
