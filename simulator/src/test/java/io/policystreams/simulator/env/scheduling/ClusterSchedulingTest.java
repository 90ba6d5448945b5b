package io.policystreams.simulator.env.scheduling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.simulator.env.Transition;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterSchedulingTest {

    private static final double TOLERANCE = 1e-9;
    private final SchedulingSettings settings = SchedulingSettings.deepRm(0.7);

    /**
     * Under random actions at a high load, at every step: no resource is over-allocated in any horizon slot, and
     * every arrived job is finished, in the system or dropped. At the end, every slowdown is >= 1 and the return
     * is minus their sum.
     */
    @Test
    void resourcesAreNeverOverAllocatedJobsAreConservedAndTheReturnIsMinusTheTotalSlowdown() {
        for (long seed = 1; seed <= 20; seed++) {
            ClusterScheduling env = new ClusterScheduling(settings);
            env.reset(seed);
            Random random = new Random(seed);
            double episodeReturn = 0.0;
            Transition transition;
            do {
                transition = env.step(new Action.Discrete(random.nextInt(settings.visibleJobs() + 1)));
                episodeReturn += transition.reward();
                for (int r = 0; r < settings.resources(); r++) {
                    for (int tau = 0; tau < settings.horizon(); tau++) {
                        int free = env.free(r, tau);
                        assertTrue(free >= 0 && free <= settings.capacity(), "free " + free);
                    }
                }
                assertEquals(env.arrived(), env.slowdowns().size() + env.jobsInSystem() + env.dropped());
            } while (!transition.ended());

            assertTrue(transition.terminated(), "seed " + seed + " ran into the time limit");
            assertEquals(env.jobsInSequence(), env.slowdowns().size());
            double total = 0.0;
            for (double slowdown : env.slowdowns()) {
                assertTrue(slowdown >= 1.0, "slowdown " + slowdown);
                total += slowdown;
            }
            assertEquals(-total, episodeReturn, TOLERANCE);
        }
    }

    /** One job of 2 slots needing (4, 1): started at once it finishes at t = 2, slowdown 1, return −1. */
    @Test
    void aJobStartedAtOnceHasSlowdownOne() {
        ClusterScheduling env = new ClusterScheduling(settings);
        env.reset(List.of(new Job(0, 0, 2, new int[] {4, 1})));

        Transition started = env.step(new Action.Discrete(0));
        assertEquals(0.0, started.reward());
        assertEquals(6, env.free(0, 0));
        assertEquals(6, env.free(0, 1));
        assertEquals(10, env.free(0, 2));

        Transition first = env.step(new Action.Discrete(settings.visibleJobs()));
        Transition second = env.step(new Action.Discrete(settings.visibleJobs()));
        assertEquals(-0.5, first.reward(), TOLERANCE);
        assertEquals(-0.5, second.reward(), TOLERANCE);
        assertTrue(second.terminated());
        assertEquals(List.of(1.0), env.slowdowns());
    }

    /** A job that does not fit now starts at the earliest slot where it fits for its whole duration. */
    @Test
    void aJobThatDoesNotFitNowIsReservedAtItsEarliestFit() {
        ClusterScheduling env = new ClusterScheduling(settings);
        env.reset(List.of(new Job(0, 0, 3, new int[] {8, 1}), new Job(1, 0, 2, new int[] {5, 1})));

        env.step(new Action.Discrete(0));
        assertEquals(3, env.earliestStart(env.visibleJob(1)));
        env.step(new Action.Discrete(1));
        assertEquals(5, env.free(0, 3));
        assertEquals(5, env.free(0, 4));

        Transition t;
        do {
            t = env.step(new Action.Discrete(settings.visibleJobs()));
        } while (!t.ended());
        assertEquals(List.of(1.0, 2.5), env.slowdowns()); // second: (5 − 0) / 2
    }

    /**
     * The mask allows the jobs that fit now, and moving on unless the cluster is idle with one of them waiting. On
     * the idle cluster all three jobs fit, so moving on is ruled out. Job 0 then takes 8 of resource 0's 10 units for
     * 3 slots: job 1 (needs 5) fits only from τ = 3 and is masked out, job 2 (needs 2) fits now, and with the cluster
     * busy, holding it back by moving on is allowed. Once job 2 has started, moving on is all that is left.
     */
    @Test
    void theMaskAllowsTheJobsThatFitNowAndMovingOnUnlessThatIdlesAnEmptyCluster() {
        ClusterScheduling env = new ClusterScheduling(settings);
        env.reset(List.of(new Job(0, 0, 3, new int[] {8, 1}), new Job(1, 0, 2, new int[] {5, 1}),
                new Job(2, 0, 6, new int[] {2, 2})));
        int moveOn = settings.visibleJobs();

        assertEquals(ActionMask.of(allowing(moveOn + 1, 0, 1, 2)), env.actionMask());
        env.step(new Action.Discrete(0));
        assertEquals(ActionMask.of(allowing(moveOn + 1, 2, moveOn)), env.actionMask());
        env.step(new Action.Discrete(2));
        assertEquals(ActionMask.of(allowing(moveOn + 1, moveOn)), env.actionMask());
    }

    private static boolean[] allowing(int n, int... actions) {
        boolean[] allowed = new boolean[n];
        for (int a : actions) {
            allowed[a] = true;
        }
        return allowed;
    }

    /**
     * Under a random policy over the allowed actions, every slot action starts its job at once and takes no time,
     * and every episode ends before the time limit.
     */
    @Test
    void everyAllowedSlotActionStartsItsJobAtOnce() {
        for (long seed = 1; seed <= 10; seed++) {
            ClusterScheduling env = new ClusterScheduling(settings);
            env.reset(seed);
            Random random = new Random(seed);
            Transition transition;
            do {
                ActionMask mask = env.actionMask();
                int a;
                do {
                    a = random.nextInt(mask.size());
                } while (!mask.allows(a));
                int now = env.now();
                int waiting = env.jobsInSystem();
                transition = env.step(new Action.Discrete(a));
                if (a < settings.visibleJobs()) {
                    assertEquals(now, env.now(), "starting the job in slot " + a + " takes no time");
                    assertEquals(0.0, transition.reward());
                    assertEquals(waiting, env.jobsInSystem());
                    assertTrue(transition.observation()[0] > 0.0, "the job started now, not in a later slot");
                } else {
                    assertEquals(now + 1, env.now());
                }
            } while (!transition.ended());
            assertTrue(transition.terminated(), "seed " + seed + " ran into the time limit");
        }
    }

    /**
     * Slot features (present, T/L, demand/C per resource, fits now, earliest start / H): after job 0 takes 8 of 10
     * units of resource 0 for 3 slots, job 1 (needs 5) fits from τ = 3 only, job 2 (needs 2) fits now.
     */
    @Test
    void theObservationTellsWhichVisibleJobsFitNowAndWhenTheOthersCouldStart() {
        ClusterScheduling env = new ClusterScheduling(settings);
        env.reset(List.of(new Job(0, 0, 3, new int[] {8, 1}), new Job(1, 0, 2, new int[] {5, 1}),
                new Job(2, 0, 6, new int[] {2, 2})));

        double[] obs = env.step(new Action.Discrete(0)).observation();

        int slots = settings.resources() * settings.horizon();
        int width = 4 + settings.resources();
        assertEquals(slots + settings.visibleJobs() * width + 1, obs.length);
        assertEquals(0.8, obs[0], TOLERANCE);
        assertEquals(0.0, obs[3], TOLERANCE);
        double[] empty = {0, 0, 0, 0, 0, 0};
        double[] second = {1, 2.0 / 15, 0.5, 0.1, 0, 3.0 / 20};
        double[] third = {1, 6.0 / 15, 0.2, 0.2, 1, 0};
        assertArrayEquals(empty, java.util.Arrays.copyOfRange(obs, slots, slots + width), TOLERANCE);
        assertArrayEquals(second, java.util.Arrays.copyOfRange(obs, slots + width, slots + 2 * width), TOLERANCE);
        assertArrayEquals(third, java.util.Arrays.copyOfRange(obs, slots + 2 * width, slots + 3 * width), TOLERANCE);
    }

    @Test
    void theSameSeedGivesTheSameJobsAndTheLoadFollowsTheRate() {
        assertEquals(JobSequence.generate(settings, 5).size(), JobSequence.generate(settings, 5).size());
        assertEquals(JobSequence.generate(settings, 5).get(3).duration(),
                JobSequence.generate(settings, 5).get(3).duration());
        // E[T] = 0.8·2 + 0.2·12.5 = 4.1; E[demand] = (7.5 + 1.5) / 2 = 4.5; load = 0.7 · 4.1 · 4.5 / 10
        assertEquals(0.7 * 4.1 * 4.5 / 10, settings.load(), TOLERANCE);
        assertFalse(JobSequence.generate(settings, 5).isEmpty());
    }
}
