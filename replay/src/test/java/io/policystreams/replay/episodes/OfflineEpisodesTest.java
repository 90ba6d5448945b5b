package io.policystreams.replay.episodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.policystreams.replay.RecordedBandit;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Step;
import org.junit.jupiter.api.Test;

class OfflineEpisodesTest {

    private final OfflineEpisodes episodes = new OfflineEpisodes(RecordedBandit.SOURCE,
            RecordedBandit.spec("new", 1), 100);

    private static Step step(String episode, int index, boolean last) {
        return Step.newBuilder(RecordedBandit.steps(1, 0.5, 1L).get(0)).setEpisodeId(episode).setStepIndex(index)
                .setTerminated(last).build();
    }

    private static LoggedStep logged(Step step) {
        return LoggedStep.decoded(step.getEpisodeId(), step, 0L, "test#" + step.getStepIndex());
    }

    @Test
    void outOfOrderStepsAreAssembledByIndexAndDuplicatesIgnored() {
        assertNull(episodes.add(logged(step("e", 2, true))));
        assertNull(episodes.add(logged(step("e", 0, false))));
        assertNull(episodes.add(logged(step("e", 0, false))));
        Episode episode = episodes.add(logged(step("e", 1, false)));

        assertNotNull(episode);
        assertEquals(3, episode.getSteps().size());
        assertEquals(0, episode.getSteps().get(0).getStepIndex());
        assertNull(episodes.add(logged(step("e", 1, false))));
        assertEquals(2L, episodes.duplicates());
        assertEquals(0, episodes.incomplete());
    }

    @Test
    void brokenRulesAreRejectedWithTheirReason() {
        episodes.add(LoggedStep.undecodable("k", "undecodable: unknown magic byte", 0L, "steps-0@4"));
        episodes.add(logged(Step.newBuilder(step("a", 0, true)).setAction(new DiscreteAction(7)).build()));
        episodes.add(logged(step("b", 0, true)));
        episodes.add(logged(step("b", 1, true)));

        assertEquals(3L, episodes.rejections().count());
        assertEquals("steps-0@4: undecodable: unknown magic byte", episodes.rejections().examples().get(0));
        assertEquals("test#0: action index must be in [0, 2), was 7", episodes.rejections().examples().get(1));
        assertEquals("test#1: episode b ended at step 0; step 1 comes after its end",
                episodes.rejections().examples().get(2));
    }

    @Test
    void otherModelsAreSkippedAndIncompleteEpisodesCounted() {
        episodes.add(logged(Step.newBuilder(step("x", 0, true)).setModelId("other").build()));
        episodes.add(logged(step("y", 0, false)));

        assertEquals(1L, episodes.otherModels());
        assertEquals(1, episodes.incomplete());
        assertEquals(0, episodes.completed());
    }
}
