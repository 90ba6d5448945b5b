package io.policystreams.simulator.env.balancing;

import io.policystreams.policy.distribution.Action;
import io.policystreams.simulator.env.ActionSpace;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Seeds;
import io.policystreams.simulator.env.Transition;
import java.util.ArrayDeque;
import java.util.Random;

/**
 * Load balancing with heterogeneous servers, after Park's load_balance (Mao et al., NeurIPS 2019). Jobs arrive by a
 * Poisson process with Pareto sizes; for each, the agent picks a server, whose FIFO queue it joins. A FIFO server
 * of rate μ_i with W_i work queued finishes a job of size x after (W_i + x) / μ_i, so the reward of the decision
 * is minus that time in the system and the return is minus the total time in the system of the episode's jobs.
 *
 * <p>Observation: log(1 + W_i / scale) per server, then log(1 + x / scale) of the arriving job.
 */
public final class LoadBalancing implements Environment {

    private final BalancingSettings s;
    private final double[] work;
    private final ArrayDeque<double[]>[] queues;
    private Random random;
    /** A given job stream (sizes, and the interval after each job), or null to draw from {@link #random}. */
    private double[] givenSizes;
    private double[] givenIntervals;
    private double jobSize;
    private int arrived;
    private int placed;
    private double totalTimeInSystem;

    @SuppressWarnings("unchecked")
    public LoadBalancing(BalancingSettings settings) {
        this.s = settings;
        this.work = new double[settings.servers()];
        this.queues = new ArrayDeque[settings.servers()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new ArrayDeque<>();
        }
    }

    public BalancingSettings settings() {
        return s;
    }

    @Override
    public int observationSize() {
        return s.servers() + 1;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(s.servers());
    }

    /** Starts an episode whose arrivals and sizes come from {@code seed}: the same seed, the same job stream. */
    @Override
    public double[] reset(long seed) {
        givenSizes = null;
        givenIntervals = null;
        random = Seeds.random(seed);
        return start();
    }

    /** Starts an episode on a given job stream: job k has size sizes[k] and the next arrives intervals[k] later. */
    public double[] reset(double[] sizes, double[] intervals) {
        if (sizes.length != s.jobsPerEpisode() || intervals.length != sizes.length) {
            throw new IllegalArgumentException("a stream of " + s.jobsPerEpisode() + " sizes and intervals");
        }
        givenSizes = sizes.clone();
        givenIntervals = intervals.clone();
        return start();
    }

    private double[] start() {
        java.util.Arrays.fill(work, 0.0);
        for (ArrayDeque<double[]> queue : queues) {
            queue.clear();
        }
        arrived = 0;
        placed = 0;
        totalTimeInSystem = 0.0;
        jobSize = nextSize();
        arrived = 1;
        return observation();
    }

    @Override
    public Transition step(Action action) {
        if (!(action instanceof Action.Discrete discrete) || discrete.index() >= s.servers()) {
            throw new IllegalArgumentException("action must be a server in [0, " + s.servers() + ")");
        }
        int server = discrete.index();
        double timeInSystem = (work[server] + jobSize) / s.serviceRate(server);
        work[server] += jobSize;
        queues[server].addLast(new double[] {jobSize});
        totalTimeInSystem += timeInSystem;
        placed++;
        boolean terminated = arrived == s.jobsPerEpisode();
        if (!terminated) {
            advance(givenIntervals != null ? givenIntervals[arrived - 1]
                    : -s.meanInterval() * Math.log(1.0 - random.nextDouble()));
            jobSize = nextSize();
            arrived++;
        }
        return new Transition(observation(), -timeInSystem, terminated, false);
    }

    /** Each server works for dt at its rate through its FIFO queue. */
    private void advance(double dt) {
        for (int i = 0; i < work.length; i++) {
            double capacity = dt * s.serviceRate(i);
            ArrayDeque<double[]> queue = queues[i];
            while (capacity > 0 && !queue.isEmpty()) {
                double[] head = queue.peekFirst();
                double done = Math.min(capacity, head[0]);
                head[0] -= done;
                capacity -= done;
                if (head[0] <= 0) {
                    queue.pollFirst();
                }
            }
            work[i] = queue.stream().mapToDouble(job -> job[0]).sum();
        }
    }

    /** Pareto(shape, scale) by inversion: scale · U^(−1/shape), U in (0, 1]. */
    private double nextSize() {
        if (givenSizes != null) {
            return givenSizes[arrived];
        }
        return s.paretoScale() * Math.pow(1.0 - random.nextDouble(), -1.0 / s.paretoShape());
    }

    private double[] observation() {
        double[] obs = new double[observationSize()];
        for (int i = 0; i < work.length; i++) {
            obs[i] = Math.log1p(work[i] / s.paretoScale());
        }
        obs[work.length] = Math.log1p(jobSize / s.paretoScale());
        return obs;
    }

    /** Work queued at server i (including the job in service). */
    public double work(int server) {
        return work[server];
    }

    /** Jobs queued at server i (including the one in service). */
    public int queueLength(int server) {
        return queues[server].size();
    }

    /** Size of the job waiting for a decision. */
    public double jobSize() {
        return jobSize;
    }

    /** Mean time in the system of the jobs placed so far. */
    public double meanTimeInSystem() {
        return placed == 0 ? 0.0 : totalTimeInSystem / placed;
    }
}
