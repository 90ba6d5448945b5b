package io.policystreams.app.processor;

import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.learning.BatchRule;
import io.policystreams.app.learning.PolicyTrainer;
import io.policystreams.app.learning.StaleSteps;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner of each model (key: model id). An episode joins the model's pending batch, less its steps that lag
 * more than maxVersionLag versions (counted as dropped; see {@link StaleSteps}). Once the batch holds batchEpisodes episodes or batchSteps
 * steps, {@link PolicyTrainer} updates the model, and the new version is stored and published with its report.
 * A model's state (parameters and optimiser moments, hundreds of kilobytes for an MLP) is read from its store
 * once per task initialisation and kept in step with every write, so an episode does not cost a deserialisation;
 * {@link ModelDeclarations} only ever writes a model that is absent, which is never kept.
 */
public final class Learner implements Processor<String, Episode, String, PolicyUpdate> {

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    private ProcessorContext<String, PolicyUpdate> context;
    private KeyValueStore<String, LearnerState> models;
    private KeyValueStore<String, BatchProgress> progress;
    private KeyValueStore<String, Episode> pendingEpisodes;
    private Map<String, LearnerState> liveModels;

    @Override
    public void init(ProcessorContext<String, PolicyUpdate> context) {
        this.context = context;
        this.models = context.getStateStore(LearnerStores.MODELS);
        this.progress = context.getStateStore(LearnerStores.BATCH_PROGRESS);
        this.pendingEpisodes = context.getStateStore(LearnerStores.BATCH_EPISODES);
        this.liveModels = new HashMap<>();
    }

    @Override
    public void process(Record<String, Episode> record) {
        String modelId = record.key();
        LearnerState state = requireLiveModel(modelId);
        Episode episode = record.value();
        requireNoStepAheadOfLearner(episode, state);

        List<Step> fresh = StaleSteps.fresh(episode.getSteps(), state.getVersion(),
                state.getSpec().getHyperparameters().getMaxVersionLag());
        BatchProgress batch = progress.get(modelId);
        batch.setDroppedStaleSteps(batch.getDroppedStaleSteps() + episode.getSteps().size() - fresh.size());
        if (!fresh.isEmpty()) {
            pendingEpisodes.put(LearnerStores.batchKey(modelId, batch.getNextSequence()),
                    new Episode(episode.getModelId(), episode.getEpisodeId(), fresh));
            batch.setNextSequence(batch.getNextSequence() + 1);
            batch.setEpisodes(batch.getEpisodes() + 1);
            batch.setSteps(batch.getSteps() + fresh.size());
        }
        if (BatchRule.isFull(batch.getEpisodes(), batch.getSteps(), state.getSpec().getHyperparameters())) {
            update(record, state, batch);
        } else {
            progress.put(modelId, batch);
        }
    }

    private LearnerState requireLiveModel(String modelId) {
        LearnerState state = liveModels.get(modelId);
        if (state == null) {
            state = models.get(modelId);
            if (state == null) {
                throw new RejectedRecordException("model " + modelId + " has not been declared to this learner");
            }
            liveModels.put(modelId, state);
        }
        return state;
    }

    private static void requireNoStepAheadOfLearner(Episode episode, LearnerState state) {
        Step ahead = StaleSteps.aheadOfLearner(episode.getSteps(), state.getVersion());
        if (ahead != null) {
            throw new RejectedRecordException("step " + ahead.getStepIndex() + " of episode " + episode.getEpisodeId()
                    + " was acted by version " + ahead.getPolicyVersion() + " of model " + episode.getModelId()
                    + ", which the learner has not published (latest " + state.getVersion() + ")");
        }
    }

    private void update(Record<String, Episode> record, LearnerState state, BatchProgress batch) {
        String modelId = record.key();
        List<Episode> episodes = takePendingEpisodes(modelId);
        PolicyTrainer.Outcome outcome = PolicyTrainer.update(modelId, state, episodes,
                batch.getDroppedStaleSteps(), record.timestamp());
        models.put(modelId, outcome.state());
        liveModels.put(modelId, outcome.state());
        progress.put(modelId, new BatchProgress(0, 0, 0, batch.getNextSequence()));
        LOG.info("model {} version {}: {} episodes, {} steps, mean return {}", modelId, outcome.state().getVersion(),
                outcome.report().getEpisodes(), outcome.report().getSteps(), outcome.report().getMeanReturn());
        context.forward(record.withValue(new PolicyUpdate(outcome.snapshot(), outcome.report())));
    }

    private List<Episode> takePendingEpisodes(String modelId) {
        List<Episode> episodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Episode> pending = pendingEpisodes.prefixScan(
                LearnerStores.batchPrefix(modelId), new StringSerializer())) {
            pending.forEachRemaining(entry -> {
                keys.add(entry.key);
                episodes.add(entry.value);
            });
        }
        keys.forEach(pendingEpisodes::delete);
        return episodes;
    }
}
