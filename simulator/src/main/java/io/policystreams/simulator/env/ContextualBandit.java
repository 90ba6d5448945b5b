package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import java.util.Random;

/**
 * A contextual bandit as one-step episodes: each episode draws a context c uniformly from {0, …, C−1}, observed
 * one-hot; arm (c mod k) pays 1 and every other arm 0, then the episode terminates. The optimal policy is
 * therefore different in every context, unlike a plain bandit's.
 */
public final class ContextualBandit implements Environment {

    private final int contexts;
    private final int arms;
    private int context = -1;

    public ContextualBandit(int contexts, int arms) {
        if (contexts < 1 || arms < 2) {
            throw new IllegalArgumentException("a contextual bandit needs >= 1 context and >= 2 arms, had "
                    + contexts + " and " + arms);
        }
        this.contexts = contexts;
        this.arms = arms;
    }

    @Override
    public int observationSize() {
        return contexts;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(arms);
    }

    @Override
    public double[] reset(long seed) {
        context = Seeds.random(seed).nextInt(contexts);
        return oneHot(context);
    }

    @Override
    public Transition step(Action action) {
        if (context < 0) {
            throw new IllegalStateException("the episode has ended; reset first");
        }
        int arm = ((Action.Discrete) action).index();
        double reward = arm == bestArm(context) ? 1.0 : 0.0;
        double[] observation = oneHot(context);
        context = -1;
        return new Transition(observation, reward, true, false);
    }

    /** The arm that pays in context c. */
    public int bestArm(int c) {
        return c % arms;
    }

    private double[] oneHot(int c) {
        double[] observation = new double[contexts];
        observation[c] = 1.0;
        return observation;
    }
}
