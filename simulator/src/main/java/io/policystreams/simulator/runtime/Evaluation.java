package io.policystreams.simulator.runtime;

import io.policystreams.binding.Actor;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.evaluation.MeanInterval;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Transition;
import java.util.Random;

/** Runs a policy without learning or publishing: K episodes, their mean return with a 95% confidence interval. */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Mean return ± t·s/√K ({@link MeanInterval}) over {@code episodes} episodes (± 0 from one); {@code greedy} acts
     * by the mode, else samples.
     */
    public static Result run(PolicySnapshot snapshot, Environment environment, int episodes, long seed,
                             boolean greedy) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, was " + episodes);
        }
        Actor actor = new Actor(snapshot);
        Random seeds = new Random(seed);
        Random sampling = new Random(seed ^ 0x5DEECE66DL);
        double[] returns = new double[episodes];
        for (int k = 0; k < episodes; k++) {
            double[] observation = environment.reset(seeds.nextLong());
            double episodeReturn = 0.0;
            Transition transition;
            do {
                ActionMask mask = environment.actionMask();
                Actor.Decision decision = greedy ? actor.mode(observation, mask)
                        : actor.sample(observation, mask, sampling);
                transition = environment.step(decision.action());
                episodeReturn += transition.reward();
                observation = transition.observation();
            } while (!transition.ended());
            returns[k] = episodeReturn;
        }
        if (episodes == 1) {
            return new Result(snapshot.getVersion(), 1, returns[0], 0.0);
        }
        MeanInterval interval = MeanInterval.of(returns);
        return new Result(snapshot.getVersion(), episodes, interval.mean(), interval.halfWidth());
    }

    /** @param halfWidth of the 95% Student-t confidence interval of the mean */
    public record Result(long version, int episodes, double meanReturn, double halfWidth) {

        @Override
        public String toString() {
            return String.format("policy version %d: mean return %.2f ± %.2f (95%% CI) over %d episodes",
                    version, meanReturn, halfWidth, episodes);
        }
    }
}
