package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import java.util.Random;

/**
 * Pendulum-v1 as Gymnasium defines it ({@code gymnasium/envs/classic_control/pendulum.py}, g = 10, with the
 * {@code TimeLimit} of 200 steps): swing a pendulum up and hold it, with a torque u clipped to ±2. Each step costs
 * normalize(θ)² + 0.1 θ̇² + 0.001 u² (the reward is its negative; normalize wraps θ into [−π, π), 0 upright), then
 * θ̇ += (3g/(2l) sin θ + 3/(m l²) u) dt, clipped to ±8, and θ += θ̇ dt, with dt = 0.05 s. It never terminates; it
 * truncates after 200 steps. The state starts with θ uniform in [−π, π] and θ̇ in [−1, 1]. Observation
 * (cos θ, sin θ, θ̇), in doubles where Gymnasium rounds to float32.
 */
public final class Pendulum implements Environment {

    public static final double MAX_SPEED = 8;
    public static final double MAX_TORQUE = 2.0;
    public static final double DT = 0.05;
    public static final double GRAVITY = 10.0;
    public static final double MASS = 1.0;
    public static final double LENGTH = 1.0;
    public static final int MAX_EPISODE_STEPS = 200;

    private final TimeLimit timeLimit;
    private double theta;
    private double thetaDot;

    /** Pendulum-v1: truncated at 200 steps. */
    public Pendulum() {
        this(MAX_EPISODE_STEPS);
    }

    public Pendulum(int maxEpisodeSteps) {
        this.timeLimit = new TimeLimit(maxEpisodeSteps);
    }

    @Override
    public int observationSize() {
        return 3;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Box(new double[] {-MAX_TORQUE}, new double[] {MAX_TORQUE});
    }

    @Override
    public double[] reset(long seed) {
        Random rng = Seeds.random(seed);
        return reset(Math.PI * (2 * rng.nextDouble() - 1), 2 * rng.nextDouble() - 1);
    }

    /** Starts from the given state (for tests against worked values). */
    public double[] reset(double theta, double thetaDot) {
        this.theta = theta;
        this.thetaDot = thetaDot;
        timeLimit.start();
        return observation();
    }

    @Override
    public Transition step(Action action) {
        timeLimit.requireRunning();
        double u = Math.min(Math.max(((Action.Continuous) action).values()[0], -MAX_TORQUE), MAX_TORQUE);
        double cost = normalizeAngle(theta) * normalizeAngle(theta) + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        double newThetaDot = thetaDot + (3 * GRAVITY / (2 * LENGTH) * Math.sin(theta)
                + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
        thetaDot = Math.min(Math.max(newThetaDot, -MAX_SPEED), MAX_SPEED);
        theta = theta + thetaDot * DT;

        boolean truncated = timeLimit.truncates(false);
        return new Transition(observation(), -cost, false, truncated);
    }

    /** ((x + π) mod 2π) − π with a non-negative remainder, as Python's %: x wrapped into [−π, π). */
    static double normalizeAngle(double x) {
        double shifted = x + Math.PI;
        return shifted - Math.floor(shifted / (2 * Math.PI)) * (2 * Math.PI) - Math.PI;
    }

    private double[] observation() {
        return new double[] {Math.cos(theta), Math.sin(theta), thetaDot};
    }
}
