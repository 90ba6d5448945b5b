package io.policystreams.simulator.runtime;

import java.time.Duration;

/** How a simulator run ended. */
public record RunSummary(long episodes, long steps, double meanReturn, boolean reachedTarget, long finalVersion,
                         Duration elapsed) {

    public double stepsPerSecond() {
        return elapsed.isZero() ? 0.0 : steps / (elapsed.toNanos() / 1e9);
    }
}
