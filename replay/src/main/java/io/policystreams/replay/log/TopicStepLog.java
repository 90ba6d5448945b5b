package io.policystreams.replay.log;

import io.policystreams.client.GrouplessConsumers;
import io.policystreams.schemas.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The steps topic between two bounds, read without a consumer group (assigned partitions, nothing committed), so the
 * live learner's group and offsets are untouched. Partitions are merged by (timestamp, partition, offset): a fixed
 * order, close to the order the live learner saw, and the same on every read of the same range. The end of an
 * unbounded range is the log end when the read begins (read_committed: the last stable offset).
 */
public final class TopicStepLog implements StepLog {

    private static final int MAX_BUFFERED = 20_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL_LIMIT = Duration.ofMinutes(2);
    private static final Comparator<ConsumerRecord<byte[], byte[]>> ORDER =
            Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset);

    private final String topic;
    private final LogRange range;
    private final Deserializer<Step> values;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
    private final Map<TopicPartition, Long> stops = new HashMap<>();
    private final Map<TopicPartition, Long> starts = new HashMap<>();
    private final List<TopicPartition> unfinished = new ArrayList<>();
    private final long total;
    private long read;

    /** @param clientConfigs connection and security settings of the cluster; a group id, if any, is not used */
    public TopicStepLog(Map<String, Object> clientConfigs, String topic, Deserializer<Step> values, LogRange range) {
        this.topic = topic;
        this.range = range;
        this.values = values;
        Map<String, Object> configs = GrouplessConsumers.configs(clientConfigs, "replay-steps");
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.total = assignRange();
    }

    /** Resolves each partition's [start, stop) and seeks to the start; the number of offsets in the range. */
    private long assignRange() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        consumer.assign(partitions); // before the offset queries, which under read_committed track assigned ones
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> fromTimes = range.fromTime() == null ? Map.of()
                : consumer.offsetsForTimes(timestamps(partitions, range.fromTime()));
        Map<TopicPartition, OffsetAndTimestamp> toTimes = range.toTime() == null ? Map.of()
                : consumer.offsetsForTimes(timestamps(partitions, range.toTime()));
        long offsets = 0;
        for (TopicPartition tp : partitions) {
            long begin = beginnings.get(tp);
            long end = ends.get(tp);
            long start = clamp(bound(range.fromOffset(tp.partition()), range.fromTime(), fromTimes.get(tp), begin, end),
                    begin, end);
            long stop = clamp(bound(range.toOffset(tp.partition()), range.toTime(), toTimes.get(tp), end, end),
                    start, end);
            if (stop > start) {
                starts.put(tp, start);
                stops.put(tp, stop);
                buffers.put(tp, new ArrayDeque<>());
                unfinished.add(tp);
                offsets += stop - start;
            }
        }
        consumer.assign(unfinished);
        unfinished.forEach(tp -> consumer.seek(tp, starts.get(tp)));
        return offsets;
    }

    /** An offset bound, a time bound (no record at or after the time: the end), or the default. */
    private static long bound(Long offset, Long time, OffsetAndTimestamp byTime, long defaultOffset, long end) {
        if (offset != null) {
            return offset;
        }
        if (time != null) {
            return byTime == null ? end : byTime.offset();
        }
        return defaultOffset;
    }

    private static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(high, value));
    }

    private static Map<TopicPartition, Long> timestamps(List<TopicPartition> partitions, long time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, time));
        return query;
    }

    @Override
    public LoggedStep next() {
        fillEveryUnfinishedBuffer();
        ConsumerRecord<byte[], byte[]> first = null;
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer : buffers.values()) {
            if (!buffer.isEmpty() && (first == null || ORDER.compare(buffer.peekFirst(), first) < 0)) {
                first = buffer.peekFirst();
            }
        }
        if (first == null) {
            return null;
        }
        buffers.get(new TopicPartition(first.topic(), first.partition())).pollFirst();
        read++;
        return decode(first);
    }

    /** Polls until every partition still to be read has a record buffered, so the smallest head is the next. */
    private void fillEveryUnfinishedBuffer() {
        long stalledSince = System.nanoTime();
        while (unfinished.stream().anyMatch(tp -> buffers.get(tp).isEmpty())) {
            List<TopicPartition> full = unfinished.stream().filter(tp -> buffers.get(tp).size() >= MAX_BUFFERED)
                    .toList();
            consumer.pause(full);
            consumer.resume(unfinished.stream().filter(tp -> !full.contains(tp)).toList());
            int added = 0;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < stops.get(tp)) {
                    buffers.get(tp).addLast(record);
                    added++;
                }
            }
            unfinished.removeIf(tp -> consumer.position(tp) >= stops.get(tp));
            if (added > 0) {
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no records from " + unfinished + " for " + STALL_LIMIT
                        + " although the range has not been read to its end");
            }
        }
    }

    private LoggedStep decode(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            Step step = values.deserialize(record.topic(), record.headers(), record.value());
            if (step == null) {
                return LoggedStep.undecodable(key, "a tombstone (null value) is not a step", record.timestamp(),
                        position);
            }
            return LoggedStep.decoded(key, step, record.timestamp(), position);
        } catch (RuntimeException e) {
            return LoggedStep.undecodable(key, "undecodable: " + e.getMessage(), record.timestamp(), position);
        }
    }

    @Override
    public double progress() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) read / total);
    }

    @Override
    public String description() {
        StringBuilder partitions = new StringBuilder();
        starts.keySet().stream().sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(tp ->
                partitions.append(partitions.length() == 0 ? "" : ", ").append(tp.partition()).append(": [")
                        .append(starts.get(tp)).append(", ").append(stops.get(tp)).append(')'));
        return "topic " + topic + " " + range + " (offsets " + (partitions.length() == 0 ? "none" : partitions) + ")";
    }

    @Override
    public void close() {
        consumer.close();
        values.close();
    }
}
