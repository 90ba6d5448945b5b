package io.policystreams.app.processor;

import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Step;

/**
 * What the assembler emits: a complete episode for the learner, or one step of an incomplete episode that expired,
 * for the dead-letter topic (the record carries the reason and the step's input coordinates in its headers).
 */
public record AssembledEpisode(Episode episode, Step expiredStep) {

    public static AssembledEpisode complete(Episode episode) {
        return new AssembledEpisode(episode, null);
    }

    public static AssembledEpisode expired(Step step) {
        return new AssembledEpisode(null, step);
    }

    public boolean isComplete() {
        return episode != null;
    }
}
