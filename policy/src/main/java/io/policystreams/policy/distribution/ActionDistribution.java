package io.policystreams.policy.distribution;

import java.util.Random;

/**
 * π_θ(·|s) at one observation, after one forward pass: log-probabilities, entropy, sampling, and the
 * backward pass to θ. Not thread-safe; cheap to create, one per (θ, s).
 */
public interface ActionDistribution {

    /** log π_θ(a|s): a log-probability (discrete) or log-density (continuous). */
    double logProb(Action a);

    /** H(π_θ(·|s)): entropy (discrete) or differential entropy (continuous). */
    double entropy();

    /** a ~ π_θ(·|s). Modified: rng. */
    Action sample(Random rng);

    /** The most likely action (arg max π, or the Gaussian mean): for greedy evaluation. */
    Action mode();

    /** grad += logProbWeight·∇_θ log π_θ(a|s) + entropyWeight·∇_θ H(π_θ(·|s)). Modified: grad. */
    void backward(Action a, double logProbWeight, double entropyWeight, double[] grad);
}
