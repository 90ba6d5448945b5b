package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;

/**
 * MountainCarContinuous-v0 as Gymnasium defines it ({@code gymnasium/envs/classic_control/continuous_mountain_car.py},
 * with the {@code TimeLimit} of 999 steps): the car of {@link MountainCarTrack} driven by a force a clipped to
 * ±1 (a push of 0.0015 a). Reward −0.1 a² per step, from the action as given, before clipping (as Gymnasium computes
 * it), plus 100 on the step that reaches position 0.45 not moving left, which terminates; truncates after 999 steps.
 * Observation (position, velocity), in doubles where Gymnasium rounds to float32.
 */
public final class MountainCarContinuous implements Environment {

    public static final double POWER = 0.0015;
    public static final double MAX_ACTION = 1.0;
    public static final double GOAL_POSITION = 0.45;
    public static final double GOAL_REWARD = 100.0;
    public static final int MAX_EPISODE_STEPS = 999;

    private final MountainCarTrack track = new MountainCarTrack();
    private final TimeLimit timeLimit;

    /** MountainCarContinuous-v0: truncated at 999 steps. */
    public MountainCarContinuous() {
        this(MAX_EPISODE_STEPS);
    }

    public MountainCarContinuous(int maxEpisodeSteps) {
        this.timeLimit = new TimeLimit(maxEpisodeSteps);
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Box(new double[] {-MAX_ACTION}, new double[] {MAX_ACTION});
    }

    @Override
    public double[] reset(long seed) {
        track.reset(Seeds.random(seed));
        return start();
    }

    /** Starts from the given state (for tests against worked values). */
    public double[] reset(double position, double velocity) {
        track.reset(position, velocity);
        return start();
    }

    private double[] start() {
        timeLimit.start();
        return track.observation();
    }

    @Override
    public Transition step(Action action) {
        timeLimit.requireRunning();
        double given = ((Action.Continuous) action).values()[0];
        track.move(Math.min(Math.max(given, -MAX_ACTION), MAX_ACTION) * POWER);
        boolean terminated = track.reached(GOAL_POSITION);
        boolean truncated = timeLimit.truncates(terminated);
        double reward = (terminated ? GOAL_REWARD : 0.0) - 0.1 * given * given;
        return new Transition(track.observation(), reward, terminated, truncated);
    }
}
