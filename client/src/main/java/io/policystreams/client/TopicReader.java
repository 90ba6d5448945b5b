package io.policystreams.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads every partition of a topic from its start, without a consumer group ({@link GrouplessConsumers}): first
 * to the end the topic has when asked ({@link #readToEnd}), then, for a follower, whatever arrives later
 * ({@link #poll}). The one loop behind following the compacted policies topic, finding a model's latest
 * snapshot and reading a topic whole in tests.
 */
public final class TopicReader<K, V> implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final String topic;
    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions;

    /**
     * @param clientConfigs bootstrap.servers and security
     * @param purpose       part of the client id, e.g. {@code simulator-policies}
     * @throws UnknownTopicOrPartitionException when the topic does not exist
     */
    public TopicReader(Map<String, Object> clientConfigs, String topic, Deserializer<K> keys, Deserializer<V> values,
                       String purpose) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(GrouplessConsumers.configs(clientConfigs, purpose), keys, values);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist");
        }
        this.partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Hands every record up to the topic's end, as it is when called, to {@code each}.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    public void readToEnd(Duration timeout, Consumer<ConsumerRecord<K, V>> each) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read topic " + topic + " to its end within " + timeout);
            }
            poll(POLL, each);
        }
    }

    /** Hands what arrives within {@code wait} to {@code each}. */
    public void poll(Duration wait, Consumer<ConsumerRecord<K, V>> each) {
        consumer.poll(wait).forEach(each);
    }

    /** The records of {@code topic} from its start to its current end. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(Map<String, Object> clientConfigs, String topic,
                                                            Deserializer<K> keys, Deserializer<V> values,
                                                            Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (TopicReader<K, V> reader = new TopicReader<>(clientConfigs, topic, keys, values, "read-" + topic)) {
            reader.readToEnd(timeout, records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
