package io.policystreams.app.topic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that do not exist yet; existing ones are left as they are, except that a policies topic too
 * small for the largest snapshot accepted may be raised ({@link #ensureMaxMessageBytes}).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Creates the absent topics of {@code topics}; returns the names it created. */
    public static List<String> createMissing(Map<String, Object> adminConfigs, List<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(adminConfigs)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                LOG.info("another instance created a topic concurrently: {}", e.getCause().getMessage());
            }
            missing.forEach(topic -> LOG.info("created topic {} ({} partitions, {})", topic.name(),
                    topic.numPartitions(), topic.configs() == null ? "delete" : topic.configs()));
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /**
     * Makes sure {@code topic} accepts records of {@code bytes}: its effective max.message.bytes is raised to that
     * if {@code raise}, else a too-small topic is a {@link ConfigException} that names the fix. The learner would
     * otherwise fail on the first snapshot the topic refuses.
     */
    public static void ensureMaxMessageBytes(Map<String, Object> adminConfigs, String topic, int bytes, boolean raise)
            throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(adminConfigs)) {
            ConfigEntry entry;
            try {
                entry = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthorizationException)) {
                    throw e;
                }
                LOG.warn("cannot check that topic {} accepts snapshots of policy.max.bytes (not authorized to "
                        + "describe its configs); make sure its max.message.bytes is at least {}", topic, bytes);
                return;
            }
            int accepted = entry == null ? 0 : Integer.parseInt(entry.value());
            if (accepted >= bytes) {
                return;
            }
            if (!raise) {
                throw new ConfigException("topic " + topic + " accepts records of " + accepted + " bytes (max.message."
                        + "bytes), fewer than the " + bytes + " that policy.max.bytes needs; raise the topic's "
                        + "max.message.bytes or lower policy.max.bytes");
            }
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                    AlterConfigOp.OpType.SET)))).all().get();
            LOG.info("raised max.message.bytes of topic {} from {} to {} for policy.max.bytes", topic, accepted, bytes);
        }
    }

    /**
     * Makes sure the decisions and rewards topics have as many partitions as each other, so that a decision and its
     * rewards (same key) meet on one learner task; a {@link ConfigException} naming both counts otherwise.
     */
    public static void requireCoPartitioned(Map<String, Object> adminConfigs, String decisions, String rewards)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(adminConfigs)) {
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(List.of(decisions, rewards)).allTopicNames().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new ConfigException("the learner reads topics " + decisions + " and " + rewards + " (the "
                            + "decisions and their later rewards), and one is missing: create both, with as many "
                            + "partitions, or start with topics.create=true: " + e.getCause().getMessage());
                }
                if (!(e.getCause() instanceof AuthorizationException)) {
                    throw e;
                }
                LOG.warn("cannot check that topics {} and {} have as many partitions (not authorized to describe "
                        + "them); make sure they do", decisions, rewards);
                return;
            }
            int decisionPartitions = described.get(decisions).partitions().size();
            int rewardPartitions = described.get(rewards).partitions().size();
            if (decisionPartitions != rewardPartitions) {
                throw new ConfigException("topic " + decisions + " has " + decisionPartitions + " partitions and "
                        + "topic " + rewards + " " + rewardPartitions + "; they need as many, so that a decision and "
                        + "its rewards meet on one learner task");
            }
        }
    }
}
