package io.policystreams.binding;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.schemas.PolicySnapshot;
import java.util.Random;

/**
 * Acts from one policy snapshot with the shared policy library, for every actor (the simulator, the act server):
 * the learner computes the same log π.
 */
public final class Actor {

    private final PolicySnapshot snapshot;
    private final StochasticPolicy policy;
    private final double[] theta;

    public Actor(PolicySnapshot snapshot) {
        this.snapshot = snapshot;
        this.policy = ModelSpecs.policy(snapshot.getSpec());
        this.theta = Vectors.toArray(snapshot.getPolicyParameters());
    }

    /** a ~ π(·|s) among the actions the mask allows (null: all), with log π(a|s). Modified: rng. */
    public Decision sample(double[] observation, ActionMask mask, Random rng) {
        ActionDistribution distribution = policy.distribution(theta, observation, mask);
        Action action = distribution.sample(rng);
        return new Decision(action, distribution.logProb(action));
    }

    /** The most likely allowed action (the mean, for a Gaussian). */
    public Decision mode(double[] observation, ActionMask mask) {
        ActionDistribution distribution = policy.distribution(theta, observation, mask);
        Action action = distribution.mode();
        return new Decision(action, distribution.logProb(action));
    }

    public long version() {
        return snapshot.getVersion();
    }

    public PolicySnapshot snapshot() {
        return snapshot;
    }

    /** An action and its log-probability (log-density) under the policy that chose it. */
    public record Decision(Action action, double logProb) {
    }
}
