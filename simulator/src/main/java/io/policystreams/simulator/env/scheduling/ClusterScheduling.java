package io.policystreams.simulator.env.scheduling;

import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.simulator.env.ActionSpace;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Multi-resource cluster scheduling after DeepRM (Mao, Alizadeh, Menache and Kandula, HotNets 2016). Jobs arrive
 * into M visible slots (then a backlog); action a < M starts the job in slot a at the earliest time within the
 * horizon where its demand fits for its whole duration, and time stands still; action M, or a job that does not
 * fit, moves time on by one slot, with reward −Σ_{j in the system} 1/T_j, so the return is minus the total
 * slowdown. The episode terminates once every job of the sequence has finished.
 *
 * <p>The action mask allows the visible jobs that fit now, as the heuristics start them, and moving on unless that
 * would leave an idle cluster idle with a fitting job waiting. A policy acting under it may hold a job back while
 * others run (DeepRM's agent learned to keep room for short jobs), but can neither stall an empty cluster forever nor
 * reserve future slots; {@link #step} still takes any action, as DeepRM's environment did.
 *
 * <p>Observation: per resource, the used fraction of each horizon slot; per visible slot, (present, T/L, demand/C
 * per resource, whether it fits now, its earliest start / H or 1 if it fits nowhere in the horizon); the backlog's
 * fill. DeepRM's agent saw only the occupancy and demand images; the two fit features spare a small network from
 * learning the fit test itself.
 */
public final class ClusterScheduling implements Environment {

    private final SchedulingSettings settings;
    private List<Job> sequence = List.of();
    private int nextArrival;
    private int now;
    /** used[r][τ]: units of resource r taken at time now + τ. */
    private int[][] used;
    private final Job[] visible;
    private final Deque<Job> backlog = new ArrayDeque<>();
    private final List<Job> running = new ArrayList<>();
    private final List<Integer> finishTimes = new ArrayList<>();
    private final List<Double> slowdowns = new ArrayList<>();
    private int dropped;

    public ClusterScheduling(SchedulingSettings settings) {
        this.settings = settings;
        this.visible = new Job[settings.visibleJobs()];
    }

    public SchedulingSettings settings() {
        return settings;
    }

    @Override
    public int observationSize() {
        return settings.resources() * settings.horizon() + settings.visibleJobs() * (4 + settings.resources()) + 1;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(settings.visibleJobs() + 1);
    }

    /** Slots a < M whose job fits now; M (move on) when none does or when some resource is in use now. */
    @Override
    public ActionMask actionMask() {
        boolean[] allowed = new boolean[settings.visibleJobs() + 1];
        boolean anyFits = false;
        for (int a = 0; a < settings.visibleJobs(); a++) {
            allowed[a] = fitsNow(a);
            anyFits |= allowed[a];
        }
        allowed[settings.visibleJobs()] = !anyFits || !idleNow();
        return ActionMask.of(allowed);
    }

    /** Whether no resource is in use at the current time slot. */
    private boolean idleNow() {
        for (int r = 0; r < settings.resources(); r++) {
            if (used[r][0] > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] reset(long seed) {
        return reset(JobSequence.generate(settings, seed));
    }

    /** Starts an episode on a given job sequence (arrival order). */
    public double[] reset(List<Job> jobs) {
        sequence = List.copyOf(jobs);
        nextArrival = 0;
        now = 0;
        used = new int[settings.resources()][settings.horizon()];
        java.util.Arrays.fill(visible, null);
        backlog.clear();
        running.clear();
        finishTimes.clear();
        slowdowns.clear();
        dropped = 0;
        admitArrivals();
        return observation();
    }

    @Override
    public Transition step(Action action) {
        if (!(action instanceof Action.Discrete discrete)) {
            throw new IllegalArgumentException("cluster scheduling takes a discrete action");
        }
        int a = discrete.index();
        if (a < 0 || a > settings.visibleJobs()) {
            throw new IllegalArgumentException("action must be in [0, " + settings.visibleJobs() + "], was " + a);
        }
        if (a < settings.visibleJobs() && visible[a] != null && start(a)) {
            return new Transition(observation(), 0.0, false, false);
        }
        double reward = -jobsInSystemWeight();
        advanceTime();
        boolean terminated = isDone();
        boolean truncated = !terminated && now >= settings.timeLimit();
        return new Transition(observation(), reward, terminated, truncated);
    }

    /** Starts the job in slot a at its earliest fitting time, if any; then refills the slot from the backlog. */
    private boolean start(int slot) {
        Job job = visible[slot];
        int begin = earliestStart(job);
        if (begin < 0) {
            return false;
        }
        for (int r = 0; r < settings.resources(); r++) {
            for (int tau = begin; tau < begin + job.duration(); tau++) {
                used[r][tau] += job.demand(r);
            }
        }
        running.add(job);
        finishTimes.add(now + begin + job.duration());
        visible[slot] = backlog.pollFirst();
        return true;
    }

    /** The first τ in [0, H − T] where the job fits for all its T slots, or −1. */
    public int earliestStart(Job job) {
        for (int begin = 0; begin + job.duration() <= settings.horizon(); begin++) {
            if (fitsFrom(job, begin)) {
                return begin;
            }
        }
        return -1;
    }

    /** Whether visible slot i holds a job that can start now: what the heuristics choose from, and the mask allows. */
    public boolean fitsNow(int slot) {
        return visible[slot] != null && fitsFrom(visible[slot], 0);
    }

    /** Whether the job's demand fits in every resource from now + begin for its whole duration. */
    public boolean fitsFrom(Job job, int begin) {
        for (int r = 0; r < settings.resources(); r++) {
            for (int tau = begin; tau < begin + job.duration(); tau++) {
                if (used[r][tau] + job.demand(r) > settings.capacity()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Σ 1/T_j over jobs that have arrived and not finished: running or reserved, visible, in the backlog. */
    private double jobsInSystemWeight() {
        double sum = 0.0;
        for (Job job : running) {
            sum += 1.0 / job.duration();
        }
        for (Job job : visible) {
            sum += job == null ? 0.0 : 1.0 / job.duration();
        }
        for (Job job : backlog) {
            sum += 1.0 / job.duration();
        }
        return sum;
    }

    private void advanceTime() {
        now++;
        for (int r = 0; r < settings.resources(); r++) {
            System.arraycopy(used[r], 1, used[r], 0, settings.horizon() - 1);
            used[r][settings.horizon() - 1] = 0;
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            if (finishTimes.get(i) <= now) {
                Job job = running.remove(i);
                int finish = finishTimes.remove(i);
                slowdowns.add((double) (finish - job.arrival()) / job.duration());
            }
        }
        admitArrivals();
    }

    /** Jobs arriving at or before now join the first free visible slot, else the backlog, else are dropped. */
    private void admitArrivals() {
        while (nextArrival < sequence.size() && sequence.get(nextArrival).arrival() <= now) {
            Job job = sequence.get(nextArrival++);
            int free = firstFreeSlot();
            if (free >= 0) {
                visible[free] = job;
            } else if (backlog.size() < settings.backlogSize()) {
                backlog.addLast(job);
            } else {
                dropped++;
            }
        }
    }

    private int firstFreeSlot() {
        for (int i = 0; i < visible.length; i++) {
            if (visible[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private boolean isDone() {
        return nextArrival == sequence.size() && jobsInSystem() == 0;
    }

    private double[] observation() {
        double[] obs = new double[observationSize()];
        int i = 0;
        for (int r = 0; r < settings.resources(); r++) {
            for (int tau = 0; tau < settings.horizon(); tau++) {
                obs[i++] = (double) used[r][tau] / settings.capacity();
            }
        }
        for (Job job : visible) {
            obs[i++] = job == null ? 0.0 : 1.0;
            obs[i++] = job == null ? 0.0 : (double) job.duration() / settings.maxJobLength();
            for (int r = 0; r < settings.resources(); r++) {
                obs[i++] = job == null ? 0.0 : (double) job.demand(r) / settings.capacity();
            }
            int begin = job == null ? -1 : earliestStart(job);
            obs[i++] = begin == 0 ? 1.0 : 0.0;
            obs[i++] = job == null ? 0.0 : begin < 0 ? 1.0 : (double) begin / settings.horizon();
        }
        obs[i] = settings.backlogSize() == 0 ? 0.0 : (double) backlog.size() / settings.backlogSize();
        return obs;
    }

    /** The job in visible slot i, or null. */
    public Job visibleJob(int i) {
        return visible[i];
    }

    /** Free units of resource r at time now + τ. */
    public int free(int resource, int tau) {
        return settings.capacity() - used[resource][tau];
    }

    public int now() {
        return now;
    }

    /** Slowdowns (finish − arrival) / T of the jobs finished so far. */
    public List<Double> slowdowns() {
        return List.copyOf(slowdowns);
    }

    /** Jobs that arrived to a full backlog. */
    public int dropped() {
        return dropped;
    }

    public int jobsInSequence() {
        return sequence.size();
    }

    /** Arrived jobs not finished: running or reserved, visible, waiting in the backlog. */
    public int jobsInSystem() {
        int visibleJobs = (int) java.util.Arrays.stream(visible).filter(j -> j != null).count();
        return running.size() + visibleJobs + backlog.size();
    }

    /** Jobs of the sequence that have arrived (including dropped ones). */
    public int arrived() {
        return nextArrival;
    }
}
