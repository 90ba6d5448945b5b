package io.policystreams.replay;

import io.policystreams.client.ClientConfig;
import io.policystreams.client.TopicReader;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.serde.TolerantDeserializer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The latest published snapshot of a model, read from the compacted policies topic without a consumer group; a
 * record that cannot be read is logged and skipped ({@link TolerantDeserializer}).
 */
public final class PublishedPolicies {

    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private PublishedPolicies() {
    }

    /** The newest version of {@code modelId} on {@code cluster}'s policies topic, or null if none was published. */
    public static PolicySnapshot latest(ClientConfig cluster, String modelId) {
        AtomicReference<PolicySnapshot> latest = new AtomicReference<>();
        try (TopicReader<String, PolicySnapshot> policies = new TopicReader<>(cluster.clientConfigs(),
                cluster.policiesTopic(), new StringDeserializer(),
                new TolerantDeserializer<>(cluster.avroSerde(PolicySnapshot.class).deserializer()),
                "replay-policies")) {
            policies.readToEnd(READ_LIMIT, record -> {
                PolicySnapshot snapshot = record.value();
                if (modelId.equals(record.key()) && snapshot != null
                        && (latest.get() == null || snapshot.getVersion() > latest.get().getVersion())) {
                    latest.set(snapshot);
                }
            });
        }
        return latest.get();
    }
}
