package io.policystreams.simulator.env;

import io.policystreams.policy.distribution.Action;
import java.util.Random;

/**
 * Acrobot-v1 as Gymnasium defines it ({@code gymnasium/envs/classic_control/acrobot.py}, the book's dynamics, with
 * the {@code TimeLimit} of 500 steps): two links hanging from a fixed joint, the joint between them driven with a
 * torque of −1, 0 or +1 (actions 0, 1, 2). Each step integrates the equations of motion (Sutton and Barto) over
 * dt = 0.2 s with one step of fourth-order Runge-Kutta, wraps both angles into [−π, π] and bounds the angular
 * velocities to ±4π and ±9π. Reward −1 per step and 0 on the step that terminates, when the free end rises above
 * the fixed joint by one link's length: −cos θ₁ − cos(θ₁ + θ₂) &gt; 1. The state starts uniform in [−0.1, 0.1]⁴.
 * Observation (cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂), in doubles where Gymnasium rounds to float32.
 */
public final class Acrobot implements Environment {

    public static final double DT = 0.2;
    public static final double LINK_LENGTH_1 = 1.0;
    public static final double LINK_MASS_1 = 1.0;
    public static final double LINK_MASS_2 = 1.0;
    /** Distance from each link's joint to its centre of mass. */
    public static final double LINK_COM_POS_1 = 0.5;
    public static final double LINK_COM_POS_2 = 0.5;
    public static final double LINK_MOI = 1.0;
    public static final double MAX_VEL_1 = 4 * Math.PI;
    public static final double MAX_VEL_2 = 9 * Math.PI;
    public static final double GRAVITY = 9.8;
    public static final double[] TORQUES = {-1.0, 0.0, 1.0};
    public static final int MAX_EPISODE_STEPS = 500;

    private final TimeLimit timeLimit;
    /** θ₁, θ₂, θ̇₁, θ̇₂. */
    private final double[] state = new double[4];

    /** Acrobot-v1: truncated at 500 steps. */
    public Acrobot() {
        this(MAX_EPISODE_STEPS);
    }

    public Acrobot(int maxEpisodeSteps) {
        this.timeLimit = new TimeLimit(maxEpisodeSteps);
    }

    @Override
    public int observationSize() {
        return 6;
    }

    @Override
    public ActionSpace actionSpace() {
        return new ActionSpace.Discrete(TORQUES.length);
    }

    @Override
    public double[] reset(long seed) {
        Random rng = Seeds.random(seed);
        return reset(uniform(rng), uniform(rng), uniform(rng), uniform(rng));
    }

    /** Starts from the given state (for tests against worked values). */
    public double[] reset(double theta1, double theta2, double theta1Dot, double theta2Dot) {
        state[0] = theta1;
        state[1] = theta2;
        state[2] = theta1Dot;
        state[3] = theta2Dot;
        timeLimit.start();
        return observation();
    }

    private static double uniform(Random rng) {
        return -0.1 + 0.2 * rng.nextDouble();
    }

    /** The state θ₁, θ₂, θ̇₁, θ̇₂ (a copy). */
    public double[] state() {
        return state.clone();
    }

    @Override
    public Transition step(Action action) {
        timeLimit.requireRunning();
        int choice = ((Action.Discrete) action).index();
        if (choice >= TORQUES.length) {
            throw new IllegalArgumentException("Acrobot's actions are 0, 1 and 2 (torque -1, 0, +1), got " + choice);
        }
        double[] next = rungeKutta4(state, TORQUES[choice], DT);
        state[0] = wrap(next[0]);
        state[1] = wrap(next[1]);
        state[2] = Math.min(Math.max(next[2], -MAX_VEL_1), MAX_VEL_1);
        state[3] = Math.min(Math.max(next[3], -MAX_VEL_2), MAX_VEL_2);

        boolean terminated = -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
        boolean truncated = timeLimit.truncates(terminated);
        return new Transition(observation(), terminated ? 0.0 : -1.0, terminated, truncated);
    }

    /** y + dt/6 (k₁ + 2k₂ + 2k₃ + k₄), one step of the classical Runge-Kutta method, the torque held constant. */
    static double[] rungeKutta4(double[] y, double torque, double dt) {
        double[] k1 = derivatives(y, torque);
        double[] k2 = derivatives(plus(y, dt / 2, k1), torque);
        double[] k3 = derivatives(plus(y, dt / 2, k2), torque);
        double[] k4 = derivatives(plus(y, dt, k3), torque);
        double[] next = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            next[i] = y[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return next;
    }

    private static double[] plus(double[] y, double scale, double[] k) {
        double[] sum = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            sum[i] = y[i] + scale * k[i];
        }
        return sum;
    }

    /** (θ̇₁, θ̇₂, θ̈₁, θ̈₂): the book's equations of motion (Sutton and Barto, section 11.3). */
    static double[] derivatives(double[] s, double torque) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(theta2)) + 2 * LINK_MOI;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(theta2)) + LINK_MOI;
        double phi2 = m2 * lc2 * GRAVITY * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * dtheta2 * dtheta2 * Math.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (m1 * lc1 + m2 * l1) * GRAVITY * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1 * dtheta1 * Math.sin(theta2) - phi2)
                / (m2 * lc2 * lc2 + LINK_MOI - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
    }

    /** x moved by whole turns into [−π, π], as Gymnasium's {@code wrap}. */
    static double wrap(double x) {
        double wrapped = x;
        while (wrapped > Math.PI) {
            wrapped -= 2 * Math.PI;
        }
        while (wrapped < -Math.PI) {
            wrapped += 2 * Math.PI;
        }
        return wrapped;
    }

    private double[] observation() {
        return new double[] {Math.cos(state[0]), Math.sin(state[0]), Math.cos(state[1]), Math.sin(state[1]),
            state[2], state[3]};
    }
}
