package io.policystreams.simulator.runtime;

import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Transition;
import java.util.Random;

/** Runs a policy without learning or publishing: K episodes, their mean return with a 95% confidence interval. */
public final class Evaluation {

    private Evaluation() {
    }

    /** Mean return ± 1.96·s/√K over {@code episodes} episodes; {@code greedy} acts by the mode, else samples. */
    public static Result run(PolicySnapshot snapshot, Environment environment, int episodes, long seed,
                             boolean greedy) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, was " + episodes);
        }
        Actor actor = new Actor(snapshot);
        Random seeds = new Random(seed);
        Random sampling = new Random(seed ^ 0x5DEECE66DL);
        double sum = 0.0;
        double sumOfSquares = 0.0;
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
            sum += episodeReturn;
            sumOfSquares += episodeReturn * episodeReturn;
        }
        double mean = sum / episodes;
        double variance = episodes > 1 ? Math.max(0.0, (sumOfSquares - episodes * mean * mean) / (episodes - 1)) : 0.0;
        return new Result(snapshot.getVersion(), episodes, mean, 1.96 * Math.sqrt(variance / episodes));
    }

    /** @param halfWidth of the 95% normal-approximation confidence interval of the mean */
    public record Result(long version, int episodes, double meanReturn, double halfWidth) {

        @Override
        public String toString() {
            return String.format("policy version %d: mean return %.2f ± %.2f (95%% CI) over %d episodes",
                    version, meanReturn, halfWidth, episodes);
        }
    }
}
