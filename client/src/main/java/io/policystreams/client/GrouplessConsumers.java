package io.policystreams.client;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings of a consumer that reads without a consumer group: any group id removed, nothing committed,
 * read_committed (only what a transaction committed counts), a client id of its own, and no topic created by asking
 * for it (a reader that starts before the learner must not create the learner's topics with the broker's defaults).
 * Such a consumer is assigned partitions and cannot disturb a live group.
 */
public final class GrouplessConsumers {

    private GrouplessConsumers() {
    }

    /** @param purpose part of the client id, e.g. {@code replay-steps} */
    public static Map<String, Object> configs(Map<String, Object> clientConfigs, String purpose) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "policy-streams-" + purpose + "-" + UUID.randomUUID());
        return configs;
    }
}
