package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import java.util.Random;

/**
 * CartPole-v1 as Gymnasium defines it ({@code gymnasium/envs/classic_control/cartpole.py}, with the
 * {@code TimeLimit} of 500 steps): a pole on a cart, pushed left (0) or right (1) with 10 N, semi-implicit
 * physics integrated by explicit Euler with τ = 0.02 s. Reward 1 per step, the terminating one included.
 * Terminates when |x| &gt; 2.4 or |θ| &gt; 12°; truncates after 500 steps. The state starts uniform in
 * [−0.05, 0.05]⁴. Observation (x, ẋ, θ, θ̇), in doubles where Gymnasium rounds to float32.
 */
public final class CartPole implements Environment {

    public static final double GRAVITY = 9.8;
    public static final double MASS_CART = 1.0;
    public static final double MASS_POLE = 0.1;
    public static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    public static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    public static final double FORCE_MAG = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    public static final double X_THRESHOLD = 2.4;
    public static final int MAX_EPISODE_STEPS = 500;

    private final TimeLimit timeLimit;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    /** CartPole-v1: truncated at 500 steps. */
    public CartPole() {
        this(MAX_EPISODE_STEPS);
    }

    public CartPole(int maxEpisodeSteps) {
        this.timeLimit = new TimeLimit(maxEpisodeSteps);
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(2);
    }

    @Override
    public double[] reset(long seed) {
        Random rng = Seeds.random(seed);
        return reset(uniform(rng), uniform(rng), uniform(rng), uniform(rng));
    }

    /** Starts from the given state (for tests against worked values). */
    public double[] reset(double x, double xDot, double theta, double thetaDot) {
        this.x = x;
        this.xDot = xDot;
        this.theta = theta;
        this.thetaDot = thetaDot;
        timeLimit.start();
        return observation();
    }

    private static double uniform(Random rng) {
        return -0.05 + 0.1 * rng.nextDouble();
    }

    @Override
    public Transition step(Action action) {
        timeLimit.requireRunning();
        int push = ((Action.Discrete) action).index();
        if (push > 1) {
            throw new IllegalArgumentException("CartPole's actions are 0 (left) and 1 (right), got " + push);
        }
        double force = push == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;

        // Explicit Euler, in Gymnasium's order: positions from the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        boolean truncated = timeLimit.truncates(terminated);
        return new Transition(observation(), 1.0, terminated, truncated);
    }

    private double[] observation() {
        return new double[] {x, xDot, theta, thetaDot};
    }
}
