package io.policystreams.simulator.env.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.policy.distribution.Action;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingHeuristicTest {

    private final SchedulingSettings settings = SchedulingSettings.deepRm(0.7);
    private final int moveOn = settings.visibleJobs();

    /**
     * Cluster (10, 10) with a running job holding (7, 0) for 5 slots; free now (3, 10). Visible: slot 1 needs
     * (5, 1) — does not fit; slot 2 (2, 6) for 4 slots; slot 3 (1, 2) for 9 slots; slot 4 (3, 1) for 1 slot.
     * SJF: among the fitting 2, 3, 4 the shortest is slot 4. Tetris: scores 3·2 + 10·6 = 66, 3·1 + 10·2 = 23,
     * 3·3 + 10·1 = 19, so slot 2.
     */
    @Test
    void shortestJobFirstAndTetrisPickAsWorkedByHand() {
        ClusterScheduling env = withRunningJob(List.of(
                new Job(1, 0, 2, new int[] {5, 1}), new Job(2, 0, 4, new int[] {2, 6}),
                new Job(3, 0, 9, new int[] {1, 2}), new Job(4, 0, 1, new int[] {3, 1})));

        assertEquals(4, SchedulingHeuristic.shortestJobFirst().act(env));
        assertEquals(2, SchedulingHeuristic.tetris().act(env));
    }

    @Test
    void everyHeuristicMovesTimeOnWhenNothingFits() {
        ClusterScheduling env = withRunningJob(List.of(new Job(1, 0, 2, new int[] {5, 1})));

        assertEquals(moveOn, SchedulingHeuristic.shortestJobFirst().act(env));
        assertEquals(moveOn, SchedulingHeuristic.tetris().act(env));
        assertEquals(moveOn, SchedulingHeuristic.random(new Random(1)).act(env));
    }

    @Test
    void randomPicksEveryFittingJobAndNoOther() {
        ClusterScheduling env = withRunningJob(List.of(
                new Job(1, 0, 2, new int[] {5, 1}), new Job(2, 0, 4, new int[] {2, 6}),
                new Job(3, 0, 9, new int[] {1, 2})));
        SchedulingHeuristic random = SchedulingHeuristic.random(new Random(3));
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            picked.add(random.act(env));
        }
        assertEquals(Set.of(2, 3), picked);
    }

    /** Job 0, (7, 0) for 5 slots, arrives in slot 0 and is started; the waiting jobs sit in slots 1.. in order. */
    private ClusterScheduling withRunningJob(List<Job> waiting) {
        ClusterScheduling env = new ClusterScheduling(settings);
        List<Job> jobs = new java.util.ArrayList<>();
        jobs.add(new Job(0, 0, 5, new int[] {7, 0}));
        jobs.addAll(waiting);
        env.reset(jobs);
        env.step(new Action.Discrete(0));
        return env;
    }
}
