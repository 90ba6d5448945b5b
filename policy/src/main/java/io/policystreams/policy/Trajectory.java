package io.policystreams.policy;

import io.policystreams.policy.distribution.Action;
import java.util.function.ToDoubleFunction;

/**
 * One episode as the learner sees it: s_t, a_t, r_t, log μ(a_t|s_t) and the behaviour policy's version for
 * t = 0..T−1, how it ended, and s_T when it was truncated. The arrays are handed over, not copied: callers
 * must not modify them afterwards.
 */
public final class Trajectory {

    private final double[][] observations;
    private final Action[] actions;
    private final double[] rewards;
    private final double[] behaviourLogProbs;
    private final long[] policyVersions;
    private final boolean terminated;
    private final double[] finalObservation;

    /**
     * @param terminated       true if s_T is terminal (bootstrap 0); false if the episode was truncated
     * @param finalObservation s_T; required when truncated, may be null when terminated
     */
    public Trajectory(double[][] observations, Action[] actions, double[] rewards, double[] behaviourLogProbs,
                      long[] policyVersions, boolean terminated, double[] finalObservation) {
        int length = rewards.length;
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        if (observations.length != length || actions.length != length
                || behaviourLogProbs.length != length || policyVersions.length != length) {
            throw new IllegalArgumentException("observations, actions, rewards, behaviourLogProbs and "
                    + "policyVersions must have one entry per step; rewards has " + length);
        }
        for (int t = 0; t < length; t++) {
            Preconditions.requireFinite("observations[" + t + "]", observations[t]);
            if (actions[t] == null) {
                throw new IllegalArgumentException("actions[" + t + "] must not be null");
            }
        }
        Preconditions.requireFinite("behaviourLogProbs", behaviourLogProbs);
        if (!terminated) {
            if (finalObservation == null) {
                throw new IllegalArgumentException("a truncated episode needs its final observation s_T");
            }
            Preconditions.requireFinite("finalObservation", finalObservation);
        }
        this.observations = observations;
        this.actions = actions;
        this.rewards = rewards;
        this.behaviourLogProbs = behaviourLogProbs;
        this.policyVersions = policyVersions;
        this.terminated = terminated;
        this.finalObservation = finalObservation;
    }

    /** T, the number of steps. */
    public int length() {
        return rewards.length;
    }

    public double[] observation(int t) {
        return observations[t];
    }

    public Action action(int t) {
        return actions[t];
    }

    /** r_0..r_{T−1}. Shared, do not modify. */
    public double[] rewards() {
        return rewards;
    }

    /** log μ(a_t|s_t) for t = 0..T−1. Shared, do not modify. */
    public double[] behaviourLogProbs() {
        return behaviourLogProbs;
    }

    public long policyVersion(int t) {
        return policyVersions[t];
    }

    public boolean terminated() {
        return terminated;
    }

    /** s_T, or null for a terminated episode that did not record it. */
    public double[] finalObservation() {
        return finalObservation;
    }

    /** The value G_T starts from: 0 if terminated, V(s_T) if truncated. */
    public double bootstrapValue(ToDoubleFunction<double[]> value) {
        return terminated ? 0.0 : value.applyAsDouble(finalObservation);
    }

    /** Σ_t r_t, the undiscounted return, as reported. */
    public double undiscountedReturn() {
        double sum = 0.0;
        for (double r : rewards) {
            sum += r;
        }
        return sum;
    }
}
