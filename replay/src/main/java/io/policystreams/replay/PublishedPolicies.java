package io.policystreams.replay;

import io.policystreams.replay.log.GrouplessConsumers;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The latest published snapshot of a model, read from the compacted policies topic without a consumer group; a
 * record that cannot be read is logged and skipped ({@link TolerantDeserializer}).
 */
public final class PublishedPolicies {

    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private PublishedPolicies() {
    }

    /** The newest version of {@code modelId} on the topic, or null if none was published. */
    public static PolicySnapshot latest(Map<String, Object> clientConfigs, String topic,
                                        Deserializer<PolicySnapshot> values, String modelId) {
        try (KafkaConsumer<String, PolicySnapshot> consumer = new KafkaConsumer<>(
                GrouplessConsumers.configs(clientConfigs, "policies"), new StringDeserializer(),
                new TolerantDeserializer<>(values))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            PolicySnapshot latest = null;
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end in " + READ_LIMIT);
                }
                for (ConsumerRecord<String, PolicySnapshot> record : consumer.poll(Duration.ofMillis(200))) {
                    PolicySnapshot snapshot = record.value();
                    if (modelId.equals(record.key()) && snapshot != null
                            && (latest == null || snapshot.getVersion() > latest.getVersion())) {
                        latest = snapshot;
                    }
                }
            }
            return latest;
        }
    }
}
