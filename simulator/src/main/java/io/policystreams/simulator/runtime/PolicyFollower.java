package io.policystreams.simulator.runtime;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one model on the compacted policies topic: reads it to its current end before it is used (no consumer
 * group; read_committed, so only versions the learner committed count), then keeps up, holding the newest version
 * of the model. A record that cannot be read is logged and skipped ({@link TolerantDeserializer}); the newest good
 * version stays.
 */
public final class PolicyFollower implements PolicySource, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private final String modelId;
    private final TopicReader<String, PolicySnapshot> policies;
    private PolicySnapshot latest;

    /** Follows {@code modelId} on the policies topic of {@code config}'s cluster. */
    public PolicyFollower(ClientConfig config, String modelId) {
        this.modelId = modelId;
        this.policies = new TopicReader<>(config.clientConfigs(), config.policiesTopic(), new StringDeserializer(),
                new TolerantDeserializer<>(config.avroSerde(PolicySnapshot.class).deserializer()),
                "simulator-policies");
        try {
            policies.readToEnd(CATCH_UP_TIMEOUT, this::keepIfNewer);
        } catch (RuntimeException e) {
            policies.close();
            throw e;
        }
    }

    @Override
    public PolicySnapshot latest() {
        policies.poll(Duration.ZERO, this::keepIfNewer);
        return latest;
    }

    @Override
    public PolicySnapshot awaitNewerThan(long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            policies.poll(POLL, this::keepIfNewer);
            if (latest != null && latest.getVersion() > version) {
                return latest;
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    private void keepIfNewer(ConsumerRecord<String, PolicySnapshot> record) {
        PolicySnapshot snapshot = record.value();
        if (modelId.equals(record.key()) && snapshot != null
                && (latest == null || snapshot.getVersion() > latest.getVersion())) {
            latest = snapshot;
        }
    }

    @Override
    public void close() {
        policies.close();
    }
}
