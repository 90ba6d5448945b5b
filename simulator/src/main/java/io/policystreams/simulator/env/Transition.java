package io.policystreams.simulator.env;

/**
 * The outcome of a step: s_{t+1}, r_t, and how the episode ended, if it did.
 *
 * @param terminated s_{t+1} is terminal: the return bootstraps with 0
 * @param truncated  the episode was cut off at a non-terminal s_{t+1}: the return bootstraps with V(s_{t+1})
 */
public record Transition(double[] observation, double reward, boolean terminated, boolean truncated) {

    public boolean ended() {
        return terminated || truncated;
    }
}
