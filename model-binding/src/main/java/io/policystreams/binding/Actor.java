package io.policystreams.binding;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.distribution.ExplorationMixture;
import io.policystreams.policy.distribution.Softmax;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.schemas.PolicySnapshot;
import java.util.Random;

/**
 * Acts from one policy snapshot with the shared policy library, for every actor (the simulator, the act server):
 * the learner computes the same log π. A spec with exploration (explorationEpsilon, temperature) samples from the
 * behaviour policy μ of {@link ExplorationMixture} instead, and the decision carries log μ(a|s).
 */
public final class Actor {

    private final PolicySnapshot snapshot;
    private final StochasticPolicy policy;
    private final double[] theta;
    private final ExplorationMixture exploration;

    public Actor(PolicySnapshot snapshot) {
        this.snapshot = snapshot;
        this.policy = ModelSpecs.policy(snapshot.getSpec());
        this.theta = Vectors.toArray(snapshot.getPolicyParameters());
        this.exploration = ModelSpecs.exploration(snapshot.getSpec());
    }

    /**
     * a ~ π(·|s) among the actions the mask allows (null: all), with log π(a|s); with exploration, a ~ μ(·|s) with
     * log μ(a|s). Modified: rng.
     */
    public Decision sample(double[] observation, ActionMask mask, Random rng) {
        ActionDistribution distribution = policy.distribution(theta, observation, mask);
        if (exploration.isNone()) {
            Action action = distribution.sample(rng);
            return new Decision(action, distribution.logProb(action));
        }
        double[] logMu = exploration.logProbabilities(((SoftmaxPolicy.Categorical) distribution).logProbabilities());
        int action = Softmax.sampleIndex(logMu, rng);
        return new Decision(new Action.Discrete(action), logMu[action]);
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
