package io.policystreams.simulator.runtime;

import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.serde.AvroSerdes;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one model on the compacted policies topic: reads every partition from the start to its current end
 * before it is used (no consumer group; read_committed, so only versions the learner committed count), then
 * keeps up, holding the newest version of the model. A record that cannot be read is logged and skipped
 * ({@link TolerantDeserializer}); the newest good version stays.
 */
public final class PolicyFollower implements PolicySource, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private final String modelId;
    private final KafkaConsumer<String, PolicySnapshot> consumer;
    private PolicySnapshot latest;

    /** @param clientConfigs bootstrap.servers, security and the registry settings of the serde */
    public PolicyFollower(Map<String, Object> clientConfigs, String policiesTopic, String modelId) {
        this.modelId = modelId;
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(configs, new StringDeserializer(), new TolerantDeserializer<>(
                AvroSerdes.forType(PolicySnapshot.class, configs, false).deserializer()));
        List<PartitionInfo> partitions = consumer.partitionsFor(policiesTopic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + policiesTopic + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(policiesTopic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        catchUp(assigned);
    }

    /** Reads up to the end of the topic as it is now, so {@link #latest} starts from the newest version. */
    private void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CATCH_UP_TIMEOUT);
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the policies topic to its end within "
                        + CATCH_UP_TIMEOUT);
            }
            read(POLL);
        }
    }

    @Override
    public PolicySnapshot latest() {
        read(Duration.ZERO);
        return latest;
    }

    @Override
    public PolicySnapshot awaitNewerThan(long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            read(POLL);
            if (latest != null && latest.getVersion() > version) {
                return latest;
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    private void read(Duration wait) {
        for (ConsumerRecord<String, PolicySnapshot> record : consumer.poll(wait)) {
            PolicySnapshot snapshot = record.value();
            if (modelId.equals(record.key()) && snapshot != null
                    && (latest == null || snapshot.getVersion() > latest.getVersion())) {
                latest = snapshot;
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
