package io.policystreams.policy;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import java.util.function.ToDoubleFunction;

/**
 * One episode as the learner sees it: s_t, a_t, r_t, log μ(a_t|s_t), the behaviour policy's version and the actions
 * allowed at s_t (when the environment masks actions) for t = 0..T−1, how it ended, and s_T when it was truncated.
 * The arrays are handed over, not copied: callers must not modify them afterwards.
 */
public final class Trajectory {

    private final double[][] observations;
    private final Action[] actions;
    private final double[] rewards;
    private final double[] behaviourLogProbs;
    private final boolean terminated;
    private final double[] finalObservation;
    private final ActionMask[] actionMasks;

    /** An episode whose actions were not masked. */
    public Trajectory(double[][] observations, Action[] actions, double[] rewards, double[] behaviourLogProbs,
                      boolean terminated, double[] finalObservation) {
        this(observations, actions, rewards, behaviourLogProbs, terminated, finalObservation, null);
    }

    /**
     * @param terminated       true if s_T is terminal (bootstrap 0); false if the episode was truncated
     * @param finalObservation s_T; required when truncated, may be null when terminated
     * @param actionMasks      the actions allowed at each s_t; null, or null entries, where all were allowed
     */
    public Trajectory(double[][] observations, Action[] actions, double[] rewards, double[] behaviourLogProbs,
                      boolean terminated, double[] finalObservation, ActionMask[] actionMasks) {
        int length = rewards.length;
        Preconditions.requireFiniteNonEmpty("rewards", rewards);
        if (observations.length != length || actions.length != length
                || behaviourLogProbs.length != length
                || (actionMasks != null && actionMasks.length != length)) {
            throw new IllegalArgumentException("observations, actions, rewards, behaviourLogProbs and actionMasks "
                    + "must have one entry per step; rewards has " + length);
        }
        for (int t = 0; t < length; t++) {
            Preconditions.requireFinite("observations[" + t + "]", observations[t]);
            if (actions[t] == null) {
                throw new IllegalArgumentException("actions[" + t + "] must not be null");
            }
            if (actionMasks != null && actionMasks[t] != null && actions[t] instanceof Action.Discrete d
                    && !actionMasks[t].allows(d.index())) {
                throw new IllegalArgumentException("actions[" + t + "] = " + d.index() + " is not allowed by "
                        + actionMasks[t]);
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
        this.terminated = terminated;
        this.finalObservation = finalObservation;
        this.actionMasks = actionMasks;
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

    /** The actions allowed at s_t, or null where all were. */
    public ActionMask actionMask(int t) {
        return actionMasks == null ? null : actionMasks[t];
    }

    /** r_0..r_{T−1}. Shared, do not modify. */
    public double[] rewards() {
        return rewards;
    }

    /** log μ(a_t|s_t) for t = 0..T−1. Shared, do not modify. */
    public double[] behaviourLogProbs() {
        return behaviourLogProbs;
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
