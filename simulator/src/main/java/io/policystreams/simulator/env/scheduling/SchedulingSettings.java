package io.policystreams.simulator.env.scheduling;

/**
 * The cluster-scheduling environment's parameters. Defaults are DeepRM's ({@code parameters.py} of
 * hongzimao/deeprm, and §4 of the HotNets 2016 paper): 2 resources of 10 units, a 20-slot horizon, 5 visible job
 * slots, a backlog of 60, jobs up to 15 slots long; 80% small jobs of 1–3 slots, 20% large of 10–15 slots, a
 * dominant resource drawn uniformly needing 5–10 units and the other 1–2; job sequences of 50 arrival slots.
 *
 * @param arrivalRate    probability of a new job in each arrival slot (DeepRM's new_job_rate; sets the load)
 * @param sequenceLength slots during which jobs arrive (DeepRM's simu_len)
 * @param timeLimit      time slots after which an episode is truncated
 */
public record SchedulingSettings(int resources, int capacity, int horizon, int visibleJobs, int backlogSize,
                                 int maxJobLength, int maxJobSize, double smallJobChance, double arrivalRate,
                                 int sequenceLength, int timeLimit) {

    public SchedulingSettings {
        if (resources < 1 || capacity < 1 || visibleJobs < 1 || backlogSize < 0) {
            throw new IllegalArgumentException("resources, capacity and visible jobs must be >= 1");
        }
        if (maxJobLength > horizon) {
            throw new IllegalArgumentException("jobs (up to " + maxJobLength + " slots) must fit the horizon of "
                    + horizon);
        }
        if (maxJobSize > capacity) {
            throw new IllegalArgumentException("a job may need at most the capacity, " + capacity);
        }
        if (!(arrivalRate >= 0 && arrivalRate <= 1) || !(smallJobChance >= 0 && smallJobChance <= 1)) {
            throw new IllegalArgumentException("rates are probabilities in [0, 1]");
        }
    }

    public static SchedulingSettings deepRm(double arrivalRate) {
        return new SchedulingSettings(2, 10, 20, 5, 60, 15, 10, 0.8, arrivalRate, 50, 1_000);
    }

    /** Expected demand per slot over capacity of one resource: rate · E[duration] · E[demand] / capacity. */
    public double load() {
        double smallLength = (1 + maxJobLength / 5.0) / 2.0;
        double largeLength = (maxJobLength * 2 / 3 + maxJobLength) / 2.0;
        double length = smallJobChance * smallLength + (1 - smallJobChance) * largeLength;
        double dominant = (maxJobSize / 2 + maxJobSize) / 2.0;
        double other = (1 + maxJobSize / 5.0) / 2.0;
        double demand = (dominant + (resources - 1) * other) / resources;
        return arrivalRate * length * demand / capacity;
    }
}
