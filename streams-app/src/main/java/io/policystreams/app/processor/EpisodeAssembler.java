package io.policystreams.app.processor;

import io.policystreams.app.errors.DeadLetters;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects an episode's steps (key: episode id) in the {@value #STORE} store, in step-index order: a duplicate
 * index is ignored, out-of-order steps are placed. The episode is emitted once its terminated or truncated step
 * and every step before it have arrived; a marker then stays until the idle timeout so late duplicates are
 * ignored too. Every expiry interval (wall clock) an incomplete episode idle past the timeout is emitted as
 * expired, for its steps to be dead-lettered with the reason.
 */
public final class EpisodeAssembler implements Processor<String, Step, String, AssembledEpisode> {

    public static final String STORE = "episode-buffers";
    /** The value of the exception header on the dead-lettered steps of an expired episode. */
    public static final String EXPIRED = "episode-expired";

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeAssembler.class);

    private final Duration idleTimeout;
    private final Duration expiryInterval;
    private ProcessorContext<String, AssembledEpisode> context;
    private KeyValueStore<String, EpisodeBuffer> buffers;

    public EpisodeAssembler(Duration idleTimeout, Duration expiryInterval) {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || expiryInterval.isNegative() || expiryInterval.isZero()) {
            throw new IllegalArgumentException("idle timeout and expiry interval must be positive, were "
                    + idleTimeout + " and " + expiryInterval);
        }
        this.idleTimeout = idleTimeout;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, AssembledEpisode> context) {
        this.context = context;
        this.buffers = context.getStateStore(STORE);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expireIdleEpisodes);
    }

    @Override
    public void process(Record<String, Step> record) {
        Step step = record.value();
        EpisodeBuffer buffer = buffers.get(record.key());
        if (buffer == null) {
            buffer = new EpisodeBuffer(step.getModelId(), new ArrayList<>(), false, Instant.EPOCH);
        }
        requireSameModel(buffer, step);
        if (buffer.getEmitted() || isDuplicate(buffer, step)) {
            LOG.debug("ignoring duplicate step {} of episode {}", step.getStepIndex(), step.getEpisodeId());
            return;
        }
        requireConsistentEnd(buffer, step);
        placeInOrder(buffer.getSteps(), step);
        buffer.setLastActivity(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (isComplete(buffer.getSteps())) {
            context.forward(record.withValue(AssembledEpisode.complete(
                    new Episode(step.getModelId(), step.getEpisodeId(), buffer.getSteps()))));
            buffer.setSteps(new ArrayList<>());
            buffer.setEmitted(true);
        }
        buffers.put(record.key(), buffer);
    }

    private static void requireSameModel(EpisodeBuffer buffer, Step step) {
        if (!buffer.getModelId().equals(step.getModelId())) {
            throw new RejectedRecordException("episode " + step.getEpisodeId() + " belongs to model "
                    + buffer.getModelId() + "; this step names model " + step.getModelId());
        }
    }

    private static boolean isDuplicate(EpisodeBuffer buffer, Step step) {
        return buffer.getSteps().stream().anyMatch(s -> s.getStepIndex() == step.getStepIndex());
    }

    private static void requireConsistentEnd(EpisodeBuffer buffer, Step step) {
        List<Step> steps = buffer.getSteps();
        if (steps.isEmpty()) {
            return;
        }
        Step last = steps.get(steps.size() - 1);
        if (ends(last) && step.getStepIndex() > last.getStepIndex()) {
            throw new RejectedRecordException("episode " + step.getEpisodeId() + " ended at step "
                    + last.getStepIndex() + "; step " + step.getStepIndex() + " comes after its end");
        }
        if (ends(step) && step.getStepIndex() < last.getStepIndex()) {
            throw new RejectedRecordException("step " + step.getStepIndex() + " ends episode " + step.getEpisodeId()
                    + ", but step " + last.getStepIndex() + " was already received");
        }
    }

    private static void placeInOrder(List<Step> steps, Step step) {
        int position = steps.size();
        while (position > 0 && steps.get(position - 1).getStepIndex() > step.getStepIndex()) {
            position--;
        }
        steps.add(position, step);
    }

    /** Steps 0..T−1 without gaps (they are ordered and unique), the last one ending the episode. */
    private static boolean isComplete(List<Step> steps) {
        Step last = steps.get(steps.size() - 1);
        return ends(last) && last.getStepIndex() == steps.size() - 1;
    }

    private static boolean ends(Step step) {
        return step.getTerminated() || step.getTruncated();
    }

    private void expireIdleEpisodes(long now) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, EpisodeBuffer> all = buffers.all()) {
            while (all.hasNext()) {
                KeyValue<String, EpisodeBuffer> entry = all.next();
                EpisodeBuffer buffer = entry.value;
                if (now - buffer.getLastActivity().toEpochMilli() < idleTimeout.toMillis()) {
                    continue;
                }
                if (!buffer.getEmitted()) {
                    deadLetter(entry.key, buffer, now);
                }
                idle.add(entry.key);
            }
        }
        idle.forEach(buffers::delete);
    }

    private void deadLetter(String episodeId, EpisodeBuffer buffer, long now) {
        String reason = "episode " + episodeId + " of model " + buffer.getModelId() + " was idle for "
                + (now - buffer.getLastActivity().toEpochMilli()) + " ms (episode.idle.timeout.ms " + idleTimeout.toMillis()
                + ") and incomplete: " + EpisodeGaps.describe(buffer.getSteps());
        LOG.warn("dead-lettering {}", reason);
        context.forward(new Record<>(episodeId,
                AssembledEpisode.expired(new Episode(buffer.getModelId(), episodeId, buffer.getSteps())), now,
                DeadLetters.addReason(new RecordHeaders(), EXPIRED, reason)));
    }
}
