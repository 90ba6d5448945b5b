package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;

/**
 * b ← b + (G − b)/min(n, window): the mean of all returns seen while n ≤ window, then an exponential moving
 * average with rate 1/window, so the baseline follows a policy that improves. State (mean, count) is exposed
 * so a learner can store it and {@link #restore} it.
 */
public final class RunningMeanBaseline {

    private final long window;
    private double mean;
    private long count;

    /** A baseline of 0 that has seen nothing. */
    public RunningMeanBaseline(long window) {
        this(window, 0.0, 0L);
    }

    private RunningMeanBaseline(long window, double mean, long count) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        this.window = window;
        this.mean = Preconditions.requireFinite("mean", mean);
        this.count = count;
    }

    /** A baseline with stored state. */
    public static RunningMeanBaseline restore(long window, double mean, long count) {
        return new RunningMeanBaseline(window, mean, count);
    }

    /** The current baseline b. */
    public double value() {
        return mean;
    }

    public long count() {
        return count;
    }

    /** Folds every G in {@code returns} into b, in order. Not modified: returns. */
    public void update(double[] returns) {
        Preconditions.requireFinite("returns", returns);
        for (double g : returns) {
            count++;
            mean += (g - mean) / Math.min(count, window);
        }
    }

    /** G_t − b for each t, with b the baseline before this batch is folded in. Not modified: returns. */
    public double[] advantages(double[] returns) {
        double[] advantages = new double[returns.length];
        for (int t = 0; t < returns.length; t++) {
            advantages[t] = returns[t] - mean;
        }
        return advantages;
    }
}
