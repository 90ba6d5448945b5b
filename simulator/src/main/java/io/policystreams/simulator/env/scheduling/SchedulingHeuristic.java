package io.policystreams.simulator.env.scheduling;

import java.util.Random;

/**
 * The schedulers operators use, as DeepRM's baselines ({@code other_agents.py}): each looks at the visible jobs
 * that fit from now on, picks one, and moves time on (action M) when none fits.
 */
public interface SchedulingHeuristic {

    /** The action for the environment's current state: a visible slot, or M to move time on. */
    int act(ClusterScheduling env);

    String name();

    /** Shortest job first: the fitting job with the smallest duration (the lowest slot on a tie). */
    static SchedulingHeuristic shortestJobFirst() {
        return new Scored("shortest job first", (env, job) -> -job.duration());
    }

    /**
     * Tetris (Grandl et al. 2014), DeepRM's "packer": the fitting job whose demand vector is best aligned with
     * the free resources now, score Σ_r free_r · demand_r (the lowest slot on a tie).
     */
    static SchedulingHeuristic tetris() {
        return new Scored("tetris", (env, job) -> {
            double score = 0.0;
            for (int r = 0; r < job.resources(); r++) {
                score += (double) env.free(r, 0) * job.demand(r);
            }
            return score;
        });
    }

    /** A fitting job chosen uniformly at random. Draws from {@code random}. */
    static SchedulingHeuristic random(Random random) {
        return new SchedulingHeuristic() {
            @Override
            public int act(ClusterScheduling env) {
                int fitting = 0;
                int choice = env.settings().visibleJobs();
                for (int i = 0; i < env.settings().visibleJobs(); i++) {
                    if (env.fitsNow(i) && random.nextInt(++fitting) == 0) {
                        choice = i; // reservoir sampling: each fitting job with probability 1/fitting
                    }
                }
                return choice;
            }

            @Override
            public String name() {
                return "random";
            }
        };
    }

    /** The fitting job of the highest score. */
    final class Scored implements SchedulingHeuristic {
        interface Score {
            double of(ClusterScheduling env, Job job);
        }

        private final String name;
        private final Score score;

        Scored(String name, Score score) {
            this.name = name;
            this.score = score;
        }

        @Override
        public int act(ClusterScheduling env) {
            int best = env.settings().visibleJobs();
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < env.settings().visibleJobs(); i++) {
                if (env.fitsNow(i)) {
                    double value = score.of(env, env.visibleJob(i));
                    if (value > bestScore) {
                        best = i;
                        bestScore = value;
                    }
                }
            }
            return best;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
