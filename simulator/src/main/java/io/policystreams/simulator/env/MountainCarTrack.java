package io.policystreams.simulator.env;

import java.util.Random;

/**
 * The car and the valley of Gymnasium's two mountain cars ({@code mountain_car.py}, {@code
 * continuous_mountain_car.py}): velocity += push − 0.0025 cos(3 position), clipped to ±0.07; position += velocity,
 * clipped to [−1.2, 0.6]; at the left wall a car moving left stops. Episodes start at rest, uniform in
 * [−0.6, −0.4]. The two environments differ in the push, the goal and the reward.
 */
final class MountainCarTrack {

    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GRAVITY = 0.0025;

    private double position;
    private double velocity;

    /** A start at rest, uniform in [−0.6, −0.4]. */
    void reset(Random rng) {
        reset(-0.6 + 0.2 * rng.nextDouble(), 0.0);
    }

    void reset(double position, double velocity) {
        this.position = position;
        this.velocity = velocity;
    }

    /** One step with {@code push} added to the velocity. */
    void move(double push) {
        velocity = Math.min(Math.max(velocity + push - GRAVITY * Math.cos(3 * position), -MAX_SPEED), MAX_SPEED);
        position = Math.min(Math.max(position + velocity, MIN_POSITION), MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
    }

    /** At or right of {@code goal}, not moving left. */
    boolean reached(double goal) {
        return position >= goal && velocity >= 0;
    }

    double[] observation() {
        return new double[] {position, velocity};
    }
}
