package io.policystreams.policy.distribution;

import java.util.Random;

/**
 * A parameterised stochastic policy π_θ(a|s) over a flat parameter vector θ. Implementations are immutable
 * and thread-safe; learner and simulators build the same one from a model spec, so both compute the same
 * log-probabilities.
 */
public interface StochasticPolicy {

    int observationSize();

    /** Length of θ. */
    int parameterCount();

    /** Seeded initial θ: the same rng state gives the same bits. Modified: rng. */
    double[] initialParameters(Random rng);

    /** π_θ(·|s). Not modified: theta, observation (and they must not change while the result is in use). */
    ActionDistribution distribution(double[] theta, double[] observation);

    /**
     * π_θ(·|s) restricted to the actions the mask allows; a null mask allows every action. Policies over a
     * continuous space take no mask.
     */
    default ActionDistribution distribution(double[] theta, double[] observation, ActionMask mask) {
        if (mask != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes no action mask");
        }
        return distribution(theta, observation);
    }

    /** log π_θ(a|s). */
    default double logProb(double[] theta, double[] observation, Action a) {
        return distribution(theta, observation).logProb(a);
    }

    /** log π_θ(a|s) under the mask (null: none). */
    default double logProb(double[] theta, double[] observation, ActionMask mask, Action a) {
        return distribution(theta, observation, mask).logProb(a);
    }

    /** ∇_θ log π_θ(a|s), the score: a new array. */
    default double[] score(double[] theta, double[] observation, Action a) {
        double[] grad = new double[parameterCount()];
        distribution(theta, observation).backward(a, 1.0, 0.0, grad);
        return grad;
    }
}
