package io.policystreams.learning;

import io.policystreams.binding.Trajectories;
import io.policystreams.schemas.Step;
import java.util.Optional;

/**
 * How steps join an episode, for the live assembler and replay's alike ({@link Trajectories#ends} says which step
 * ends one). A step must name its episode's model; it
 * may not come after the step that ended the episode, nor end the episode before a step already received. A step
 * index received before is a duplicate, ignored. The episode is complete once its end step and every step before
 * it are in.
 */
public final class EpisodeRules {

    private EpisodeRules() {
    }

    /**
     * What is known of an episode before a step joins it.
     *
     * @param modelId      the model its first step named
     * @param endIndex     the index of the step that ended it, or -1
     * @param highestIndex the highest step index received, or -1
     */
    public record Progress(String modelId, int endIndex, int highestIndex) {

        /** An episode of which nothing was received yet, to be joined by {@code first}. */
        public static Progress before(Step first) {
            return new Progress(first.getModelId(), -1, -1);
        }
    }

    /** Why {@code step} cannot join the episode; empty if it can (it may still be a duplicate). */
    public static Optional<String> violation(Progress episode, Step step) {
        if (!episode.modelId().equals(step.getModelId())) {
            return Optional.of("episode " + step.getEpisodeId() + " belongs to model " + episode.modelId()
                    + "; this step names model " + step.getModelId());
        }
        if (episode.endIndex() >= 0 && step.getStepIndex() > episode.endIndex()) {
            return Optional.of("episode " + step.getEpisodeId() + " ended at step " + episode.endIndex() + "; step "
                    + step.getStepIndex() + " comes after its end");
        }
        if (Trajectories.ends(step) && step.getStepIndex() < episode.highestIndex()) {
            return Optional.of("step " + step.getStepIndex() + " ends episode " + step.getEpisodeId() + ", but step "
                    + episode.highestIndex() + " was already received");
        }
        return Optional.empty();
    }

    /** Steps 0..end all present, given {@code received} distinct steps none of which lies beyond the end. */
    public static boolean isComplete(int endIndex, int received) {
        return endIndex >= 0 && received == endIndex + 1;
    }
}
