package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import java.util.Random;

/**
 * A k-armed bandit as one-step episodes: the observation is the constant (1); pulling arm a pays
 * r ~ N(μ_a, σ²) and terminates the episode.
 */
public final class MultiArmedBandit implements Environment {

    private static final double[] OBSERVATION = {1.0};

    private final double[] means;
    private final double noiseStd;
    private Random rng;
    private boolean ended = true;

    /** @param means μ_a per arm, at least two; @param noiseStd σ ≥ 0 */
    public MultiArmedBandit(double[] means, double noiseStd) {
        if (means.length < 2 || !(noiseStd >= 0.0)) {
            throw new IllegalArgumentException("a bandit needs >= 2 arms and a noise std >= 0, had "
                    + means.length + " arms and std " + noiseStd);
        }
        this.means = means.clone();
        this.noiseStd = noiseStd;
    }

    @Override
    public int observationSize() {
        return 1;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(means.length);
    }

    @Override
    public double[] reset(long seed) {
        rng = Seeds.random(seed);
        ended = false;
        return OBSERVATION.clone();
    }

    @Override
    public Transition step(Action action) {
        if (ended) {
            throw new IllegalStateException("the episode has ended; reset first");
        }
        int arm = ((Action.Discrete) action).index();
        ended = true;
        return new Transition(OBSERVATION.clone(), means[arm] + noiseStd * rng.nextGaussian(), true, false);
    }

    /** μ_a of arm a. */
    public double mean(int arm) {
        return means[arm];
    }
}
