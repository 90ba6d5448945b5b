package io.policystreams.simulator.env;

/**
 * An episode's clock, as Gymnasium's {@code TimeLimit} wrapper keeps it: the steps taken since the reset, the
 * limit after which a step that did not terminate truncates, and whether the episode has ended (no step then
 * until a reset). One home for what every environment with a time limit does.
 */
final class TimeLimit {

    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean ended = true;

    TimeLimit(int maxEpisodeSteps) {
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps must be >= 1, was " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** A new episode starts. */
    void start() {
        elapsedSteps = 0;
        ended = false;
    }

    /** Throws unless an episode is running. */
    void requireRunning() {
        if (ended) {
            throw new IllegalStateException("the episode has ended; reset first");
        }
    }

    /** Counts a step that did or did not terminate; true when it truncates the episode instead. */
    boolean truncates(boolean terminated) {
        elapsedSteps++;
        boolean truncated = !terminated && elapsedSteps >= maxEpisodeSteps;
        ended = terminated || truncated;
        return truncated;
    }
}
