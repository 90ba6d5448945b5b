package io.policystreams.simulator.runtime;

/** Told about every finished episode, in order, on the simulator's thread. */
@FunctionalInterface
public interface EpisodeListener {

    /**
     * @param episodes   episodes finished so far, this one included
     * @param steps      environment steps taken so far
     * @param meanReturn mean return of the last (up to) returnWindow episodes
     */
    void onEpisode(long episodes, long steps, double episodeReturn, int length, long policyVersion,
                   double meanReturn);

    /** This listener, then {@code next}. */
    default EpisodeListener andThen(EpisodeListener next) {
        return (episodes, steps, episodeReturn, length, policyVersion, meanReturn) -> {
            onEpisode(episodes, steps, episodeReturn, length, policyVersion, meanReturn);
            next.onEpisode(episodes, steps, episodeReturn, length, policyVersion, meanReturn);
        };
    }
}
