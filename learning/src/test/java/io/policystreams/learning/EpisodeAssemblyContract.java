package io.policystreams.learning;

import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.schemas.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases on which both assemblers of episodes, the live processor (streams-app) and replay's offline one, must
 * agree, since both follow {@link EpisodeRules}. A subclass feeds the steps (of {@link TestModels}' bandit, valid for
 * its spec) to its assembler and says what came out.
 */
public abstract class EpisodeAssemblyContract {

    /**
     * What an assembler made of a sequence of steps.
     *
     * @param episodes   the complete episodes, as their steps' indices, in the order they were completed
     * @param rejections the reasons of the rejected steps, in order
     */
    public record Outcome(List<List<Integer>> episodes, List<String> rejections) {
    }

    /** Feeds {@code steps}, in this order, to a fresh assembler. */
    protected abstract Outcome assemble(List<Step> steps);

    @Test
    void stepsInOrderMakeOneEpisode() {
        assertEquals(new Outcome(List.of(List.of(0, 1, 2)), List.of()),
                assemble(List.of(step("e-1", 0, 3).build(), step("e-1", 1, 3).build(), step("e-1", 2, 3).build())));
    }

    @Test
    void outOfOrderStepsAreAssembledInStepOrder() {
        assertEquals(new Outcome(List.of(List.of(0, 1, 2)), List.of()),
                assemble(List.of(step("e-1", 2, 3).build(), step("e-1", 0, 3).build(), step("e-1", 1, 3).build())));
    }

    @Test
    void aDuplicateStepIsIgnored() {
        assertEquals(new Outcome(List.of(List.of(0, 1)), List.of()), assemble(List.of(step("e-1", 0, 2).build(),
                step("e-1", 0, 2).setReward(99.0).build(), step("e-1", 1, 2).build())));
    }

    @Test
    void aLateDuplicateOfACompleteEpisodeIsIgnored() {
        assertEquals(new Outcome(List.of(List.of(0, 1)), List.of()), assemble(List.of(step("e-1", 0, 2).build(),
                step("e-1", 1, 2).build(), step("e-1", 0, 2).build(), step("e-1", 1, 2).build())));
    }

    @Test
    void aStepAfterTheEndIsRejected() {
        assertEquals(new Outcome(List.of(), List.of("episode e-1 ended at step 1; step 2 comes after its end")),
                assemble(List.of(step("e-1", 1, 2).build(), step("e-1", 2, 4).build())));
    }

    @Test
    void aStepAfterTheEndOfACompleteEpisodeIsRejected() {
        assertEquals(new Outcome(List.of(List.of(0, 1)),
                        List.of("episode e-1 ended at step 1; step 2 comes after its end")),
                assemble(List.of(step("e-1", 0, 2).build(), step("e-1", 1, 2).build(), step("e-1", 2, 4).build())));
    }

    @Test
    void anEndBeforeAReceivedStepIsRejected() {
        assertEquals(new Outcome(List.of(), List.of("step 1 ends episode e-1, but step 3 was already received")),
                assemble(List.of(step("e-1", 3, 5).build(), step("e-1", 1, 2).build())));
    }

    @Test
    void aTruncatedStepEndsItsEpisode() {
        Step truncated = step("e-1", 1, 3).setTruncated(true).setNextObservation(List.of(0.5)).build();
        assertEquals(new Outcome(List.of(List.of(0, 1)), List.of()),
                assemble(List.of(step("e-1", 0, 3).build(), truncated)));
    }

    @Test
    void anEpisodeWithoutItsEndStepIsNotComplete() {
        assertEquals(new Outcome(List.of(), List.of()),
                assemble(List.of(step("e-1", 0, 3).build(), step("e-1", 2, 3).build(), step("e-2", 1, 3).build())));
    }

    @Test
    void episodesCompleteIndependently() {
        assertEquals(new Outcome(List.of(List.of(0), List.of(0, 1)), List.of()), assemble(List.of(
                step("e-1", 0, 2).build(), step("e-2", 0, 1).build(), step("e-1", 1, 2).build())));
    }
}
