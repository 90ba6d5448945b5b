package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;

/**
 * MountainCar-v0 as Gymnasium defines it ({@code gymnasium/envs/classic_control/mountain_car.py}, with the
 * {@code TimeLimit} of 200 steps): a car in a valley ({@link MountainCarTrack}), too weak to drive up, pushed left,
 * not at all or right (actions 0, 1, 2: a push of (a − 1) × 0.001). Reward −1 per step. Terminates when the car
 * reaches position 0.5 not moving left; truncates after 200 steps. Observation (position, velocity), in doubles
 * where Gymnasium rounds to float32.
 */
public final class MountainCar implements Environment {

    public static final double FORCE = 0.001;
    public static final double GOAL_POSITION = 0.5;
    public static final int MAX_EPISODE_STEPS = 200;

    private final MountainCarTrack track = new MountainCarTrack();
    private final TimeLimit timeLimit;

    /** MountainCar-v0: truncated at 200 steps. */
    public MountainCar() {
        this(MAX_EPISODE_STEPS);
    }

    public MountainCar(int maxEpisodeSteps) {
        this.timeLimit = new TimeLimit(maxEpisodeSteps);
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(3);
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
        int push = ((Action.Discrete) action).index();
        if (push > 2) {
            throw new IllegalArgumentException("MountainCar's actions are 0 (left), 1 (none) and 2 (right), got " + push);
        }
        track.move((push - 1) * FORCE);
        boolean terminated = track.reached(GOAL_POSITION);
        boolean truncated = timeLimit.truncates(terminated);
        return new Transition(track.observation(), -1.0, terminated, truncated);
    }
}
