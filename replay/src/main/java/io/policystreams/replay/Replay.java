package io.policystreams.replay;

import io.policystreams.binding.ModelSpecs;
import io.policystreams.learning.BatchRule;
import io.policystreams.learning.LearnerStates;
import io.policystreams.learning.PolicyTrainer;
import io.policystreams.replay.episodes.OfflineEpisodes;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.LearnerState;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Step;
import io.policystreams.schemas.TrainingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a new model on a recorded log through the learner's own update ({@link PolicyTrainer#replay}): episodes
 * are assembled by the learner's rules, batched by the new spec's batchEpisodes/batchSteps, and each batch updates
 * the model off-policy, weighted by the behaviour log-probs the steps carry. A pure function of the log's records
 * and the spec: the same log and spec give bit-identical parameters.
 */
public final class Replay {

    /** What a replay produced: the final state, and what it read, trained on and left out. */
    public record Result(LearnerState finalState, PolicySnapshot finalSnapshot, List<TrainingReport> reports,
                         long recordsRead, long episodesTrained, long stepsTrained, int leftoverEpisodes,
                         int incompleteEpisodes, OfflineEpisodes episodes) {

        /** Σ ESS / Σ steps over the updates: the share of the data the importance weights effectively keep. */
        public double effectiveSampleFraction() {
            double ess = 0.0;
            double steps = 0.0;
            for (TrainingReport report : reports) {
                ess += report.getEffectiveSampleSize() == null ? 0.0 : report.getEffectiveSampleSize();
                steps += report.getSteps();
            }
            return steps == 0.0 ? Double.NaN : ess / steps;
        }
    }

    /** Receives version 0 first, then every update's outcome. */
    public interface Updates {
        void initial(PolicySnapshot versionZero);

        void updated(PolicyTrainer.Outcome outcome);
    }

    private Replay() {
    }

    /**
     * @param spec          the new model's spec; its model id names the new model
     * @param sourceModelId the recorded model whose steps are replayed; must differ from the new model id
     * @param progress      called after each record with the count read
     */
    public static Result run(ModelSpec spec, String sourceModelId, StepLog log, int maxEpisodeSteps, Updates updates,
                             Consumer<Long> progress) {
        String modelId = spec.getModelId();
        if (modelId.equals(sourceModelId)) {
            throw new IllegalArgumentException("replay trains a new model: its id must differ from the recorded "
                    + "model's (" + sourceModelId + ")");
        }
        LearnerState state = LearnerStates.initial(ModelSpecs.bind(spec), 0L);
        Hyperparameters h = spec.getHyperparameters();
        OfflineEpisodes episodes = new OfflineEpisodes(sourceModelId, spec, maxEpisodeSteps);
        List<Episode> batch = new ArrayList<>();
        long batchSteps = 0;
        long records = 0;
        long episodesTrained = 0;
        long stepsTrained = 0;
        PolicySnapshot latest = null;
        List<TrainingReport> reports = new ArrayList<>();
        for (LoggedStep record = log.next(); record != null; record = log.next()) {
            records++;
            if (latest == null) {
                latest = LearnerStates.snapshot(modelId, state, record.timestamp());
                updates.initial(latest);
            }
            Episode episode = episodes.add(record);
            if (episode != null) {
                batch.add(episode);
                batchSteps += episode.getSteps().size();
                if (BatchRule.isFull(batch.size(), batchSteps, h)) {
                    PolicyTrainer.Outcome outcome = PolicyTrainer.replay(modelId, state, batch, lastEventTime(batch));
                    state = outcome.state();
                    latest = outcome.snapshot();
                    reports.add(outcome.report());
                    episodesTrained += batch.size();
                    stepsTrained += batchSteps;
                    updates.updated(outcome);
                    batch = new ArrayList<>();
                    batchSteps = 0;
                }
            }
            progress.accept(records);
        }
        if (latest == null) {
            throw new IllegalArgumentException("the log holds no records: " + log.description());
        }
        return new Result(state, latest, List.copyOf(reports), records, episodesTrained, stepsTrained, batch.size(), episodes.incomplete(),
                episodes);
    }

    /** The time an update is stamped with: the latest event time in its batch, so output is a function of input. */
    private static long lastEventTime(List<Episode> batch) {
        long latest = Long.MIN_VALUE;
        for (Episode episode : batch) {
            for (Step step : episode.getSteps()) {
                latest = Math.max(latest, step.getEventTime().toEpochMilli());
            }
        }
        return latest;
    }
}
