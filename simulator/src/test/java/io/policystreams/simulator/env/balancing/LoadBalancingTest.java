package io.policystreams.simulator.env.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import io.policystreams.simulator.env.Transition;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoadBalancingTest {

    private static final double TOLERANCE = 1e-9;

    /** Two servers of rates 1 and 2; jobs 1,000 apart (the queues empty in between) of sizes ≥ 100. */
    private final BalancingSettings twoServers = new BalancingSettings(new double[] {1.0, 2.0}, 1.5, 100.0, 1e9, 3);

    @Test
    void theRewardIsMinusTheJobsTimeInTheSystem() {
        LoadBalancing env = new LoadBalancing(twoServers);
        env.reset(1L);
        double size = env.jobSize();

        Transition transition = env.step(new Action.Discrete(1));

        assertEquals(-size / 2.0, transition.reward(), TOLERANCE); // (0 + x) / μ_1
        assertEquals(0.0, env.work(1), TOLERANCE); // served long before the next arrival
    }

    /**
     * Under random decisions: queued work is never negative, queue lengths match work (no work, no jobs), every
     * time in the system is at least size / fastest rate, and the return is minus the total time in the system.
     */
    @Test
    void workIsConservedAndTheReturnIsMinusTheTotalTimeInTheSystem() {
        BalancingSettings settings = BalancingSettings.heterogeneous(0.9);
        LoadBalancing env = new LoadBalancing(settings);
        env.reset(3L);
        Random random = new Random(3L);
        double episodeReturn = 0.0;
        Transition transition;
        int steps = 0;
        do {
            double size = env.jobSize();
            int server = random.nextInt(settings.servers());
            double before = env.work(server);
            transition = env.step(new Action.Discrete(server));
            steps++;
            assertEquals(-(before + size) / settings.serviceRate(server), transition.reward(), 1e-6);
            assertTrue(-transition.reward() >= size / 1.05 - 1e-9);
            episodeReturn += transition.reward();
            for (int i = 0; i < settings.servers(); i++) {
                assertTrue(env.work(i) >= 0.0);
                assertEquals(env.work(i) == 0.0, env.queueLength(i) == 0);
            }
        } while (!transition.ended());

        assertEquals(settings.jobsPerEpisode(), steps);
        assertTrue(transition.terminated());
        assertEquals(-episodeReturn / steps, env.meanTimeInSystem(), 1e-6);
        assertEquals(0.9, settings.load(), TOLERANCE);
    }

    @Test
    void theSameSeedGivesTheSameJobs() {
        LoadBalancing a = new LoadBalancing(BalancingSettings.heterogeneous(0.9));
        LoadBalancing b = new LoadBalancing(BalancingSettings.heterogeneous(0.9));
        a.reset(9L);
        b.reset(9L);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.jobSize(), b.jobSize());
            a.step(new Action.Discrete(i % 10));
            b.step(new Action.Discrete(i % 10));
        }
    }

    /**
     * Servers of rates (0.5, 4, 1); jobs arrive at once (interval 0), sizes 100, 100 to server 0; 50, 50, 50, 100
     * to server 1; 300 to server 2. Queues: (2, 4, 1) jobs, work (200, 250, 300). For the next job: JSQ picks
     * server 2 (1 job), least work left server 0 (200), round robin 0, 1, 2, 0. A decision for server 1 then costs
     * (250 + 10) / 4 = 65.
     */
    @Test
    void heuristicsPickAsWorkedByHand() {
        BalancingSettings settings = new BalancingSettings(new double[] {0.5, 4.0, 1.0}, 1.5, 100.0, 1.0, 8);
        LoadBalancing env = new LoadBalancing(settings);
        env.reset(new double[] {100, 100, 50, 50, 50, 100, 300, 10}, new double[8]);
        int[] servers = {0, 0, 1, 1, 1, 1, 2};
        for (int server : servers) {
            env.step(new Action.Discrete(server));
        }

        assertEquals(200.0, env.work(0), TOLERANCE);
        assertEquals(2, BalancingHeuristic.joinShortestQueue().act(env));
        assertEquals(0, BalancingHeuristic.leastWorkLeft().act(env));
        BalancingHeuristic roundRobin = BalancingHeuristic.roundRobin();
        assertEquals(0, roundRobin.act(env));
        assertEquals(1, roundRobin.act(env));
        assertEquals(2, roundRobin.act(env));
        assertEquals(0, roundRobin.act(env));
        Transition last = env.step(new Action.Discrete(1));
        assertEquals(-65.0, last.reward(), TOLERANCE);
        assertTrue(last.terminated());
    }

    /** Between arrivals a server works through its FIFO queue at its rate. */
    @Test
    void serversWorkThroughTheirQueuesBetweenArrivals() {
        BalancingSettings settings = new BalancingSettings(new double[] {2.0, 1.0}, 1.5, 100.0, 1.0, 3);
        LoadBalancing env = new LoadBalancing(settings);
        env.reset(new double[] {100, 60, 10}, new double[] {30, 0, 0});
        env.step(new Action.Discrete(0)); // 100 at rate 2; 30 time units later 40 are left
        assertEquals(40.0, env.work(0), TOLERANCE);
        Transition second = env.step(new Action.Discrete(0));
        assertEquals(-(40.0 + 60.0) / 2.0, second.reward(), TOLERANCE);
        assertEquals(2, env.queueLength(0));
    }
}
