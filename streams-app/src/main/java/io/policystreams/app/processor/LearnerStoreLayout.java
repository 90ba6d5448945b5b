package io.policystreams.app.processor;

import io.policystreams.learning.Ids;

/**
 * The learner's stores, their names and key layout, shared by {@link ModelDeclarations} and {@link Learner} (both
 * keyed by model id).
 */
public final class LearnerStoreLayout {

    /** model id → LearnerState: spec, parameters, optimiser and baseline state, version, counters. */
    public static final String MODELS = "learner-models";
    /** model id → BatchProgress of the pending batch. */
    public static final String BATCH_PROGRESS = "learner-batch-progress";
    /** model id, NUL, 19-digit sequence → Episode: the pending batch in arrival order. */
    public static final String BATCH_EPISODES = "learner-batch-episodes";

    private LearnerStoreLayout() {
    }

    /** The key of a pending episode; sorts in arrival order under the prefix {@link #batchPrefix}. */
    static String batchKey(String modelId, long sequence) {
        return batchPrefix(modelId) + StoreKeys.zeroPadded(sequence, 19);
    }

    static String batchPrefix(String modelId) {
        return Ids.keyPrefix(modelId);
    }
}
