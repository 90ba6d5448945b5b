package io.policystreams.learning;

import io.policystreams.schemas.Step;
import java.util.List;

/**
 * Staleness of a step: lag = learner version − behaviour policy version. Steps with lag above maxVersionLag are
 * dropped. Returns G_t need the steps after t only, so an episode keeps the suffix after its last stale step
 * (a simulator that follows the latest policy acts with versions that only grow, so the stale steps are a prefix).
 */
public final class StaleSteps {

    private StaleSteps() {
    }

    /** The steps to train on, in order: those after the last step lagging by more than {@code maxVersionLag}. */
    public static List<Step> fresh(List<Step> steps, long learnerVersion, long maxVersionLag) {
        int firstFresh = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (lag(steps.get(i), learnerVersion) > maxVersionLag) {
                firstFresh = i + 1;
            }
        }
        return steps.subList(firstFresh, steps.size());
    }

    /** A step acted by a version the learner has not published yet (negative lag), or null if there is none. */
    public static Step aheadOfLearner(List<Step> steps, long learnerVersion) {
        return steps.stream().filter(step -> lag(step, learnerVersion) < 0).findFirst().orElse(null);
    }

    public static long lag(Step step, long learnerVersion) {
        return learnerVersion - step.getPolicyVersion();
    }
}
