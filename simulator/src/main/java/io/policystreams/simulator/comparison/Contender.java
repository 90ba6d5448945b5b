package io.policystreams.simulator.comparison;

import io.policystreams.binding.Actor;
import io.policystreams.policy.distribution.Action;
import io.policystreams.simulator.env.Environment;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/** A policy under comparison: a heuristic that reads the environment, or a learned policy that reads s_t. */
public interface Contender<E extends Environment> {

    String name();

    Action act(E environment, double[] observation);

    /**
     * The learned policy, among the actions the environment allows: by its most likely action ({@code greedy}),
     * else sampled from π(·|s) with {@code rng}.
     */
    static <E extends Environment> Contender<E> learned(String name, Actor actor, boolean greedy, Random rng) {
        return new Named<>(name, (environment, observation) ->
                (greedy ? actor.mode(observation, environment.actionMask())
                        : actor.sample(observation, environment.actionMask(), rng)).action());
    }

    /** A heuristic that picks a discrete action from the environment's state. */
    static <E extends Environment> Contender<E> heuristic(String name, ToIntFunction<E> choice) {
        return new Named<>(name, (environment, observation) -> new Action.Discrete(choice.applyAsInt(environment)));
    }

    /** A contender as its name and its choice of action. */
    record Named<E extends Environment>(String name, BiFunction<E, double[], Action> choice) implements Contender<E> {
        @Override
        public Action act(E environment, double[] observation) {
            return choice.apply(environment, observation);
        }
    }
}
