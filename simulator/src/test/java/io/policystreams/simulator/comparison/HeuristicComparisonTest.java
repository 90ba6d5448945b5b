package io.policystreams.simulator.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import io.policystreams.simulator.env.Transition;
import io.policystreams.simulator.env.balancing.BalancingHeuristic;
import io.policystreams.simulator.env.balancing.LoadBalancing;
import io.policystreams.simulator.env.scheduling.ClusterScheduling;
import io.policystreams.simulator.env.scheduling.SchedulingHeuristic;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeuristicComparisonTest {

    @Test
    void theMeanSlowdownOfAFinishedEpisodeIsTheMeanOfItsJobsSlowdowns() {
        Workload<ClusterScheduling> workload = Workload.scheduling();
        ClusterScheduling env = workload.environment(0.9);
        double episodeReturn = 0.0;
        Transition transition;
        env.reset(11L);
        do {
            transition = env.step(new Action.Discrete(SchedulingHeuristic.shortestJobFirst().act(env)));
            episodeReturn += transition.reward();
        } while (!transition.ended());

        Workload.Score score = workload.score(env, episodeReturn);

        assertTrue(transition.terminated());
        assertEquals(env.slowdowns().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), score.value(),
                1e-9);
        assertEquals(0, score.unfinished());
        assertEquals(0.9, env.settings().load(), 1e-9);
    }

    @Test
    void jobsLeftAtTheTimeLimitAreCountedAsUnfinishedWithTheirSlowdownSoFar() {
        Workload<ClusterScheduling> workload = Workload.scheduling();
        Contender<ClusterScheduling> neverSchedules = Contender.heuristic("idle", env -> env.settings().visibleJobs());

        Workload.Score score = HeuristicComparison.play(workload, neverSchedules, 0.5, 3L);

        ClusterScheduling env = workload.environment(0.5);
        env.reset(3L);
        assertEquals(env.jobsInSequence(), score.unfinished());
        assertTrue(score.value() > 50.0, "each job waited ~1000 slots: " + score.value());
    }

    @Test
    void everyContenderPlaysTheSameSequencesAndTheBestHeuristicIsTheLowestMean() {
        ComparisonResult result = HeuristicComparison.run(Workload.balancing(), null, List.of(0.5, 0.8), 6, 5L);

        assertEquals(List.of(0.5, 0.8), result.loads());
        assertEquals(List.of("join shortest queue", "least work left", "round robin", "random"),
                result.contenders());
        for (double load : result.loads()) {
            double[] jsq = result.entry(load, "join shortest queue").scores();
            for (int k = 0; k < jsq.length; k++) {
                assertEquals(jsq[k], replay(BalancingHeuristic.joinShortestQueue(), load, k), 1e-9);
            }
            ComparisonResult.Entry best = result.bestHeuristic(load);
            for (String contender : result.contenders()) {
                assertTrue(best.interval().mean() <= result.entry(load, contender).interval().mean());
            }
        }
    }

    /** JSQ's score on sequence k of seed 5, played by hand. */
    private static double replay(BalancingHeuristic heuristic, double load, int k) {
        Random seeds = new Random(5L ^ HeuristicComparison.HELD_OUT);
        long seed = 0;
        for (int i = 0; i <= k; i++) {
            seed = seeds.nextLong();
            seeds.nextLong();
        }
        LoadBalancing env = Workload.balancing().environment(load);
        env.reset(seed);
        Transition transition;
        do {
            transition = env.step(new Action.Discrete(heuristic.act(env)));
        } while (!transition.ended());
        return env.meanTimeInSystem();
    }

    @Test
    void theImprovementIsPairedOverTheSameSequences() {
        // learned beats b by exactly 1 on every sequence: 100 · 1 / mean(b) = 100 / 11 percent, no spread
        ComparisonResult result = new ComparisonResult("t", "m", "a", List.of(
                new ComparisonResult.Entry(1.0, "learned (greedy)", new double[] {9, 19, 2}, 0),
                new ComparisonResult.Entry(1.0, "a", new double[] {10, 30, 5}, 0),
                new ComparisonResult.Entry(1.0, "b", new double[] {10, 20, 3}, 0)));

        ComparisonResult.Improvement gain = result.improvementOverBestHeuristic(1.0, "learned (greedy)");

        assertEquals("b", gain.over());
        assertEquals(100.0 / 11.0, gain.percent(), 1e-9);
        assertEquals(0.0, gain.halfWidthPercent(), 1e-9);
        ComparisonResult.Improvement overReference = result.improvement(1.0, "learned (greedy)", "a");
        assertEquals(100.0 * 5 / 15, overReference.percent(), 1e-9); // gains 1, 11, 3 over a's mean 15
        assertEquals(List.of(gain, overReference), result.learnedImprovements());
        assertArrayEquals(new double[] {9, 19, 2}, result.entry(1.0, "learned (greedy)").scores());
    }
}
