package io.policystreams.app.processor;

import io.policystreams.app.errors.DeadLetters;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.learning.BatchRule;
import io.policystreams.learning.PolicyTrainer;
import io.policystreams.learning.StaleSteps;
import io.policystreams.schemas.BatchProgress;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.SourceOffset;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * more than maxVersionLag versions (counted as dropped; see {@link StaleSteps}). Once the batch holds batchEpisodes
 * episodes or batchSteps steps, {@link PolicyTrainer} updates the model, and the new version is stored and
 * published with its report, stamped no earlier than the model's previous one.
 *
 * <p>One model's failure is that model's alone. An update that fails (a non-finite return, loss or parameter, or
 * any other error) leaves the model at its version; the batch's steps are dead-lettered with the reason and a
 * report says so. After {@code maxFailedUpdates} failures in a row the model is marked failed, and its later steps
 * are dead-lettered. Steps of an undeclared model, or acted by a version never published, are dead-lettered too.
 *
 * <p>A model's state (hundreds of kilobytes for an MLP) is read from its store once per task initialisation and
 * kept in step with every write; {@link ModelDeclarations} only ever writes a model that is absent.
 */
public final class Learner implements Processor<String, Episode, String, LearnerOutput> {

    /** The exception header of the steps of a batch whose update failed. */
    public static final String UPDATE_FAILED = "update-failed";
    /** The exception header of the steps of a model marked failed. */
    public static final String MODEL_FAILED = "model-failed";

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    private final int maxFailedUpdates;
    private final LearnerMetrics metrics;
    private ProcessorContext<String, LearnerOutput> context;
    private KeyValueStore<String, LearnerState> models;
    private KeyValueStore<String, BatchProgress> progress;
    private KeyValueStore<String, Episode> pendingEpisodes;
    private Map<String, LearnerState> liveModels;

    public Learner(int maxFailedUpdates, LearnerMetrics metrics) {
        if (maxFailedUpdates < 1) {
            throw new IllegalArgumentException("maxFailedUpdates must be >= 1, was " + maxFailedUpdates);
        }
        this.maxFailedUpdates = maxFailedUpdates;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, LearnerOutput> context) {
        this.context = context;
        this.models = context.getStateStore(LearnerStoreLayout.MODELS);
        this.progress = context.getStateStore(LearnerStoreLayout.BATCH_PROGRESS);
        this.pendingEpisodes = context.getStateStore(LearnerStoreLayout.BATCH_EPISODES);
        this.liveModels = new HashMap<>();
    }

    @Override
    public void process(Record<String, Episode> record) {
        String modelId = record.key();
        Episode episode = record.value();
        LearnerState state = liveModel(modelId);
        String rejection = rejection(modelId, episode, state);
        if (rejection != null) {
            deadLetter(episode, rejectionName(state), rejection, record.timestamp());
            return;
        }
        List<Step> fresh = StaleSteps.fresh(episode.getSteps(), state.getVersion(),
                state.getSpec().getHyperparameters().getMaxVersionLag());
        BatchProgress batch = progress.get(modelId);
        batch.setDroppedStaleSteps(batch.getDroppedStaleSteps() + episode.getSteps().size() - fresh.size());
        if (!fresh.isEmpty()) {
            pendingEpisodes.put(LearnerStoreLayout.batchKey(modelId, batch.getNextSequence()), suffix(episode, fresh));
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

    private LearnerState liveModel(String modelId) {
        LearnerState state = liveModels.get(modelId);
        if (state == null) {
            state = models.get(modelId);
            if (state != null) {
                liveModels.put(modelId, state);
                metrics.known(modelId, state.getVersion(), state.getStepsConsumed(), state.getEpisodesConsumed());
            }
        }
        return state;
    }

    /** Why the episode cannot join its model's batch; null if it can. */
    private static String rejection(String modelId, Episode episode, LearnerState state) {
        if (state == null) {
            return "model " + modelId + " has not been declared to this learner";
        }
        if (state.getFailure() != null) {
            return "model " + modelId + " failed at version " + state.getVersion() + " (" + state.getFailure()
                    + "); declare it again under a new model id";
        }
        Step ahead = StaleSteps.aheadOfLearner(episode.getSteps(), state.getVersion());
        if (ahead != null) {
            return "step " + ahead.getStepIndex() + " of episode " + episode.getEpisodeId() + " was acted by version "
                    + ahead.getPolicyVersion() + " of model " + modelId + ", which the learner has not published "
                    + "(latest " + state.getVersion() + ")";
        }
        return null;
    }

    /** The exception header of a rejected episode's dead letters. */
    private static String rejectionName(LearnerState state) {
        return state != null && state.getFailure() != null ? MODEL_FAILED : RejectedRecordException.class.getName();
    }

    private void update(Record<String, Episode> record, LearnerState state, BatchProgress batch) {
        String modelId = record.key();
        List<Episode> episodes = takePendingEpisodes(modelId);
        long createdAt = Math.max(record.timestamp(), state.getLastPublishedAt().toEpochMilli());
        PolicyTrainer.Outcome outcome;
        long started = System.nanoTime();
        try {
            outcome = PolicyTrainer.update(modelId, state, episodes, batch.getDroppedStaleSteps(), createdAt);
        } catch (RuntimeException e) {
            metrics.updateFailed(modelId, state.getVersion(), Duration.ofNanos(System.nanoTime() - started));
            failedUpdate(modelId, state, batch, episodes, e, createdAt);
            return;
        }
        metrics.updated(modelId, outcome.report(), outcome.state().getStepsConsumed(),
                outcome.state().getEpisodesConsumed(), Duration.ofNanos(System.nanoTime() - started));
        keep(modelId, outcome.state());
        progress.put(modelId, new BatchProgress(0, 0, 0, batch.getNextSequence(), 0));
        LOG.info("model {} version {}: {} episodes, {} steps, mean return {}", modelId, outcome.state().getVersion(),
                outcome.report().getEpisodes(), outcome.report().getSteps(),
                String.format("%.1f", outcome.report().getMeanReturn()));
        context.forward(new Record<>(modelId, LearnerOutput.update(outcome.snapshot(), outcome.report()),
                createdAt));
    }

    /** The batch is dead-lettered and the model stays at its version; too many failures in a row fail the model. */
    private void failedUpdate(String modelId, LearnerState state, BatchProgress batch, List<Episode> episodes,
                              RuntimeException cause, long createdAt) {
        int failures = batch.getFailedUpdates() + 1;
        boolean modelFails = failures >= maxFailedUpdates;
        String reason = "the update of model " + modelId + " from version " + state.getVersion() + " failed ("
                + failures + " in a row): " + cause;
        if (modelFails) {
            LOG.error("{}; its batch is dead-lettered and the model marked failed", reason, cause);
        } else {
            LOG.warn("{}; its batch is dead-lettered and the model stays at its version", reason, cause);
        }
        LearnerState kept = LearnerState.newBuilder(state).setLastPublishedAt(Instant.ofEpochMilli(createdAt))
                .setFailure(modelFails ? reason : null).build();
        keep(modelId, kept);
        progress.put(modelId, new BatchProgress(0, 0, 0, batch.getNextSequence(), failures));
        for (Episode episode : episodes) {
            deadLetter(episode, UPDATE_FAILED, reason, createdAt);
        }
        context.forward(new Record<>(modelId, LearnerOutput.failedUpdate(PolicyTrainer.failureReport(modelId,
                state.getVersion(), episodes, batch.getDroppedStaleSteps(), reason, modelFails, createdAt)),
                createdAt));
    }

    private void keep(String modelId, LearnerState state) {
        models.put(modelId, state);
        liveModels.put(modelId, state);
    }

    /** The episode with only its {@code fresh} steps, a suffix of its steps, and their sources. */
    private static Episode suffix(Episode episode, List<Step> fresh) {
        List<SourceOffset> sources = episode.getSources();
        int dropped = episode.getSteps().size() - fresh.size();
        return new Episode(episode.getModelId(), episode.getEpisodeId(), fresh,
                sources.size() == episode.getSteps().size() ? sources.subList(dropped, sources.size()) : List.of());
    }

    /** One dead letter per step, with the reason and, where known, where the step was read. */
    private void deadLetter(Episode episode, String exception, String reason, long timestamp) {
        List<Step> steps = episode.getSteps();
        LOG.warn("dead-lettering {} steps: {}", steps.size(), reason);
        boolean sourcesKnown = episode.getSources().size() == steps.size();
        for (int i = 0; i < steps.size(); i++) {
            Headers headers = DeadLetters.addReason(new RecordHeaders(), exception, reason);
            if (sourcesKnown) {
                SourceOffset source = episode.getSources().get(i);
                DeadLetters.addSource(headers, source.getTopic(), source.getPartition(), source.getOffset());
            }
            context.forward(new Record<>(steps.get(i).getEpisodeId(), LearnerOutput.rejected(steps.get(i)),
                    timestamp, headers));
        }
    }

    /** This task's models leave this instance's metrics, to show up wherever the task goes next. */
    @Override
    public void close() {
        liveModels.keySet().forEach(metrics::forget);
    }

    private List<Episode> takePendingEpisodes(String modelId) {
        List<Episode> episodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Episode> pending = pendingEpisodes.prefixScan(
                LearnerStoreLayout.batchPrefix(modelId), new StringSerializer())) {
            pending.forEachRemaining(entry -> {
                keys.add(entry.key);
                episodes.add(entry.value);
            });
        }
        keys.forEach(pendingEpisodes::delete);
        return episodes;
    }
}
