package io.policystreams.app.processor;

import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Step;
import java.util.List;

/**
 * What the assembler emits: a complete episode for the learner, or an incomplete one that expired, whose steps
 * go to the dead-letter topic (the record carries the reason in its headers).
 */
public record AssembledEpisode(Episode episode, boolean expired) {

    public static AssembledEpisode complete(Episode episode) {
        return new AssembledEpisode(episode, false);
    }

    public static AssembledEpisode expired(Episode episode) {
        return new AssembledEpisode(episode, true);
    }

    public boolean isComplete() {
        return !expired;
    }

    public List<Step> steps() {
        return episode.getSteps();
    }
}
