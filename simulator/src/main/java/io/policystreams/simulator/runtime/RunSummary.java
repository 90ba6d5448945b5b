package io.policystreams.simulator.runtime;

import java.time.Duration;

/**
 * How a simulator run ended.
 *
 * @param steps          every step taken, the episodes played to their end after the stopping rule included
 * @param stoppedAtSteps steps taken when the stopping rule first held (when the target was reached)
 * @param meanReturn     mean return of the last returnWindow episodes
 */
public record RunSummary(long episodes, long steps, long stoppedAtSteps, double meanReturn, boolean reachedTarget,
                         long finalVersion, Duration elapsed) {

    public double stepsPerSecond() {
        return elapsed.isZero() ? 0.0 : steps / (elapsed.toNanos() / 1e9);
    }
}
