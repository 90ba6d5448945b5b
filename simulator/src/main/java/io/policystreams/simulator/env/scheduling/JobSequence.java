package io.policystreams.simulator.env.scheduling;

import io.policystreams.simulator.env.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** DeepRM's bimodal job sequences: one Bernoulli(arrivalRate) arrival per slot over sequenceLength slots. */
public final class JobSequence {

    private JobSequence() {
    }

    /** The jobs of sequence {@code seed}, in arrival order; the same seed gives the same jobs. */
    public static List<Job> generate(SchedulingSettings s, long seed) {
        Random random = Seeds.random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int slot = 0; slot < s.sequenceLength(); slot++) {
            if (random.nextDouble() < s.arrivalRate()) {
                jobs.add(job(s, jobs.size(), slot, random));
            }
        }
        return jobs;
    }

    /** Small: 1..L/5 slots, else large: 2L/3..L; the dominant resource needs S/2..S units, the others 1..S/5. */
    private static Job job(SchedulingSettings s, int id, int arrival, Random random) {
        int duration = random.nextDouble() < s.smallJobChance()
                ? uniform(random, 1, s.maxJobLength() / 5)
                : uniform(random, s.maxJobLength() * 2 / 3, s.maxJobLength());
        int dominant = random.nextInt(s.resources());
        int[] demand = new int[s.resources()];
        for (int r = 0; r < demand.length; r++) {
            demand[r] = r == dominant ? uniform(random, s.maxJobSize() / 2, s.maxJobSize())
                    : uniform(random, 1, s.maxJobSize() / 5);
        }
        return new Job(id, arrival, duration, demand);
    }

    private static int uniform(Random random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }
}
