package io.policystreams.replay.log;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings of a consumer that reads without a consumer group: any group id removed, nothing committed,
 * read_committed, a client id of its own. Such a consumer is assigned partitions and cannot disturb a live group.
 */
public final class GrouplessConsumers {

    private GrouplessConsumers() {
    }

    /** @param purpose part of the client id, e.g. {@code steps} */
    public static Map<String, Object> configs(Map<String, Object> clientConfigs, String purpose) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "policy-streams-replay-" + purpose + "-" + UUID.randomUUID());
        return configs;
    }
}
