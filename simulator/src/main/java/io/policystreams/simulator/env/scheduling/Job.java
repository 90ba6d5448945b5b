package io.policystreams.simulator.env.scheduling;

/**
 * A job of the cluster-scheduling environment: it arrives at a time slot, needs {@code demand[r]} units of each
 * resource r for {@code duration} slots. Its slowdown is (finish − arrival) / duration ≥ 1.
 */
public record Job(int id, int arrival, int duration, int[] demand) {

    public Job {
        if (duration < 1) {
            throw new IllegalArgumentException("a job needs a duration >= 1, was " + duration);
        }
        demand = demand.clone();
    }

    public int demand(int resource) {
        return demand[resource];
    }

    public int resources() {
        return demand.length;
    }
}
