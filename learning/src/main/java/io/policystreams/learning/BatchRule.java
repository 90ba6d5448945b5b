package io.policystreams.learning;

import io.policystreams.schemas.Hyperparameters;

/** When a pending batch is trained on: once it holds batchEpisodes episodes or batchSteps steps (0 disables each). */
public final class BatchRule {

    private BatchRule() {
    }

    public static boolean isFull(long episodes, long steps, Hyperparameters h) {
        return (h.getBatchEpisodes() > 0 && episodes >= h.getBatchEpisodes())
                || (h.getBatchSteps() > 0 && steps >= h.getBatchSteps());
    }
}
