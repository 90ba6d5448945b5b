package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeGapsTest {

    @Test
    void describesRunsOfReceivedIndicesAndTheEnd() {
        assertEquals("steps 0-2, 5, 7-8 received; no step ended it", EpisodeGaps.describe(List.of(
                step("e", 0, 20).build(), step("e", 1, 20).build(), step("e", 2, 20).build(),
                step("e", 5, 20).build(), step("e", 7, 20).build(), step("e", 8, 20).build())));
        assertEquals("steps 3 received; step 3 ended it", EpisodeGaps.describe(List.of(step("e", 3, 4).build())));
    }
}
