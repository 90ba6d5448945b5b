package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;

/**
 * A Gymnasium-style episodic environment: {@code reset(seed)} starts an episode and gives s_0;
 * {@code step(a)} gives s_{t+1}, r_t and whether the episode terminated (a terminal state) or was truncated
 * (a time limit). An environment whose states rule some discrete actions out reports which are allowed, and the
 * policy acts among those only (a masked softmax). Not thread-safe: one instance per simulated episode stream.
 */
public interface Environment {

    int observationSize();

    ActionSpace actionSpace();

    /** Starts a new episode from the given seed; returns s_0. */
    double[] reset(long seed);

    /**
     * The actions allowed in the current state (after the last reset or step), or null when every action is:
     * the default, and always so for a continuous action space.
     */
    default ActionMask actionMask() {
        return null;
    }

    /** Applies a_t; the episode must have been reset and not have ended. */
    Transition step(Action action);
}
