package io.policystreams.app.processor;

import io.policystreams.app.errors.DeadLetters;
import io.policystreams.app.errors.RejectedRecordException;
import io.policystreams.app.metrics.LearnerMetrics;
import io.policystreams.binding.Trajectories;
import io.policystreams.learning.EpisodeRules;
import io.policystreams.learning.Ids;
import io.policystreams.learning.StepRules;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.EpisodeBuffer;
import io.policystreams.schemas.SourceOffset;
import io.policystreams.schemas.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * Collects an episode's steps (key: episode id): each step in {@value #STEPS} under (episode id, step index), so
 * a step costs one small write however long the episode, with where it was read in {@value #SOURCES}; a summary
 * per episode in {@value #BUFFERS}. A duplicate
 * index is ignored; out-of-order steps are placed by their index. The episode is emitted, in index order, once its
 * terminated or truncated step and every step before it have arrived; its summary then stays as a marker until
 * the idle timeout, so late duplicates are ignored too. Every expiry interval (wall clock), an incomplete episode
 * idle past the timeout is emitted step by step as expired, each to be dead-lettered with the reason and its
 * input's coordinates. The episodes waiting per model are counted in {@link LearnerMetrics}: this task's counts
 * join the instance's when the task starts here, and leave with it.
 */
public final class EpisodeAssembler implements Processor<String, Step, String, AssembledEpisode> {

    public static final String BUFFERS = "episode-buffers";
    public static final String STEPS = "episode-steps";
    /** Where each buffered step was read, under the same key as in {@value #STEPS}. */
    public static final String SOURCES = "episode-step-sources";
    /** The value of the exception header on the dead-lettered steps of an expired episode. */
    public static final String EXPIRED = "episode-expired";

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeAssembler.class);


    private final Duration idleTimeout;
    private final Duration expiryInterval;
    private final long maxEpisodeBytes;
    private final LearnerMetrics metrics;
    /** Per model, this task's episodes that have steps and are not yet emitted. */
    private final Map<String, Long> waiting = new HashMap<>();
    private ProcessorContext<String, AssembledEpisode> context;
    private KeyValueStore<String, EpisodeBuffer> buffers;
    private KeyValueStore<String, Step> steps;
    private KeyValueStore<String, SourceOffset> sources;

    /** @param maxEpisodeBytes bound of an assembled episode's size, so that it can be written as one record */
    public EpisodeAssembler(Duration idleTimeout, Duration expiryInterval, long maxEpisodeBytes,
                            LearnerMetrics metrics) {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || expiryInterval.isNegative() || expiryInterval.isZero()
                || maxEpisodeBytes < 1) {
            throw new IllegalArgumentException("idle timeout, expiry interval and maxEpisodeBytes must be positive, "
                    + "were " + idleTimeout + ", " + expiryInterval + " and " + maxEpisodeBytes);
        }
        this.idleTimeout = idleTimeout;
        this.expiryInterval = expiryInterval;
        this.maxEpisodeBytes = maxEpisodeBytes;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, AssembledEpisode> context) {
        this.context = context;
        this.buffers = context.getStateStore(BUFFERS);
        this.steps = context.getStateStore(STEPS);
        this.sources = context.getStateStore(SOURCES);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expireIdleEpisodes);
        try (KeyValueIterator<String, EpisodeBuffer> all = buffers.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.value.getEmitted()) {
                    countWaiting(entry.value.getModelId(), 1);
                }
            });
        }
    }

    @Override
    public void close() {
        waiting.forEach((modelId, episodes) -> metrics.episodesWaiting(modelId, -episodes));
        waiting.clear();
    }

    private void countWaiting(String modelId, long change) {
        waiting.merge(modelId, change, Long::sum);
        metrics.episodesWaiting(modelId, change);
    }

    @Override
    public void process(Record<String, Step> record) {
        String episodeId = record.key();
        Step step = record.value();
        EpisodeBuffer buffer = buffers.get(episodeId);
        boolean first = buffer == null;
        if (first) {
            buffer = new EpisodeBuffer(step.getModelId(), 0, -1, -1, false, 0L, Instant.EPOCH);
        }
        EpisodeRules.violation(progress(buffer), step).ifPresent(reason -> {
            throw new RejectedRecordException(reason);
        });
        if (buffer.getEmitted() || isDuplicate(episodeId, step)) {
            LOG.debug("ignoring duplicate step {} of episode {}", step.getStepIndex(), episodeId);
            return;
        }
        long bytes = requireRoomFor(buffer, step);
        remember(episodeId, buffer, step, bytes);
        if (EpisodeRules.isComplete(buffer.getEndIndex(), buffer.getReceived())) {
            context.forward(record.withValue(AssembledEpisode.complete(takeEpisode(episodeId, step.getModelId()))));
            buffer.setReceived(0);
            buffer.setBytes(0L);
            buffer.setEmitted(true);
            if (!first) {
                countWaiting(step.getModelId(), -1);
            }
        } else if (first) {
            countWaiting(step.getModelId(), 1);
        }
        buffers.put(episodeId, buffer);
    }

    private static EpisodeRules.Progress progress(EpisodeBuffer buffer) {
        return new EpisodeRules.Progress(buffer.getModelId(), buffer.getEndIndex(), buffer.getHighestIndex());
    }

    private boolean isDuplicate(String episodeId, Step step) {
        return steps.get(stepKey(episodeId, step.getStepIndex())) != null;
    }

    /**
     * The steps received so far, this one included, must fit one record of maxEpisodeBytes; returns their size
     * bound with this step.
     */
    private long requireRoomFor(EpisodeBuffer buffer, Step step) {
        long bytes = buffer.getBytes() + StepRules.encodedSize(step);
        if (bytes > maxEpisodeBytes) {
            throw new RejectedRecordException("episode " + step.getEpisodeId() + " would take about " + bytes
                    + " bytes with step " + step.getStepIndex() + ", over episode.max.bytes " + maxEpisodeBytes);
        }
        return bytes;
    }

    /** Stores the step and its source; {@code bytes} is the episode's size bound with it. */
    private void remember(String episodeId, EpisodeBuffer buffer, Step step, long bytes) {
        String key = stepKey(episodeId, step.getStepIndex());
        steps.put(key, step);
        context.recordMetadata().ifPresent(source -> sources.put(key,
                new SourceOffset(source.topic(), source.partition(), source.offset())));
        buffer.setReceived(buffer.getReceived() + 1);
        buffer.setBytes(bytes);
        buffer.setHighestIndex(Math.max(buffer.getHighestIndex(), step.getStepIndex()));
        if (Trajectories.ends(step)) {
            buffer.setEndIndex(step.getStepIndex());
        }
        buffer.setLastActivity(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    /** The episode's steps in index order, with where each was read, removed from the stores. */
    private Episode takeEpisode(String episodeId, String modelId) {
        List<Step> episode = new ArrayList<>();
        List<SourceOffset> read = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Step> stored = steps.prefixScan(stepPrefix(episodeId), new StringSerializer())) {
            stored.forEachRemaining(entry -> {
                keys.add(entry.key);
                episode.add(entry.value);
            });
        }
        for (String key : keys) {
            SourceOffset source = sources.delete(key);
            read.add(source == null ? unknownSource() : source);
            steps.delete(key);
        }
        return new Episode(modelId, episodeId, episode, read);
    }

    private void expireIdleEpisodes(long now) {
        List<KeyValue<String, EpisodeBuffer>> idle = new ArrayList<>();
        try (KeyValueIterator<String, EpisodeBuffer> all = buffers.all()) {
            all.forEachRemaining(entry -> {
                if (now - entry.value.getLastActivity().toEpochMilli() >= idleTimeout.toMillis()) {
                    idle.add(entry);
                }
            });
        }
        for (KeyValue<String, EpisodeBuffer> entry : idle) {
            if (!entry.value.getEmitted()) {
                deadLetter(entry.key, entry.value, takeEpisode(entry.key, entry.value.getModelId()), now);
                countWaiting(entry.value.getModelId(), -1);
            }
            buffers.delete(entry.key);
        }
    }

    /** One dead letter per received step, each with the reason and where the step was read. */
    private void deadLetter(String episodeId, EpisodeBuffer buffer, Episode received, long now) {
        String reason = "episode " + episodeId + " of model " + buffer.getModelId() + " was idle for "
                + (now - buffer.getLastActivity().toEpochMilli()) + " ms (episode.idle.timeout.ms "
                + idleTimeout.toMillis() + ") and incomplete: " + EpisodeGaps.describe(received.getSteps());
        LOG.warn("dead-lettering {}", reason);
        for (int i = 0; i < received.getSteps().size(); i++) {
            SourceOffset source = received.getSources().get(i);
            context.forward(new Record<>(episodeId, AssembledEpisode.expired(received.getSteps().get(i)), now,
                    DeadLetters.addSource(DeadLetters.addReason(new RecordHeaders(), EXPIRED, reason),
                            source.getTopic(), source.getPartition(), source.getOffset())));
        }
    }

    /** The source of a step buffered before sources were kept (an upgrade from an older learner). */
    static SourceOffset unknownSource() {
        return new SourceOffset("unknown", -1, -1L);
    }

    /** The key of step t of an episode: sorts by t under {@link #stepPrefix}. */
    static String stepKey(String episodeId, int t) {
        return stepPrefix(episodeId) + StoreKeys.zeroPadded(t, 10);
    }

    private static String stepPrefix(String episodeId) {
        return Ids.keyPrefix(episodeId);
    }
}
