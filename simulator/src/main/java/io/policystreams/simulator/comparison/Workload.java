package io.policystreams.simulator.comparison;

import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Environments;
import io.policystreams.simulator.env.balancing.BalancingHeuristic;
import io.policystreams.simulator.env.balancing.BalancingSettings;
import io.policystreams.simulator.env.balancing.LoadBalancing;
import io.policystreams.simulator.env.scheduling.ClusterScheduling;
import io.policystreams.simulator.env.scheduling.SchedulingHeuristic;
import io.policystreams.simulator.env.scheduling.SchedulingSettings;
import java.util.List;
import java.util.Random;

/** A resource-management environment as the comparison sees it: built for a load, its heuristics, its metric. */
public interface Workload<E extends Environment> {

    /** Title of tables and plots. */
    String title();

    /** What {@link #score} measures; lower is better. */
    String metric();

    E environment(double load);

    /** The heuristic operators use by default, which the learned policy is also compared with directly. */
    String reference();

    /** The loads compared unless told otherwise. */
    List<Double> defaultLoads();

    /** Fresh heuristics for one sequence, their randomness (if any) drawn from {@code seed}. */
    List<Contender<E>> heuristics(long seed);

    /** The metric of an episode that has ended with {@code episodeReturn}. */
    Score score(E environment, double episodeReturn);

    /** @param unfinished jobs that had not finished when the episode ended (truncated, or dropped) */
    record Score(double value, int unfinished) {
    }

    /** The workload of a resource-management environment, by its name in {@link Environments}. */
    static Workload<?> named(String environment) {
        return switch (environment) {
            case Environments.SCHEDULING -> scheduling();
            case Environments.LOAD_BALANCING -> balancing();
            default -> throw new IllegalArgumentException("heuristics are compared on " + Environments.SCHEDULING
                    + " and " + Environments.LOAD_BALANCING + ", not " + environment);
        };
    }

    /**
     * DeepRM's cluster at {@code load} = arrival rate × 1.845 (DeepRM's own settings otherwise). The mean slowdown
     * is −return / admitted jobs: each admitted job adds (finish − arrival) / T_j to −return, or, when the time
     * limit truncated the episode first, (limit − arrival) / T_j, a lower bound that is counted as unfinished.
     */
    static Workload<ClusterScheduling> scheduling() {
        double loadPerRate = SchedulingSettings.deepRm(1.0).load();
        return new Workload<>() {
            @Override
            public String title() {
                return "Cluster scheduling (DeepRM)";
            }

            @Override
            public String metric() {
                return "mean slowdown";
            }

            @Override
            public ClusterScheduling environment(double load) {
                return new ClusterScheduling(SchedulingSettings.deepRm(load / loadPerRate));
            }

            @Override
            public String reference() {
                return SchedulingHeuristic.shortestJobFirst().name();
            }

            @Override
            public List<Double> defaultLoads() {
                return List.of(0.5, 0.7, 0.9, 1.1, 1.3);
            }

            @Override
            public List<Contender<ClusterScheduling>> heuristics(long seed) {
                return List.of(heuristic(SchedulingHeuristic.shortestJobFirst()),
                        heuristic(SchedulingHeuristic.tetris()),
                        heuristic(SchedulingHeuristic.random(new Random(seed))));
            }

            @Override
            public Score score(ClusterScheduling env, double episodeReturn) {
                int admitted = env.arrived() - env.dropped();
                return new Score(admitted == 0 ? 0.0 : -episodeReturn / admitted, env.jobsInSystem() + env.dropped());
            }
        };
    }

    /** Park's heterogeneous servers at {@code load}; the metric is the exact mean FIFO time in the system. */
    static Workload<LoadBalancing> balancing() {
        return new Workload<>() {
            @Override
            public String title() {
                return "Load balancing (Park), service rates 0.15 to 1.05";
            }

            @Override
            public String metric() {
                return "mean time in system";
            }

            @Override
            public LoadBalancing environment(double load) {
                return new LoadBalancing(BalancingSettings.heterogeneous(load));
            }

            @Override
            public String reference() {
                return BalancingHeuristic.joinShortestQueue().name();
            }

            @Override
            public List<Double> defaultLoads() {
                return List.of(0.5, 0.7, 0.9);
            }

            @Override
            public List<Contender<LoadBalancing>> heuristics(long seed) {
                return List.of(heuristic(BalancingHeuristic.joinShortestQueue()),
                        heuristic(BalancingHeuristic.leastWorkLeft()), heuristic(BalancingHeuristic.roundRobin()),
                        heuristic(BalancingHeuristic.random(new Random(seed))));
            }

            @Override
            public Score score(LoadBalancing env, double episodeReturn) {
                return new Score(env.meanTimeInSystem(), 0);
            }
        };
    }

    private static Contender<ClusterScheduling> heuristic(SchedulingHeuristic heuristic) {
        return Contender.heuristic(heuristic.name(), heuristic::act);
    }

    private static Contender<LoadBalancing> heuristic(BalancingHeuristic heuristic) {
        return Contender.heuristic(heuristic.name(), heuristic::act);
    }
}
