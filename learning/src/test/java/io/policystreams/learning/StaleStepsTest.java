package io.policystreams.learning;

import static io.policystreams.learning.TestModels.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.policystreams.schemas.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleStepsTest {

    @Test
    void keepsTheStepsAfterTheLastOneLaggingTooFar() {
        List<Step> steps = List.of(acted(0, 3), acted(1, 5), acted(2, 3), acted(3, 6));

        // learner at 7, lag ≤ 2 allowed: lags are 4, 2, 4, 1, so everything after index 2 stays
        assertEquals(List.of(3), indices(StaleSteps.fresh(steps, 7, 2)));
        assertEquals(List.of(0, 1, 2, 3), indices(StaleSteps.fresh(steps, 7, 4)));
        assertEquals(List.of(), indices(StaleSteps.fresh(steps, 7, 0)));
    }

    @Test
    void findsAStepFromAVersionTheLearnerHasNotPublished() {
        List<Step> steps = List.of(acted(0, 3), acted(1, 8));

        assertEquals(1, StaleSteps.aheadOfLearner(steps, 7).getStepIndex());
        assertNull(StaleSteps.aheadOfLearner(steps, 8));
    }

    private static Step acted(int t, long version) {
        return step("e", t, 4).setPolicyVersion(version).build();
    }

    private static List<Integer> indices(List<Step> steps) {
        return steps.stream().map(Step::getStepIndex).toList();
    }
}
